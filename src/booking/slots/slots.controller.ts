import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../common/auth/auth.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe.js';
import { BookingsService } from '../bookings/bookings.service.js';
import { WaitlistBody } from '../dto/bookings.dto.js';
import {
  BulkSlotsBody,
  CancelBody,
  CreateSessionBody,
  CreateSlotBody,
  MoveSessionBody,
  OfficeCalendarQuery,
  SessionListQuery,
} from '../dto/slots.dto.js';
import {
  ActivityDto,
  OfficeSlotDto,
  PatternPreviewDto,
  PublishedPatternDto,
  SessionCancelledDto,
  SessionDetailDto,
  SessionDto,
  SessionParticipantsDto,
  SlotCancelledDto,
  SlotDto,
  WaitlistPlaceDto,
} from '../dto/responses.dto.js';
import { SlotsRepository } from './slots.repository.js';
import { SlotsService } from './slots.service.js';

const uuid = new ParseIdPipe();

@ApiTags('slots and sessions')
@ApiBearerAuth()
@Controller('api')
export class SlotsController {
  constructor(
    @Inject(SlotsService) private readonly slots: SlotsService,
    @Inject(SlotsRepository) private readonly catalogue: SlotsRepository,
    @Inject(BookingsService) private readonly bookings: BookingsService,
  ) {}

  @Get('activities')
  @ApiOperation({ summary: 'The activity catalogue' })
  @ApiOkResponse({ type: [ActivityDto] })
  activities(): Promise<ActivityDto[]> {
    return this.catalogue.listActivities();
  }

  @Post('offices/:officeId/slots')
  @ApiOperation({ summary: 'Publish one individual slot for a staff member' })
  @ApiCreatedResponse({ type: SlotDto })
  publish(
    @CurrentPrincipal() principal: Principal,
    @Param('officeId', uuid) officeId: string,
    @Body() body: CreateSlotBody,
  ): Promise<SlotDto> {
    return this.slots.publishSlot(principal, officeId, body);
  }

  @Post('offices/:officeId/slots/bulk')
  @ApiOperation({
    summary: 'Publish slots from a weekly pattern over a date range (holidays, closures, absences skipped)',
  })
  @ApiCreatedResponse({ type: PublishedPatternDto })
  publishPattern(
    @CurrentPrincipal() principal: Principal,
    @Param('officeId', uuid) officeId: string,
    @Body() body: BulkSlotsBody,
  ): Promise<PublishedPatternDto> {
    return this.slots.publishPattern(principal, officeId, body);
  }

  @Post('offices/:officeId/slots/bulk/preview')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Preview a weekly pattern: the slots it would publish (per day) and what it would skip, with the same checks; nothing is written',
  })
  @ApiOkResponse({ type: PatternPreviewDto })
  previewPattern(
    @CurrentPrincipal() principal: Principal,
    @Param('officeId', uuid) officeId: string,
    @Body() body: BulkSlotsBody,
  ): Promise<PatternPreviewDto> {
    return this.slots.previewPattern(principal, officeId, body);
  }

  @Get('offices/:officeId/slots')
  @ApiOperation({ summary: 'The office’s own view of its slots and their bookings' })
  @ApiOkResponse({ type: [OfficeSlotDto] })
  officeSlots(
    @CurrentPrincipal() principal: Principal,
    @Param('officeId', uuid) officeId: string,
    @Query() query: OfficeCalendarQuery,
  ): Promise<OfficeSlotDto[]> {
    return this.slots.officeSlots(principal, officeId, query.from, query.to);
  }

  @Delete('slots/:id')
  @ApiOperation({ summary: 'Cancel a slot: its booking is cancelled and the member’s item reopens' })
  @ApiOkResponse({ type: SlotCancelledDto })
  cancelSlot(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: CancelBody,
  ): Promise<SlotCancelledDto> {
    return this.slots.cancelSlot(principal, id, body.reason);
  }

  @Post('offices/:officeId/sessions')
  @ApiOperation({ summary: 'Plan a group session (workshop, netcafé, theme day)' })
  @ApiCreatedResponse({ type: SessionDto })
  createSession(
    @CurrentPrincipal() principal: Principal,
    @Param('officeId', uuid) officeId: string,
    @Body() body: CreateSessionBody,
  ): Promise<SessionDto> {
    return this.slots.createSession(principal, officeId, body);
  }

  @Get('offices/:officeId/sessions')
  @ApiOperation({
    summary: 'The office’s group sessions with seats left; flagged=true for those below minimum after cut-off',
  })
  @ApiOkResponse({ type: [SessionDto] })
  officeSessions(@Param('officeId', uuid) officeId: string, @Query() query: SessionListQuery): Promise<SessionDto[]> {
    return this.slots.officeSessions(officeId, query.from, query.to, query.flagged === 'true');
  }

  @Get('sessions/:id')
  @ApiOperation({ summary: 'One session; staff in scope also see participants and the waiting list' })
  @ApiOkResponse({ type: SessionDetailDto })
  session(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<SessionDetailDto> {
    return this.slots.getSession(principal, id);
  }

  @Patch('sessions/:id')
  @ApiOperation({
    summary: 'Move a session to a new time and/or room; its participants follow and get a "session moved" message',
  })
  @ApiOkResponse({ type: SessionDto })
  moveSession(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: MoveSessionBody,
  ): Promise<SessionDto> {
    return this.slots.moveSession(principal, id, body);
  }

  @Get('sessions/:id/participants')
  @ApiOperation({
    summary:
      'The session’s participants and waiting list, each named "Name (member number)", for staff of the session’s department',
  })
  @ApiOkResponse({ type: SessionParticipantsDto })
  participants(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
  ): Promise<SessionParticipantsDto> {
    return this.slots.sessionParticipants(principal, id);
  }

  @Delete('sessions/:id')
  @ApiOperation({ summary: 'Cancel a session: every booking is cancelled and the members’ items reopen' })
  @ApiOkResponse({ type: SessionCancelledDto })
  cancelSession(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: CancelBody,
  ): Promise<SessionCancelledDto> {
    return this.slots.cancelSession(principal, id, body.reason);
  }

  @Post('sessions/:id/waitlist')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Join the waiting list of a full session; the first in line gets a freed seat automatically',
  })
  @ApiCreatedResponse({ type: WaitlistPlaceDto })
  joinWaitlist(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: WaitlistBody,
  ): Promise<WaitlistPlaceDto> {
    return this.bookings.joinWaitlist(principal, id, body.memberId, body.programmeItemId);
  }
}
