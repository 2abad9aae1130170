import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { OptionalNotNull, ValidateNestedList } from '../../common/validation/decorators.js';
import { IsInstant } from '../../common/validation/instant.js';
import { IsLocalDate } from '../../shared/validation.js';
import { CHANNELS, type Channel } from '../../shared/vocabulary/activities.js';

/** How the API reads appointment times; the same words in every field's description. */
const TIME_RULE =
  'Whole minutes. Without an offset: Copenhagen wall-clock time (a time in the spring gap is refused with 422 NONEXISTENT_LOCAL_TIME; in the repeated autumn hour the first, summer-time occurrence)';
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class CreateSlotBody {
  @ApiProperty({ format: 'uuid' }) @IsUUID() staffId!: string;
  @ApiProperty({ example: ['cv-meeting', 'follow-up'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  activityCodes!: string[];
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-12-01T09:00:00+01:00', description: TIME_RULE })
  @IsInstant()
  start!: Date;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-12-01T10:00:00+01:00', description: TIME_RULE })
  @IsInstant()
  end!: Date;
}

export class WeeklyPatternEntry {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;
  @ApiProperty({ example: '09:00', description: 'Local time (Europe/Copenhagen)' })
  @Matches(HH_MM, { message: 'start must be HH:MM' })
  start!: string;
  @ApiProperty({ example: '12:00' }) @Matches(HH_MM, { message: 'end must be HH:MM' }) end!: string;
  @ApiProperty({ example: 60, minimum: 10, maximum: 480 }) @IsInt() @Min(10) @Max(480) slotMinutes!: number;
}

export class BulkSlotsBody {
  @ApiProperty({ format: 'uuid' }) @IsUUID() staffId!: string;
  @ApiProperty({ example: ['cv-meeting'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  activityCodes!: string[];
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel!: Channel;
  @ApiProperty({ example: '2026-12-01' }) @IsLocalDate() from!: string;
  @ApiProperty({ example: '2026-12-31' }) @IsLocalDate() to!: string;
  @ApiProperty({
    type: [WeeklyPatternEntry],
    description:
      'Copenhagen wall-clock times. On a clock-change night every slot still lasts slotMinutes: times in the spring gap are skipped (NONEXISTENT_LOCAL_TIME); in the repeated autumn hour a slot is published for each occurrence that ends slotMinutes later on the wall clock, and one that would span the change is skipped (SPANS_CLOCK_CHANGE)',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNestedList(() => WeeklyPatternEntry)
  pattern!: WeeklyPatternEntry[];
}

export class CreateSessionBody {
  @ApiProperty({ example: 'netcafe' }) @IsString() activityCode!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() roomId!: string;
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  leaderIds!: string[];
  @ApiProperty({ type: String, format: 'date-time', example: '2026-12-03T13:00:00+01:00', description: TIME_RULE })
  @IsInstant()
  start!: Date;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: `Defaults to start + the activity’s duration. ${TIME_RULE}`,
  })
  @OptionalNotNull()
  @IsInstant()
  end?: Date;
  @ApiPropertyOptional({ description: 'Defaults to the smaller of the activity maximum and the room seats' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(500)
  capacity?: number;
  @ApiPropertyOptional({ description: 'Defaults to the activity minimum' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(500)
  minParticipants?: number;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: `When a session below its minimum is flagged; defaults to 3 days before the start (same wall-clock time). ${TIME_RULE}`,
  })
  @OptionalNotNull()
  @IsInstant()
  cutoffAt?: Date;
}

export class OfficeCalendarQuery {
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @IsLocalDate() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @IsLocalDate() to?: string;
}

export class SessionListQuery extends OfficeCalendarQuery {
  @ApiPropertyOptional({ description: 'Only sessions below their minimum after the cut-off' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  flagged?: 'true' | 'false';
}

export class CancelBody {
  @ApiPropertyOptional({ example: 'Rådgiveren er syg' }) @OptionalNotNull() @IsString() @MaxLength(500) reason?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() notifyMembers?: boolean;
}

export class MoveSessionBody {
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2026-12-03T13:00:00+01:00',
    description: `The new start; without it the session keeps its time. ${TIME_RULE}`,
  })
  @OptionalNotNull()
  @IsInstant()
  start?: Date;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: `The new end; defaults to the new start + the session's present length. ${TIME_RULE}`,
  })
  @OptionalNotNull()
  @IsInstant()
  end?: Date;
  @ApiPropertyOptional({ format: 'uuid', description: 'Another room of the same office' })
  @OptionalNotNull()
  @IsUUID()
  roomId?: string;
}
