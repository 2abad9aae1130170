import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../common/config/config.module.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { endOfNthWorkingDay } from '../../booking/smiley/working-days.js';
import { MessagingRepository } from '../messaging.repository.js';

/** The time-based messages: what is due at `now`, found in PostgreSQL; repeating a scan adds nothing (unique keys). */
@Injectable()
export class MessageSchedulerService {
  constructor(
    @Inject(MessagingRepository) private readonly messages: MessagingRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async scan(now = new Date()): Promise<{ reminders: number; bookNow: number }> {
    const reminders = await this.messages.insertDueReminders(now);
    const { end } = endOfNthWorkingDay(now, this.config.messaging.bookNowClosingWorkingDays, new Set());
    const bookNow = await this.messages.insertBookNow(now, end);
    return { reminders, bookNow };
  }
}
