import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ParseIdPipe } from '../common/validation/parse-id.pipe.js';
import type { ExternalChannel } from './core/message-types.js';
import {
  DeadLetterDto,
  DeliveryDto,
  InboxMessageDto,
  MemberMessageDto,
  MessageKpisDto,
  MessagePreferencesDto,
  RetriedMessageDto,
  StaffMessagePreferencesDto,
  UnsubscribedDto,
} from './dto/messaging-response.dto.js';
import { KpiQuery, ListQuery, PreferencesBody, StaffPreferencesBody, UnsubscribeQuery } from './messaging.dto.js';
import { MessagingService } from './messaging.service.js';

const uuid = new ParseIdPipe();

@ApiTags('messages')
@ApiBearerAuth()
@Controller('api')
export class MessagingController {
  constructor(@Inject(MessagingService) private readonly messaging: MessagingService) {}

  @Get('members/:memberId/inbox')
  @ApiOperation({
    summary: "A member's messages (confirmations, reminders, book-now, changes), newest first, in their language",
  })
  @ApiOkResponse({ type: [InboxMessageDto] })
  inbox(
    @CurrentPrincipal() principal: Principal,
    @Param('memberId', uuid) memberId: string,
    @Query() query: ListQuery,
  ): Promise<InboxMessageDto[]> {
    return this.messaging.inbox(principal, memberId, query.limit);
  }

  @Post('members/:memberId/inbox/:id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark an inbox message read (the member only)' })
  @ApiNoContentResponse({ description: 'Marked read' })
  async markRead(
    @CurrentPrincipal() principal: Principal,
    @Param('memberId', uuid) memberId: string,
    @Param('id') id: string,
  ) {
    await this.messaging.markRead(principal, memberId, /^\d{1,18}$/.test(id) ? id : '0');
  }

  @Get('members/:memberId/message-preferences')
  @ApiOperation({
    summary: "The member's channels, reminder hours and language, and which channels can reach them (staff: read only)",
  })
  @ApiOkResponse({ type: MessagePreferencesDto })
  preferences(
    @CurrentPrincipal() principal: Principal,
    @Param('memberId', uuid) memberId: string,
  ): Promise<MessagePreferencesDto> {
    return this.messaging.preferences(principal, memberId);
  }

  @Put('members/:memberId/message-preferences')
  @ApiOperation({ summary: 'Change message preferences (the member only)' })
  @ApiOkResponse({ type: MessagePreferencesDto })
  savePreferences(
    @CurrentPrincipal() principal: Principal,
    @Param('memberId', uuid) memberId: string,
    @Body() body: PreferencesBody,
  ): Promise<MessagePreferencesDto> {
    return this.messaging.savePreferences(principal, memberId, {
      channels: body.channels as ExternalChannel[],
      reminderHours: body.reminderHours,
      language: body.language,
    });
  }

  @Get('staff/:staffId/message-preferences')
  @ApiOperation({
    summary:
      "A staff member's own message settings: the adviser's day (morning e-mail of the day's appointments) and its language",
  })
  @ApiOkResponse({ type: StaffMessagePreferencesDto })
  staffPreferences(
    @CurrentPrincipal() principal: Principal,
    @Param('staffId', uuid) staffId: string,
  ): Promise<StaffMessagePreferencesDto> {
    return this.messaging.staffPreferences(principal, staffId);
  }

  @Put('staff/:staffId/message-preferences')
  @ApiOperation({ summary: "Turn the adviser's day on or off (the staff member themself only)" })
  @ApiOkResponse({ type: StaffMessagePreferencesDto })
  saveStaffPreferences(
    @CurrentPrincipal() principal: Principal,
    @Param('staffId', uuid) staffId: string,
    @Body() body: StaffPreferencesBody,
  ): Promise<StaffMessagePreferencesDto> {
    return this.messaging.saveStaffPreferences(principal, staffId, {
      adviserDay: body.adviserDay,
      language: body.language,
    });
  }

  @Get('members/:memberId/messages')
  @ApiOperation({ summary: "A member's messages on every channel with their delivery status" })
  @ApiOkResponse({ type: [MemberMessageDto] })
  memberMessages(
    @CurrentPrincipal() principal: Principal,
    @Param('memberId', uuid) memberId: string,
    @Query() query: ListQuery,
  ): Promise<MemberMessageDto[]> {
    return this.messaging.memberMessages(principal, memberId, query.limit);
  }

  @Public()
  @Get('messages/unsubscribe')
  @ApiOperation({
    summary: 'Unsubscribe link from an e-mail: turns that channel off without signing in (signed token)',
  })
  @ApiOkResponse({ type: UnsubscribedDto })
  unsubscribeLink(@Query() query: UnsubscribeQuery): Promise<UnsubscribedDto> {
    return this.messaging.unsubscribe(query.token);
  }

  @Public()
  @Post('messages/unsubscribe')
  @HttpCode(200)
  @ApiOperation({ summary: 'One-click unsubscribe (RFC 8058 List-Unsubscribe-Post)' })
  @ApiOkResponse({ type: UnsubscribedDto })
  unsubscribeOneClick(@Query() query: UnsubscribeQuery): Promise<UnsubscribedDto> {
    return this.messaging.unsubscribe(query.token);
  }

  @Get('messages/dead-letters')
  @ApiOperation({ summary: 'Messages that used up their delivery attempts (no text, no address), newest first' })
  @ApiOkResponse({ type: [DeadLetterDto] })
  deadLetters(@CurrentPrincipal() principal: Principal, @Query() query: ListQuery): Promise<DeadLetterDto[]> {
    return this.messaging.deadLetters(principal, query.limit);
  }

  @Post('messages/:id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a dead letter again with fresh attempts' })
  @ApiOkResponse({ type: RetriedMessageDto })
  retry(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<RetriedMessageDto> {
    return this.messaging.retry(principal, /^\d{1,18}$/.test(id) ? id : '0');
  }

  @Get('offices/:officeId/message-kpis')
  @ApiOperation({
    summary: 'Per office: messages sent / failed per day and channel; no-show rate with and without a reminder',
  })
  @ApiOkResponse({ type: MessageKpisDto })
  kpis(
    @CurrentPrincipal() principal: Principal,
    @Param('officeId', uuid) officeId: string,
    @Query() query: KpiQuery,
  ): Promise<MessageKpisDto> {
    return this.messaging.officeKpis(principal, officeId, query.from, query.to);
  }

  @Get('messages/:id/deliveries')
  @ApiOperation({ summary: "A message's delivery log: queued, sending, sent, failed with the provider's answer" })
  @ApiOkResponse({ type: [DeliveryDto] })
  deliveries(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<DeliveryDto[]> {
    return this.messaging.deliveryLog(principal, /^\d{1,18}$/.test(id) ? id : '0');
  }
}
