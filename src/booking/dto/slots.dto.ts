import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { OptionalNotNull, ValidateNestedList } from '../../common/validation/decorators.js';
import { IsLocalDate } from '../../common/validation/local-date.js';
import { CHANNELS, type Channel } from '../catalogue/activity-catalogue.js';

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
  @ApiProperty({ example: '2026-12-01T09:00:00+01:00' }) @IsISO8601({ strict: true }) start!: string;
  @ApiProperty({ example: '2026-12-01T10:00:00+01:00' }) @IsISO8601({ strict: true }) end!: string;
}

export class WeeklyPatternEntry {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }) @IsInt() @Min(1) @Max(7) weekday!: number;
  @ApiProperty({ example: '09:00', description: 'Local time (Europe/Copenhagen)' }) @Matches(HH_MM, { message: 'start must be HH:MM' }) start!: string;
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
  @ApiProperty({ type: [WeeklyPatternEntry] })
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
  @ApiProperty({ example: '2026-12-03T13:00:00+01:00' }) @IsISO8601({ strict: true }) start!: string;
  @ApiPropertyOptional({ description: 'Defaults to start + the activity’s duration' }) @OptionalNotNull() @IsISO8601({ strict: true }) end?: string;
  @ApiPropertyOptional({ description: 'Defaults to the smaller of the activity maximum and the room seats' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(500)
  capacity?: number;
  @ApiPropertyOptional({ description: 'Defaults to the activity minimum' }) @OptionalNotNull() @IsInt() @Min(1) @Max(500) minParticipants?: number;
  @ApiPropertyOptional({ description: 'When a session below its minimum is flagged; defaults to 3 days before the start' })
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  cutoffAt?: string;
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
