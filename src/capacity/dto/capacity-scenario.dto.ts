import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNumber,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { OptionalNotNull, ValidateNestedList } from '../../common/validation/decorators.js';
import { IsIsoWeek, IsLocalDate } from '../../shared/validation.js';

export class ScenarioAdjustmentBody {
  @ApiPropertyOptional({ example: '2027-W05', description: 'ISO week the change starts (or fromDate)' })
  @OptionalNotNull()
  @IsIsoWeek()
  fromWeek?: string;
  @ApiPropertyOptional({
    example: '2027-02-01',
    description: 'Date the change starts; counts from the week containing it',
  })
  @OptionalNotNull()
  @IsLocalDate()
  fromDate?: string;
  @ApiPropertyOptional({
    example: '2027-06-30',
    description: 'Last day of the change (inclusive); open-ended when absent',
  })
  @OptionalNotNull()
  @IsLocalDate()
  toDate?: string;
  @ApiPropertyOptional({ format: 'uuid', isArray: true })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID(undefined, { each: true })
  departmentIds?: string[];
  @ApiPropertyOptional({ format: 'uuid', isArray: true })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID(undefined, { each: true })
  officeIds?: string[];
  @ApiProperty({ example: 1.2, description: 'Multiplies the inflow forecast (1.2 = +20 %)', minimum: 0, maximum: 10 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10)
  factor!: number;
}

export class CreateScenarioBody {
  @ApiProperty({ example: 'Plant closure in Østjylland' }) @IsString() @Length(1, 80) name!: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MaxLength(1000) description?: string;
  @ApiProperty({ type: [ScenarioAdjustmentBody] })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNestedList(() => ScenarioAdjustmentBody)
  adjustments!: ScenarioAdjustmentBody[];
}
