import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CsvDialectParam } from '../../common/csv/csv-dialect.js';
import type { CsvDialect } from '../../common/csv/csv.js';
import { OptionalNotNull } from '../../common/validation/decorators.js';
import { IsInstant } from '../../common/validation/instant.js';
import { IsLocalMonth } from '../../shared/validation.js';
import { CHANNELS } from '../../shared/vocabulary/activities.js';

export class CreateBookingBody {
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() programmeItemId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Give exactly one of slotId and sessionId' })
  @OptionalNotNull()
  @IsUUID()
  slotId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNotNull() @IsUUID() sessionId?: string;
}

export class RescheduleBody {
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNotNull() @IsUUID() slotId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNotNull() @IsUUID() sessionId?: string;
}

export class CancelBookingBody {
  @ApiPropertyOptional({ example: 'Kan ikke komme' }) @OptionalNotNull() @IsString() @MaxLength(500) reason?: string;
}

export class AttendanceBody {
  @ApiProperty({ description: 'true: attended; false: no-show (the item reopens)' }) @IsBoolean() attended!: boolean;
}

export class WaitlistBody {
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() programmeItemId!: string;
}

export class AvailabilityQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The programme item to book' }) @IsUUID() item!: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'A date (start of that Copenhagen day) or a time; without an offset, Copenhagen time',
  })
  @IsOptional()
  @IsInstant({ wholeMinutes: false, dateOnly: true })
  from?: Date;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'A date (start of that Copenhagen day) or a time; without an offset, Copenhagen time',
  })
  @IsOptional()
  @IsInstant({ wholeMinutes: false, dateOnly: true })
  to?: Date;
  @ApiPropertyOptional({ default: 50, description: 'In-person options only within this travel distance' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(1)
  @Max(500)
  maxKm?: number;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: string;
}

/** Booking events, and the organisation's (imports, departments and offices, src/locations/organisation). */
const AUDIT_ENTITIES = ['booking', 'slot', 'session', 'member', 'department', 'office', 'organisation'];

export class AuditQuery {
  @ApiPropertyOptional({ enum: AUDIT_ENTITIES }) @IsOptional() @IsIn(AUDIT_ENTITIES) entity?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() entityId?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class SmileyBody {
  @ApiProperty({ enum: ['green', 'yellow', 'red'] }) @IsIn(['green', 'yellow', 'red']) smiley!:
    'green' | 'yellow' | 'red';
}

export class KpiQuery {
  @ApiProperty({ example: '2026-11' }) @IsLocalMonth() month!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() departmentId?: string;
  @CsvDialectParam() dialect?: CsvDialect;
}
