import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateOptimiserRunBody {
  @ApiProperty({ example: '2026-12-01', description: 'First day of the planning horizon (local date)' })
  @Matches(DATE_ONLY, { message: 'from must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ example: '2027-02-28', description: 'Last day of the planning horizon (inclusive, at most 182 days after from)' })
  @Matches(DATE_ONLY, { message: 'to must be YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional({ type: [String], example: ['netcafe'], description: 'Group activity codes (default: every group activity)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  activityTypes?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Departments whose members and offices are planned (default: the whole fund)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  departmentIds?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 300, default: 60, description: 'Longest distance from a member’s home to a session' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(300)
  maxTravelKm?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 600, default: 30, description: 'Solver time budget; not part of the planning scope' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  timeLimitSeconds?: number;
}
