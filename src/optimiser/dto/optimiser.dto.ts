import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { OptionalNotNull } from '../../common/validation/decorators.js';
import { IsLocalDate } from '../../shared/validation.js';

export class CreateOptimiserRunBody {
  @ApiProperty({ example: '2026-12-01', description: 'First day of the planning horizon (local date)' })
  @IsLocalDate()
  from!: string;

  @ApiProperty({
    example: '2027-02-28',
    description: 'Last day of the planning horizon (inclusive, at most 182 days after from)',
  })
  @IsLocalDate()
  to!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['netcafe'],
    description: 'Group activity codes (default: every group activity)',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  activityTypes?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Departments whose members and offices are planned (default: the whole fund)',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  departmentIds?: string[];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 300,
    default: 60,
    description: 'Longest distance from a member’s home to a session',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(300)
  maxTravelKm?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 600,
    description:
      'Wall-clock safety net of the solve (default: fits the run, 60 s plus 2 ms per programme item); the search itself runs to an iteration budget. Not part of the planning scope',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(600)
  timeLimitSeconds?: number;

  @ApiPropertyOptional({
    default: true,
    description:
      'Let a session take a leader’s time held by unbooked published slots, withdrawing them when it is applied (never a booked slot), where that places more members',
  })
  @OptionalNotNull()
  @IsBoolean()
  withdrawSlots?: boolean;
}
