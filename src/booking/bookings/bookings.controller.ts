import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../common/auth/auth.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe.js';
import { AttendanceBody, AuditQuery, CancelBookingBody, CreateBookingBody, RescheduleBody } from '../dto/bookings.dto.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { AuditService } from './audit.service.js';
import { BookingsService } from './bookings.service.js';

const uuid = new ParseIdPipe();

@ApiTags('bookings')
@ApiBearerAuth()
@Controller('api')
export class BookingsController {
  constructor(
    @Inject(BookingsService) private readonly bookings: BookingsService,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
    @Inject(AuditService) private readonly auditLog: AuditService,
  ) {}

  @Post('bookings')
  @ApiOperation({ summary: 'Book a slot or a session seat for a programme item; never overbooks' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body replays the response; other body 422; in flight 409' })
  async book(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateBookingBody,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.idempotency.run(principal, key, { route: 'POST /api/bookings', body }, async (tx) => ({
      statusCode: 201,
      body: await this.bookings.bookInTx(tx, principal, body),
    }));
    response.status(result.statusCode);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Get('bookings/:id')
  get(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.bookings.getBooking(principal, id);
  }

  @Get('bookings/:id/details')
  @ApiOperation({ summary: 'The booking page: what, when, where (address, room, map), with whom (first name, role), what may still be done' })
  details(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.bookings.details(principal, id);
  }

  @Post('bookings/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a booking; a freed session seat goes to the first on the waiting list' })
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() body: CancelBookingBody) {
    return this.bookings.cancel(principal, id, body.reason ?? null);
  }

  @Post('bookings/:id/reschedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a booking to another slot or session atomically (the new time or nothing)' })
  reschedule(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() body: RescheduleBody) {
    return this.bookings.reschedule(principal, id, body);
  }

  @Post('bookings/:id/attendance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark attended or no-show (a no-show reopens the programme item)' })
  attendance(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() body: AttendanceBody) {
    return this.bookings.markAttendance(principal, id, body.attended);
  }

  @Get('audit')
  @ApiOperation({ summary: 'Audit log of booking changes (who, when, before, after) in the caller’s scope' })
  audit(@CurrentPrincipal() principal: Principal, @Query() query: AuditQuery) {
    return this.auditLog.list(principal, query);
  }
}
