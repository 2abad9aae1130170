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
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, type Channel } from '../catalogue/activity-catalogue.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
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
  @ApiProperty({ example: '2026-12-01' }) @Matches(ISO_DATE, { message: 'from must be a date like 2026-12-01' }) from!: string;
  @ApiProperty({ example: '2026-12-31' }) @Matches(ISO_DATE, { message: 'to must be a date like 2026-12-31' }) to!: string;
  @ApiProperty({ type: [WeeklyPatternEntry] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => WeeklyPatternEntry)
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
  @ApiPropertyOptional({ description: 'Defaults to start + the activity’s duration' }) @IsOptional() @IsISO8601({ strict: true }) end?: string;
  @ApiPropertyOptional({ description: 'Defaults to the smaller of the activity maximum and the room seats' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  capacity?: number;
  @ApiPropertyOptional({ description: 'Defaults to the activity minimum' }) @IsOptional() @IsInt() @Min(1) @Max(500) minParticipants?: number;
  @ApiPropertyOptional({ description: 'When a session below its minimum is flagged; defaults to 3 days before the start' })
  @IsOptional()
  @IsISO8601({ strict: true })
  cutoffAt?: string;
}

export class OfficeCalendarQuery {
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @Matches(ISO_DATE, { message: 'from must be a date like 2026-12-01' }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @Matches(ISO_DATE, { message: 'to must be a date like 2026-12-31' }) to?: string;
}

export class SessionListQuery extends OfficeCalendarQuery {
  @ApiPropertyOptional({ description: 'Only sessions below their minimum after the cut-off' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  flagged?: 'true' | 'false';
}

export class CancelBody {
  @ApiPropertyOptional({ example: 'Rådgiveren er syg' }) @IsOptional() @IsString() reason?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() notifyMembers?: boolean;
}
