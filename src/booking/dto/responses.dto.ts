import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACTIVITY_KINDS, CHANNELS, type ActivityKind, type Channel } from '../../shared/vocabulary/activities.js';
import {
  ADVISER_TASK_STATUSES,
  BOOKING_STATUSES,
  MEMBER_STATUSES,
  PROGRAMME_ITEM_STATUSES,
  SESSION_STATUSES,
  SLOT_STATUSES,
  type AdviserTaskStatus,
  type BookingStatus,
  type MemberStatus,
  type ProgrammeItemStatus,
  type SessionStatus,
  type SlotStatus,
} from '../../shared/vocabulary/statuses.js';
import { TARGET_GROUPS } from '../../shared/vocabulary/target-groups.js';

/*
 * What the booking routes answer. Instants are `Date` here (what the services return, so the controllers'
 * return types check them) and ISO 8601 strings on the wire, which is what the schema says.
 */

const instant = { type: String, format: 'date-time' } as const;
const localDate = { type: String, format: 'date', example: '2026-11-23' } as const;
const SMILEYS = ['green', 'yellow', 'red'] as const;
type Smiley = (typeof SMILEYS)[number];

export class BookingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ format: 'uuid' }) programmeItemId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) slotId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId!: string | null;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty() activityCode!: string;
  @ApiProperty({ enum: CHANNELS, enumName: 'Channel' }) channel!: Channel;
  @ApiProperty(instant) start!: Date;
  @ApiProperty(instant) end!: Date;
  @ApiProperty({ enum: BOOKING_STATUSES, enumName: 'BookingStatus' }) status!: BookingStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) staffId!: string | null;
  @ApiProperty(instant) createdAt!: Date;
  @ApiProperty(instant) updatedAt!: Date;
}

export class BookingOfficeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() street!: string;
  @ApiProperty() postcode!: string;
  @ApiProperty() city!: string;
  @ApiProperty() lat!: number;
  @ApiProperty() lon!: number;
}

export class BookingStaffDto {
  @ApiProperty() firstName!: string;
  @ApiProperty() role!: string;
}

export class BookingRulesDto {
  @ApiProperty() canCancel!: boolean;
  @ApiProperty() canReschedule!: boolean;
  @ApiProperty({ ...instant, description: 'Cancelling or moving is possible until then' }) changeUntil!: Date;
  @ApiProperty(instant) itemReopensUntil!: Date;
  @ApiProperty() seatGoesToWaitlist!: boolean;
}

export class BookingDetailsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: BOOKING_STATUSES, enumName: 'BookingStatus' }) status!: BookingStatus;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ format: 'uuid' }) programmeItemId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) slotId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId!: string | null;
  @ApiProperty() activityCode!: string;
  @ApiProperty() activityNameDa!: string;
  @ApiProperty() activityNameEn!: string;
  @ApiProperty({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind' }) activityKind!: ActivityKind;
  @ApiProperty({ enum: CHANNELS, enumName: 'Channel' }) channel!: string;
  @ApiProperty(instant) start!: Date;
  @ApiProperty(instant) end!: Date;
  @ApiProperty(instant) createdAt!: Date;
  @ApiProperty(instant) windowStart!: Date;
  @ApiProperty(instant) windowEnd!: Date;
  @ApiProperty({ type: () => BookingOfficeDto }) office!: BookingOfficeDto;
  @ApiProperty({ type: String, nullable: true }) roomName!: string | null;
  @ApiProperty({ type: [BookingStaffDto] }) staff!: BookingStaffDto[];
  @ApiProperty({ description: 'A map of the office address' }) mapUrl!: string;
  @ApiProperty({ type: () => BookingRulesDto }) rules!: BookingRulesDto;
  @ApiProperty({ description: 'The UID of the booking in the member’s calendar feed' }) icalUid!: string;
  @ApiProperty() icalSequence!: number;
}

export class AuditEventDto {
  @ApiProperty() id!: string;
  @ApiProperty(instant) at!: Date;
  @ApiProperty() actorRole!: string;
  @ApiProperty({ type: String, nullable: true }) actorId!: string | null;
  @ApiProperty() entity!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty() action!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) officeId!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The entity before the change',
  })
  before!: unknown;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The entity after the change',
  })
  after!: unknown;
}

// --- activities, slots and sessions ---

export class ActivityDto {
  @ApiProperty() code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind' }) kind!: string;
  @ApiProperty() defaultDurationMinutes!: number;
  @ApiProperty({ type: Number, nullable: true }) minGroupSize!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxGroupSize!: number | null;
  @ApiProperty({ type: [String] }) leaderRoles!: string[];
  @ApiProperty({ type: String, nullable: true }) leaderSkill!: string | null;
  @ApiProperty({ enum: CHANNELS, enumName: 'Channel', isArray: true }) channels!: string[];
}

export class SlotDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ type: [String] }) activityCodes!: string[];
  @ApiProperty({ enum: CHANNELS, enumName: 'Channel' }) channel!: Channel;
  @ApiProperty(instant) start!: Date;
  @ApiProperty(instant) end!: Date;
  @ApiProperty({ enum: SLOT_STATUSES, enumName: 'SlotStatus' }) status!: SlotStatus;
}

export class OfficeSlotDto extends SlotDto {
  @ApiProperty() staffName!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) bookingId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) memberId!: string | null;
  @ApiProperty({ enum: BOOKING_STATUSES, enumName: 'BookingStatus', nullable: true }) bookingStatus!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The booked member, for the office’s staff' })
  memberNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) memberName!: string | null;
}

export class SkippedDayDto {
  @ApiProperty(localDate) date!: string;
  @ApiPropertyOptional({ type: String, example: '09:00' }) start?: string | undefined;
  @ApiProperty({ description: 'Why no slot was published then (holiday, closure, absence, clash, …)' }) reason!: string;
}

export class PublishedPatternDto {
  @ApiProperty() created!: number;
  @ApiProperty({ type: [String] }) slotIds!: string[];
  @ApiProperty({ type: [SkippedDayDto] }) skipped!: SkippedDayDto[];
  @ApiProperty({ example: 'Europe/Copenhagen' }) timezone!: string;
}

export class PreviewSlotDto {
  @ApiProperty(instant) start!: Date;
  @ApiProperty(instant) end!: Date;
}

export class PreviewDayDto {
  @ApiProperty(localDate) date!: string;
  @ApiProperty() slots!: number;
}

export class PatternPreviewDto {
  @ApiProperty() created!: number;
  @ApiProperty({ type: [PreviewSlotDto] }) slots!: PreviewSlotDto[];
  @ApiProperty({ type: [PreviewDayDto] }) days!: PreviewDayDto[];
  @ApiProperty({ type: [SkippedDayDto] }) skipped!: SkippedDayDto[];
  @ApiProperty({ example: 'Europe/Copenhagen' }) timezone!: string;
}

export class SlotCancelledDto {
  @ApiProperty({ format: 'uuid' }) slotId!: string;
  @ApiProperty({ enum: SLOT_STATUSES, enumName: 'SlotStatus' }) status!: string;
  @ApiProperty({ type: [String], description: 'Members whose booking was cancelled' }) affectedMemberIds!: string[];
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ format: 'uuid' }) roomId!: string;
  @ApiProperty() roomName!: string;
  @ApiProperty() activityCode!: string;
  @ApiProperty() activityName!: string;
  @ApiProperty(instant) start!: Date;
  @ApiProperty(instant) end!: Date;
  @ApiProperty() capacity!: number;
  @ApiProperty() minParticipants!: number;
  @ApiProperty() booked!: number;
  @ApiProperty(instant) cutoffAt!: Date;
  @ApiProperty({ enum: SESSION_STATUSES, enumName: 'SessionStatus' }) status!: SessionStatus;
  @ApiProperty({ enum: ['manual', 'optimiser'], description: 'Planned by staff or applied from an optimiser run' })
  origin!: string;
  @ApiProperty({ type: [String] }) leaderIds!: string[];
  @ApiProperty() seatsLeft!: number;
  @ApiProperty({ description: 'Fewer booked than the minimum' }) belowMinimum!: boolean;
}

export class SessionParticipantDto {
  @ApiProperty({ format: 'uuid' }) bookingId!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty() memberNumber!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ enum: BOOKING_STATUSES, enumName: 'BookingStatus' }) status!: string;
}

export class SessionWaitlistEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ format: 'uuid' }) programmeItemId!: string;
  @ApiProperty(instant) createdAt!: Date;
}

export class MyPlaceInSessionDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) bookingId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) waitlistPosition!: number | null;
}

export class SessionDetailDto extends SessionDto {
  @ApiPropertyOptional({
    type: () => MyPlaceInSessionDto,
    description: 'For a member: their own booking in it and place on its waiting list',
  })
  mine?: MyPlaceInSessionDto;
  @ApiPropertyOptional({ type: [SessionParticipantDto], description: 'For staff in scope' })
  participants?: SessionParticipantDto[];
  @ApiPropertyOptional({ type: [SessionWaitlistEntryDto], description: 'For staff in scope, first in line first' })
  waitlist?: SessionWaitlistEntryDto[];
}

export class NamedParticipantDto extends SessionParticipantDto {
  @ApiProperty({ description: '"Name (member number)", the number alone once erased' }) label!: string;
}

export class NamedWaitlistEntryDto {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty() memberNumber!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ description: '"Name (member number)", the number alone once erased' }) label!: string;
  @ApiProperty() position!: number;
}

export class SessionParticipantsDto {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ type: [NamedParticipantDto] }) participants!: NamedParticipantDto[];
  @ApiProperty({ type: [NamedWaitlistEntryDto] }) waitlist!: NamedWaitlistEntryDto[];
}

export class SessionCancelledDto {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ enum: SESSION_STATUSES, enumName: 'SessionStatus' }) status!: string;
  @ApiProperty({ type: [String], description: 'Members whose booking was cancelled' }) affectedMemberIds!: string[];
}

export class WaitlistPlaceDto {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ format: 'uuid' }) programmeItemId!: string;
  @ApiProperty({ description: 'Place in line, 1 first' }) position!: number;
}

// --- members, programmes and availability ---

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() memberNumber!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null once erased' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) municipalityCode!: string | null;
  @ApiProperty({ format: 'uuid' }) homeOfficeId!: string;
  @ApiProperty() homeOfficeOverridden!: boolean;
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty(localDate) firstUnemploymentDay!: string;
  @ApiProperty({ enum: ['low', 'high'] }) risk!: 'low' | 'high';
  @ApiProperty({ enum: TARGET_GROUPS, enumName: 'TargetGroup' }) targetGroup!: string;
  @ApiProperty() basicItNeeds!: boolean;
  @ApiProperty({ enum: MEMBER_STATUSES, enumName: 'MemberStatus' }) status!: MemberStatus;
  @ApiProperty({ enum: SMILEYS, enumName: 'Smiley' }) smiley!: Smiley;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) programmeTemplateId!: string | null;
  @ApiProperty(instant) createdAt!: Date;
  @ApiProperty(instant) updatedAt!: Date;
}

export class MemberErasedDto {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ enum: ['erased'] }) status!: string;
}

export class ProgrammeBookingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(instant) start!: Date;
  @ApiProperty(instant) end!: Date;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ enum: CHANNELS, enumName: 'Channel' }) channel!: Channel;
  @ApiProperty({ enum: BOOKING_STATUSES, enumName: 'BookingStatus' }) status!: BookingStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId!: string | null;
  @ApiProperty({ description: 'The seat came from the session’s waiting list' }) fromWaitlist!: boolean;
}

export class ProgrammeWaitlistDto {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ type: Number, nullable: true }) position!: number | null;
}

export class ProgrammeItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty() activityCode!: string;
  @ApiProperty() activityName!: string;
  @ApiProperty({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind' }) activityKind!: ActivityKind;
  @ApiProperty() required!: boolean;
  @ApiProperty(instant) windowStart!: Date;
  @ApiProperty(instant) windowEnd!: Date;
  @ApiProperty({ enum: CHANNELS, enumName: 'Channel', isArray: true }) channels!: string[];
  @ApiProperty({ enum: PROGRAMME_ITEM_STATUSES, enumName: 'ProgrammeItemStatus' }) status!: ProgrammeItemStatus;
  @ApiProperty({ enum: ['programme', 'smiley', 'manual'] }) origin!: string;
  @ApiProperty() windowPassed!: boolean;
  @ApiProperty({ type: () => ProgrammeBookingDto, nullable: true }) booking!: ProgrammeBookingDto | null;
  @ApiProperty({
    type: [ProgrammeWaitlistDto],
    description: 'Full sessions the member waits for, with their place in line',
  })
  waitlist!: ProgrammeWaitlistDto[];
}

export class ProgrammeNextDto {
  @ApiProperty({ format: 'uuid' }) programmeItemId!: string;
  @ApiProperty() activityCode!: string;
  @ApiProperty() activityName!: string;
  @ApiProperty(instant) bookBy!: Date;
}

export class ProgrammeDto {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ enum: MEMBER_STATUSES, enumName: 'MemberStatus' }) status!: MemberStatus;
  @ApiProperty({ enum: TARGET_GROUPS, enumName: 'TargetGroup' }) targetGroup!: string;
  @ApiProperty(localDate) firstUnemploymentDay!: string;
  @ApiProperty({ type: [ProgrammeItemDto] }) items!: ProgrammeItemDto[];
  @ApiProperty({ type: () => ProgrammeNextDto, nullable: true, description: 'What to book next' })
  next!: ProgrammeNextDto | null;
}

export class AvailabilityOptionDto {
  @ApiProperty({ enum: ['slot', 'session'] }) kind!: 'slot' | 'session';
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiPropertyOptional({ type: String }) officeName?: string | undefined;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) staffId!: string | null;
  @ApiProperty({ enum: CHANNELS, enumName: 'Channel' }) channel!: string;
  @ApiProperty(instant) start!: Date;
  @ApiProperty(instant) end!: Date;
  @ApiProperty({ type: Number, nullable: true, description: 'Sessions: seats left' }) seatsLeft!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'In person: travel distance from the member' })
  distanceKm!: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why this option comes first (the same adviser as before, …)',
  })
  continuity!: string | null;
}

export class FullSessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiPropertyOptional({ type: String }) officeName?: string | undefined;
  @ApiProperty(instant) start!: Date;
  @ApiProperty(instant) end!: Date;
  @ApiProperty() capacity!: number;
  @ApiProperty() distanceKm!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The member’s place on its waiting list, if they wait' })
  waitlistPosition!: number | null;
}

export class TimeWindowDto {
  @ApiProperty(instant) start!: Date;
  @ApiProperty(instant) end!: Date;
}

export class ReschedulingDto {
  @ApiProperty({ format: 'uuid' }) bookingId!: string;
  @ApiProperty(instant) start!: Date;
  @ApiProperty(instant) end!: Date;
}

export class AvailabilityDto {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ format: 'uuid' }) programmeItemId!: string;
  @ApiProperty() activityCode!: string;
  @ApiProperty({ type: () => TimeWindowDto }) window!: TimeWindowDto;
  @ApiProperty({ ...instant, description: 'The earliest time offered: the window’s start, or now' })
  bookableFrom!: Date;
  @ApiProperty({
    type: () => ReschedulingDto,
    nullable: true,
    description: 'For a booked item: the booking the options would move',
  })
  rescheduling!: ReschedulingDto | null;
  @ApiProperty({ type: [AvailabilityOptionDto] }) options!: AvailabilityOptionDto[];
  @ApiProperty({
    type: [FullSessionDto],
    description: 'Full group sessions within reach: the member can join their waiting list',
  })
  fullSessions!: FullSessionDto[];
}

// --- smiley and adviser tasks ---

export class AdviserTaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty() memberNumber!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) staffId!: string | null;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ enum: ['service-call'] }) kind!: 'service-call';
  @ApiProperty({ enum: ADVISER_TASK_STATUSES, enumName: 'AdviserTaskStatus' }) status!: AdviserTaskStatus;
  @ApiProperty(localDate) dueDate!: string;
  @ApiProperty(instant) createdAt!: Date;
}

export class ServiceCallTaskDto extends AdviserTaskDto {
  @ApiProperty({ description: 'false: an open service call already existed' }) created!: boolean;
}

export class SummonsDto {
  @ApiProperty({ description: 'true: a summons meeting was booked (booking); false: no free slot in time (reason)' })
  booked!: boolean;
  @ApiProperty({ format: 'uuid' }) programmeItemId!: string;
  @ApiProperty(instant) windowEnd!: Date;
  @ApiPropertyOptional({ type: () => BookingDto }) booking?: BookingDto;
  @ApiPropertyOptional({ enum: ['NO_FREE_SLOT_WITHIN_5_WORKING_DAYS'] }) reason?: 'NO_FREE_SLOT_WITHIN_5_WORKING_DAYS';
}

export class SmileyResultDto {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ enum: SMILEYS, enumName: 'Smiley' }) smiley!: Smiley;
  @ApiProperty({ enum: SMILEYS, enumName: 'Smiley' }) previousSmiley!: Smiley;
  @ApiProperty({ type: () => ServiceCallTaskDto, nullable: true, description: 'Yellow: the service call' })
  serviceCallTask!: ServiceCallTaskDto | null;
  @ApiProperty({ type: [String], description: 'Green: the service calls it closed' }) closedTaskIds!: string[];
  @ApiProperty({ type: () => SummonsDto, nullable: true, description: 'Red: the summons' }) summons!: SummonsDto | null;
}

// --- KPIs ---

export class KpiRowDto {
  @ApiProperty({ enum: ['office', 'department', 'fund'] }) scope!: 'office' | 'fund' | 'department';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) officeId!: string | null;
  @ApiProperty({ type: String, nullable: true }) officeCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) officeName!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) departmentId!: string | null;
  @ApiProperty({ type: String, nullable: true }) departmentName!: string | null;
  @ApiProperty() itemsDue!: number;
  @ApiProperty() itemsHeldInWindow!: number;
  @ApiProperty({ type: Number, nullable: true }) itemsHeldInWindowShare!: number | null;
  @ApiProperty() firstMeetingsDue!: number;
  @ApiProperty() firstMeetingsOnTime!: number;
  @ApiProperty({ type: Number, nullable: true }) firstMeetingsOnTimeShare!: number | null;
  @ApiProperty() activeMembers!: number;
  @ApiProperty() jobMeetings!: number;
  @ApiProperty() jobMeetingsTarget!: number;
  @ApiProperty({ type: Number, nullable: true }) jobMeetingsPerMember!: number | null;
  @ApiProperty() bookings!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Bookings per activity code' })
  bookingsByActivity!: Record<string, number>;
  @ApiProperty() attended!: number;
  @ApiProperty() noShows!: number;
  @ApiProperty({ type: Number, nullable: true }) noShowRate!: number | null;
  @ApiProperty() waitlistLength!: number;
  @ApiProperty() publishedSlotMinutes!: number;
  @ApiProperty() bookedSlotMinutes!: number;
  @ApiProperty({ type: Number, nullable: true }) slotMinutesUsedShare!: number | null;
  @ApiProperty() sessionSeats!: number;
  @ApiProperty() sessionSeatsBooked!: number;
  @ApiProperty({ type: Number, nullable: true }) sessionSeatsUsedShare!: number | null;
}

export class KpiReportDto {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ example: 'Europe/Copenhagen' }) timezone!: string;
  @ApiProperty(instant) from!: Date;
  @ApiProperty(instant) to!: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) departmentId!: string | null;
  @ApiProperty() firstMeetingWithinDays!: number;
  @ApiProperty({ type: [String] }) activityCodes!: string[];
  @ApiProperty({ type: [KpiRowDto] }) rows!: KpiRowDto[];
}
