import { Controller, Get, Header, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ParseIdPipe } from '../common/validation/parse-id.pipe.js';
import { BookingsService } from '../booking/bookings/bookings.service.js';
import { CalendarService } from './calendar.service.js';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/bookings')
export class BookingCalendarController {
  constructor(
    @Inject(CalendarService) private readonly calendar: CalendarService,
    @Inject(BookingsService) private readonly bookings: BookingsService,
  ) {}

  @Get(':id/calendar.ics')
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description: 'An iCalendar file (RFC 5545) with one VEVENT',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary: 'One booking as a single-event .ics ("add to calendar"), with the UID and SEQUENCE of the member’s feed',
  })
  async ics(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseIdPipe()) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    await this.bookings.getBooking(principal, id); // whoever may see the booking may download it; others get 404
    const body = await this.calendar.bookingIcs(id);
    response.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="booking-${id}.ics"`);
    return body;
  }
}
