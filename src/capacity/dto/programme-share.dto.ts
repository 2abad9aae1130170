import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { IsLocalDate } from '../../shared/validation.js';

export class ProgrammeShareQuery {
  @ApiPropertyOptional({ example: '2026-12-07', description: 'The day whose values are shown (default: today)' })
  @IsOptional()
  @IsLocalDate()
  on?: string;
}

export class RoleShareBody {
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.4, description: 'Share of working time for programme work' })
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  @Max(1)
  share!: number;
  @ApiProperty({ example: '2027-01-04', description: 'The value holds from this day until a later one' })
  @IsLocalDate()
  validFrom!: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @Length(1, 200) note?: string;
}

export class StaffShareBody {
  @ApiProperty({
    type: Number,
    minimum: 0,
    maximum: 1,
    nullable: true,
    example: 0.25,
    description: 'The person’s share; null: the role’s default again',
  })
  @ValidateIf((_, value) => value !== null)
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  @Max(1)
  share!: number | null;
  @ApiProperty({ example: '2027-01-04', description: 'The value holds from this day until a later one' })
  @IsLocalDate()
  validFrom!: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @Length(1, 200) note?: string;
}
