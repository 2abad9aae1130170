import { Module } from '@nestjs/common';
import { CalendarFeedsController } from './calendar-feeds.controller.js';
import { CalendarRepository } from './calendar.repository.js';
import { CalendarService } from './calendar.service.js';
import { CalendarSubscriptionController } from './calendar-subscription.controller.js';

@Module({
  controllers: [CalendarFeedsController, CalendarSubscriptionController],
  providers: [CalendarRepository, CalendarService],
  exports: [CalendarService, CalendarRepository],
})
export class CalendarModule {}
