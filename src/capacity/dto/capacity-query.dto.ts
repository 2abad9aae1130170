import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { CsvDialectParam } from '../../common/csv/csv-dialect.js';
import type { CsvDialect } from '../../common/csv/csv.js';
import { OptionalNotNull } from '../../common/validation/decorators.js';
import { IsLocalDate } from '../../shared/validation.js';

class PeriodQuery {
  @ApiPropertyOptional({
    example: '2026-11-23',
    description: 'A day in the first week (default: the first forecast week)',
  })
  @IsOptional()
  @IsLocalDate()
  from?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 52, default: 13 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(52)
  weeks?: number;
}

export class HistoryQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() officeId?: string;
  @ApiPropertyOptional({ example: '2025-11-24', description: 'First week (default: 52 weeks before the last)' })
  @IsOptional()
  @IsLocalDate()
  from?: string;
  @ApiPropertyOptional({ example: '2026-11-16', description: 'Last week (default: the last in the history)' })
  @IsOptional()
  @IsLocalDate()
  to?: string;
}

export class ForecastQuery extends PeriodQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() officeId?: string;
  @ApiPropertyOptional({ description: 'Name of a stored scenario' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  scenario?: string;
}

export class PlanQuery extends PeriodQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ description: 'Name of a stored scenario' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  scenario?: string;
  @CsvDialectParam() dialect?: CsvDialect;
}

export class ExpectedHoursQuery extends PeriodQuery {}

export class CreateAllocationBody {
  @ApiProperty({ example: '2026-11-30', description: 'A day in the first week' })
  @IsLocalDate()
  from!: string;
  @ApiProperty({ minimum: 1, maximum: 26, example: 13 }) @IsInt() @Min(1) @Max(26) weeks!: number;
  @ApiPropertyOptional({ description: 'Name of a stored scenario' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 80)
  scenario?: string;
}
