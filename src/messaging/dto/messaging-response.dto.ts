import { ApiProperty } from '@nestjs/swagger';
import {
  DELIVERY_STATES,
  EXTERNAL_CHANNELS,
  MESSAGE_CHANNELS,
  MESSAGE_EVENTS,
  MESSAGE_STATUSES,
  type ExternalChannel,
  type Language,
  type MessageChannel,
  type MessageEvent,
  type MessageStatus,
} from '../core/message-types.js';
import { REMINDER_HOURS } from '../messaging.dto.js';

/* What the messaging and push routes answer (OpenAPI response schemas); the controllers return these types. */

const LANGUAGES = ['da', 'en'];
const dateTime = { type: String, format: 'date-time' } as const;

export class InboxMessageDto {
  @ApiProperty({ example: '1042' }) id!: string;
  @ApiProperty({ enum: MESSAGE_EVENTS }) event!: MessageEvent;
  @ApiProperty() subject!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) bookingId!: string | null;
  @ApiProperty(dateTime) createdAt!: Date;
  @ApiProperty({ ...dateTime, nullable: true }) readAt!: Date | null;
}

/** Which channels have an address (or a subscribed browser) for the member. */
export class ReachableChannelsDto {
  @ApiProperty() email!: boolean;
  @ApiProperty() sms!: boolean;
  @ApiProperty() push!: boolean;
}

export class MessagePreferencesDto {
  @ApiProperty({ enum: EXTERNAL_CHANNELS, isArray: true, description: 'Channels chosen besides the inbox (always on)' })
  channels!: ExternalChannel[];
  @ApiProperty({ enum: REMINDER_HOURS, isArray: true, description: 'Reminders this many hours before an appointment' })
  reminderHours!: number[];
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
  @ApiProperty({ type: ReachableChannelsDto }) reachable!: ReachableChannelsDto;
  @ApiProperty({ enum: EXTERNAL_CHANNELS, isArray: true, description: 'The chosen channels that can reach the member' })
  active!: ExternalChannel[];
}

export class StaffMessagePreferencesDto {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ description: "The adviser's day: a morning e-mail of the day's appointments" }) adviserDay!: boolean;
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
}

export class MemberMessageDto {
  @ApiProperty({ example: '1042' }) id!: string;
  @ApiProperty({ enum: MESSAGE_EVENTS }) event!: MessageEvent;
  @ApiProperty({ enum: MESSAGE_CHANNELS }) channel!: MessageChannel;
  @ApiProperty({ enum: MESSAGE_STATUSES }) status!: MessageStatus;
  @ApiProperty({ type: Number }) attempts!: number;
  @ApiProperty(dateTime) createdAt!: Date;
  @ApiProperty({ ...dateTime, nullable: true }) sentAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
}

export class UnsubscribedDto {
  @ApiProperty({ enum: EXTERNAL_CHANNELS, description: 'The channel turned off' }) channel!: ExternalChannel;
}

export class DeadLetterDto {
  @ApiProperty({ example: '1042' }) id!: string;
  @ApiProperty({ enum: MESSAGE_EVENTS }) event!: MessageEvent;
  @ApiProperty({ enum: MESSAGE_CHANNELS }) channel!: MessageChannel;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for a message to staff' }) memberId!:
    string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) officeId!: string | null;
  @ApiProperty({ type: Number }) attempts!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty(dateTime) createdAt!: Date;
  @ApiProperty(dateTime) failedAt!: Date;
}

export class RetriedMessageDto {
  @ApiProperty({ example: '1042' }) id!: string;
  @ApiProperty({ type: String, enum: ['pending'], description: 'Back in the queue with fresh attempts' })
  status!: string;
}

export class MessagesPerDayDto {
  @ApiProperty({ format: 'date', description: 'Copenhagen date' }) day!: string;
  @ApiProperty({ enum: MESSAGE_CHANNELS }) channel!: MessageChannel;
  @ApiProperty({ type: Number }) sent!: number;
  @ApiProperty({ type: Number, description: 'Dead letters' }) failed!: number;
  @ApiProperty({ type: Number }) skipped!: number;
  @ApiProperty({ type: Number, description: 'Pending, queued, sending or retrying' }) inFlight!: number;
}

export class NoShowRateDto {
  @ApiProperty({ type: Number, description: 'Held appointments (attended or no-show)' }) appointments!: number;
  @ApiProperty({ type: Number }) noShows!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Null without appointments' }) noShowRate!: number | null;
}

export class NoShowSplitDto {
  @ApiProperty({ type: NoShowRateDto, description: 'A reminder reached the member outside the inbox' })
  withReminder!: NoShowRateDto;
  @ApiProperty({ type: NoShowRateDto }) withoutReminder!: NoShowRateDto;
}

export class MessageKpisDto {
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty(dateTime) from!: Date;
  @ApiProperty(dateTime) to!: Date;
  @ApiProperty({ type: [MessagesPerDayDto] }) perDay!: MessagesPerDayDto[];
  @ApiProperty({ type: NoShowSplitDto }) noShows!: NoShowSplitDto;
}

export class DeliveryDto {
  @ApiProperty(dateTime) at!: Date;
  @ApiProperty({ type: String, enum: DELIVERY_STATES }) state!: string;
  @ApiProperty({ type: String, nullable: true, description: "The provider's answer" }) detail!: string | null;
}

export class PushPublicKeyDto {
  @ApiProperty({ type: String, nullable: true, description: 'VAPID public key (base64url); null when push is off' })
  publicKey!: string | null;
}

export class PushSubscriptionDto {
  @ApiProperty({ example: '17' }) id!: string;
  @ApiProperty({ example: 'fcm.googleapis.com', description: "The push service's host (never the endpoint)" })
  service!: string;
  @ApiProperty(dateTime) createdAt!: Date;
}

export class PushSubscribedDto {
  @ApiProperty({ example: '17' }) id!: string;
  @ApiProperty({ example: 'fcm.googleapis.com' }) service!: string;
}
