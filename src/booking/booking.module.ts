import { Module } from '@nestjs/common';
import { LocationsModule } from '../locations/locations.module.js';
import { AvailabilityRepository } from './availability/availability.repository.js';
import { AvailabilityService } from './availability/availability.service.js';
import { provideErrors } from '../common/errors/error-catalogue.js';
import { BOOKING_CONSTRAINTS, BOOKING_ERRORS } from './booking-errors.js';
import { AuditService } from './bookings/audit.service.js';
import { BookingsController } from './bookings/bookings.controller.js';
import { BookingsRepository } from './bookings/bookings.repository.js';
import { BookingsService } from './bookings/bookings.service.js';
import { IdempotencyRepository } from './idempotency/idempotency.repository.js';
import { IdempotencyService } from './idempotency/idempotency.service.js';
import { KpiController } from './kpis/kpi.controller.js';
import { KpiRepository } from './kpis/kpi.repository.js';
import { KpiService } from './kpis/kpi.service.js';
import { MembersController } from './members/members.controller.js';
import { MembersRepository } from './members/members.repository.js';
import { MembersService } from './members/members.service.js';
import { SessionPlacementService } from './sessions/session-placement.service.js';
import { SlotsController } from './slots/slots.controller.js';
import { SlotsRepository } from './slots/slots.repository.js';
import { SlotsService } from './slots/slots.service.js';
import { SmileyController } from './smiley/smiley.controller.js';
import { SmileyRepository } from './smiley/smiley.repository.js';
import { SmileyService } from './smiley/smiley.service.js';

@Module({
  imports: [LocationsModule],
  controllers: [MembersController, SlotsController, BookingsController, SmileyController, KpiController],
  providers: [
    provideErrors('booking', BOOKING_ERRORS, BOOKING_CONSTRAINTS),
    MembersRepository,
    SlotsRepository,
    BookingsRepository,
    AvailabilityRepository,
    MembersService,
    SlotsService,
    BookingsService,
    AvailabilityService,
    IdempotencyService,
    IdempotencyRepository,
    AuditService,
    SmileyRepository,
    SmileyService,
    KpiRepository,
    KpiService,
    SessionPlacementService,
  ],
  exports: [MembersService, SlotsService, BookingsService, SessionPlacementService],
})
export class BookingModule {}
