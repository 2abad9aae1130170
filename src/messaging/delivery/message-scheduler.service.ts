import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../common/config/config.module.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { endOfNthWorkingDay } from '../../booking/smiley/working-days.js';
import { Clock } from '../../shared/time/clock.js';
import { addDays, localDate, localInstant } from '../../shared/time/index.js';
import type { Queryable } from '../../common/database/queryable.js';
import { MessagingRepository } from '../messaging.repository.js';

/** The time-based messages: what is due at `now`, found in PostgreSQL; repeating a scan adds nothing (unique keys). */
@Injectable()
export class MessageSchedulerService {
  constructor(
    @Inject(MessagingRepository) private readonly messages: MessagingRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** @param db a transaction to scan in (the benchmark rolls its scans back); the pool by default. */
  async scan(
    now = this.clock.now(),
    db?: Queryable,
  ): Promise<{ reminders: number; bookNow: number; adviserDays: number }> {
    const reminders = await this.messages.insertDueReminders(now, db);
    const { end } = endOfNthWorkingDay(now, this.config.messaging.bookNowClosingWorkingDays, new Set());
    const bookNow = await this.messages.insertBookNow(now, end, db);
    const adviserDays = await this.adviserDays(now, db);
    return { reminders, bookNow, adviserDays };
  }

  /**
   * The adviser's day, from ADVISER_DAY_TIME on the Copenhagen wall clock of today (so 07:00 is 06:00 UTC in
   * winter and 05:00 UTC in summer, and the day runs from local midnight to local midnight: 23 hours on the last
   * Sunday of March, 25 on the last Sunday of October). Later scans that day add nothing (unique per staff × date).
   */
  async adviserDays(now = this.clock.now(), db?: Queryable): Promise<number> {
    const date = localDate(now);
    if (now < localInstant(date, this.config.messaging.adviserDayTime)) return 0;
    return this.messages.insertAdviserDays(
      date,
      localInstant(date, '00:00'),
      localInstant(addDays(date, 1), '00:00'),
      db,
    );
  }
}
