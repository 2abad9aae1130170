import { provideErrors } from '../common/errors/error-catalogue.js';
import { CALENDAR_CONSTRAINTS, CALENDAR_ERRORS } from './calendar-errors.js';
import { Module } from '@nestjs/common';
import { BookingModule } from '../booking/booking.module.js';
import { BookingCalendarController } from './booking-calendar.controller.js';
import { CalendarFeedsController } from './calendar-feeds.controller.js';
import { CalendarRepository } from './calendar.repository.js';
import { CalendarService } from './calendar.service.js';
import { CalendarSubscriptionController } from './calendar-subscription.controller.js';

@Module({
  imports: [BookingModule],
  controllers: [CalendarFeedsController, CalendarSubscriptionController, BookingCalendarController],
  providers: [provideErrors('calendar', CALENDAR_ERRORS, CALENDAR_CONSTRAINTS), CalendarRepository, CalendarService],
  exports: [CalendarService, CalendarRepository],
})
export class CalendarModule {}
