import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../common/auth/auth.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe.js';
import {
  AttendanceBody,
  AuditQuery,
  CancelBookingBody,
  CreateBookingBody,
  RescheduleBody,
} from '../dto/bookings.dto.js';
import { AuditEventDto, BookingDetailsDto, BookingDto } from '../dto/responses.dto.js';
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
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body replays the response; other body 422; in flight 409',
  })
  @ApiCreatedResponse({
    type: BookingDto,
    description: 'The booking (a replay answers the stored one, with the header Idempotent-Replayed)',
  })
  async book(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateBookingBody,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BookingDto> {
    const result = await this.idempotency.run(principal, key, { route: 'POST /api/bookings', body }, async (tx) => ({
      statusCode: 201,
      body: await this.bookings.bookInTx(tx, principal, body),
    }));
    response.status(result.statusCode);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    // The body is the booking, or its stored JSON on a replay: the same answer either way.
    return result.body as BookingDto;
  }

  @Get('bookings/:id')
  @ApiOkResponse({ type: BookingDto })
  get(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<BookingDto> {
    return this.bookings.getBooking(principal, id);
  }

  @Get('bookings/:id/details')
  @ApiOperation({
    summary:
      'The booking page: what, when, where (address, room, map), with whom (first name, role), what may still be done',
  })
  @ApiOkResponse({ type: BookingDetailsDto })
  details(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<BookingDetailsDto> {
    return this.bookings.details(principal, id);
  }

  @Post('bookings/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a booking; a freed session seat goes to the first on the waiting list' })
  @ApiOkResponse({ type: BookingDto })
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: CancelBookingBody,
  ): Promise<BookingDto> {
    return this.bookings.cancel(principal, id, body.reason ?? null);
  }

  @Post('bookings/:id/reschedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a booking to another slot or session atomically (the new time or nothing)' })
  @ApiOkResponse({ type: BookingDto, description: 'The booking at its new time' })
  reschedule(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: RescheduleBody,
  ): Promise<BookingDto> {
    return this.bookings.reschedule(principal, id, body);
  }

  @Post('bookings/:id/attendance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark attended or no-show (a no-show reopens the programme item)' })
  @ApiOkResponse({ type: BookingDto })
  attendance(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: AttendanceBody,
  ): Promise<BookingDto> {
    return this.bookings.markAttendance(principal, id, body.attended);
  }

  @Get('audit')
  @ApiOperation({ summary: 'Audit log of booking changes (who, when, before, after) in the caller’s scope' })
  @ApiOkResponse({ type: [AuditEventDto], description: 'Newest first' })
  audit(@CurrentPrincipal() principal: Principal, @Query() query: AuditQuery): Promise<AuditEventDto[]> {
    return this.auditLog.list(principal, query);
  }
}
