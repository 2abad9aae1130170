import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const WEEK_KEY = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

export class ScenarioAdjustmentBody {
  @ApiPropertyOptional({ example: '2027-W05', description: 'ISO week the change starts (or fromDate)' })
  @IsOptional()
  @Matches(WEEK_KEY, { message: 'fromWeek must be an ISO week such as 2027-W05' })
  fromWeek?: string;
  @ApiPropertyOptional({ example: '2027-02-01', description: 'Date the change starts; counts from the week containing it' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'fromDate must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  fromDate?: string;
  @ApiPropertyOptional({ example: '2027-06-30', description: 'Last day of the change (inclusive); open-ended when absent' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'toDate must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  toDate?: string;
  @ApiPropertyOptional({ format: 'uuid', isArray: true }) @IsOptional() @IsArray() @ArrayMaxSize(200) @IsUUID(undefined, { each: true }) departmentIds?: string[];
  @ApiPropertyOptional({ format: 'uuid', isArray: true }) @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsUUID(undefined, { each: true }) officeIds?: string[];
  @ApiProperty({ example: 1.2, description: 'Multiplies the inflow forecast (1.2 = +20 %)', minimum: 0, maximum: 10 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10)
  factor!: number;
}

export class CreateScenarioBody {
  @ApiProperty({ example: 'Plant closure in Østjylland' }) @IsString() @Length(1, 80) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @ApiProperty({ type: [ScenarioAdjustmentBody] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ScenarioAdjustmentBody)
  adjustments!: ScenarioAdjustmentBody[];
}
