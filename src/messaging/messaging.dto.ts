import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsInstant } from '../common/validation/instant.js';
import { EXTERNAL_CHANNELS } from './core/message-types.js';

export const REMINDER_HOURS = [1, 2, 3, 4, 6, 12, 24, 48, 72] as const;

export class PreferencesBody {
  @ApiProperty({ enum: EXTERNAL_CHANNELS, isArray: true, description: 'Channels besides the inbox (always on)' })
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(EXTERNAL_CHANNELS, { each: true })
  channels!: string[];

  @ApiProperty({
    enum: REMINDER_HOURS,
    isArray: true,
    description: 'Reminders this many hours before an appointment (whole days on the wall clock); at most 3',
  })
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(REMINDER_HOURS, { each: true })
  reminderHours!: number[];

  @ApiProperty({ enum: ['da', 'en'] }) @IsIn(['da', 'en']) language!: 'da' | 'en';
}

export class StaffPreferencesBody {
  @ApiProperty({
    description:
      "The adviser's day: a morning e-mail (ADVISER_DAY_TIME, default 07:00 Copenhagen) listing the day's appointments",
  })
  @IsBoolean()
  adviserDay!: boolean;

  @ApiProperty({ enum: ['da', 'en'] }) @IsIn(['da', 'en']) language!: 'da' | 'en';
}

export class UnsubscribeQuery {
  @ApiProperty({ description: 'The signed token from the link in the e-mail' })
  @IsString()
  @MaxLength(2000)
  token!: string;
}

export class ListQuery {
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class KpiQuery {
  @ApiProperty({ type: String, format: 'date-time', description: 'A date (start of that Copenhagen day) or a time' })
  @IsInstant({ wholeMinutes: false, dateOnly: true })
  from!: Date;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'Exclusive; a date (start of that Copenhagen day) or a time',
  })
  @IsInstant({ wholeMinutes: false, dateOnly: true })
  to!: Date;
}
