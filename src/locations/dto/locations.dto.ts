import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { OptionalNotNull, ValidateNestedList } from '../../common/validation/decorators.js';
import { FIRST_YEAR, IsLocalDate, LAST_YEAR } from '../../shared/validation.js';
import {
  ABSENCE_REASONS,
  STAFF_JOB_ROLES,
  STAFF_SKILLS,
  type AbsenceReason,
  type StaffRole,
  type StaffSkill,
} from '../../shared/vocabulary/roles.js';

export class ListOfficesQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ enum: ['main', 'satellite'] }) @IsOptional() @IsIn(['main', 'satellite']) kind?:
    'main' | 'satellite';
  @ApiPropertyOptional({
    description: 'Centre point "lat,lon"; with radiusKm, only offices within that distance, nearest first',
    example: '56.1567,10.2108',
  })
  @IsOptional()
  @Matches(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, { message: 'near must be "lat,lon", for example 56.1567,10.2108' })
  near?: string;
  @ApiPropertyOptional({ minimum: 0.1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({}, { message: 'radiusKm must be a number' })
  @Min(0.1)
  @Max(1000)
  radiusKm?: number;
  @ApiPropertyOptional({ description: 'Include deactivated offices (default false)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeInactive?: boolean;
}

export class ListDepartmentsQuery {
  @ApiPropertyOptional({ description: 'Include deactivated departments (default false)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeInactive?: boolean;
}

export class ListStaffQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() officeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ enum: STAFF_JOB_ROLES }) @IsOptional() @IsIn(STAFF_JOB_ROLES) role?: StaffRole;
  @ApiPropertyOptional({ enum: STAFF_SKILLS }) @IsOptional() @IsIn(STAFF_SKILLS) skill?: StaffSkill;
}

export class CreateStaffBody {
  @ApiProperty({ example: 'M-1042' }) @IsString() @Length(1, 40) employeeNumber!: string;
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
  @ApiProperty() @IsEmail() @MaxLength(200) email!: string;
  @ApiProperty({ enum: STAFF_JOB_ROLES }) @IsIn(STAFF_JOB_ROLES) role!: StaffRole;
  @ApiPropertyOptional({ format: 'uuid', description: 'Required for advisers and pre-unemployment staff' })
  @OptionalNotNull()
  @IsUUID()
  officeId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'For office coordinators; otherwise taken from the office' })
  @OptionalNotNull()
  @IsUUID()
  departmentId?: string;
  @ApiPropertyOptional({ example: 'job-team', description: 'Team code; job consultants belong to the job team' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(40)
  teamCode?: string;
  @ApiPropertyOptional({ enum: STAFF_SKILLS, isArray: true })
  @OptionalNotNull()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(STAFF_SKILLS.length)
  @IsIn(STAFF_SKILLS, { each: true })
  skills?: StaffSkill[];
  @ApiProperty({ example: 37, minimum: 1, maximum: 48 }) @IsNumber() @Min(1) @Max(48) weeklyHours!: number;
}

export class UpdateStaffBody {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsEmail() @MaxLength(200) email?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNotNull() @IsUUID() officeId?: string;
  @ApiPropertyOptional({ enum: STAFF_SKILLS, isArray: true })
  @OptionalNotNull()
  @IsArray()
  @ArrayUnique()
  @IsIn(STAFF_SKILLS, { each: true })
  skills?: StaffSkill[];
  @ApiPropertyOptional({ minimum: 1, maximum: 48 })
  @OptionalNotNull()
  @IsNumber()
  @Min(1)
  @Max(48)
  weeklyHours?: number;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() active?: boolean;
}

export class CreateAbsenceBody {
  @ApiProperty({ example: '2026-12-21', description: 'First day of absence (inclusive)' }) @IsLocalDate() from!: string;
  @ApiProperty({ example: '2026-12-23', description: 'Last day of absence (inclusive)' }) @IsLocalDate() to!: string;
  @ApiProperty({ enum: ABSENCE_REASONS }) @IsIn(ABSENCE_REASONS) reason!: AbsenceReason;
}

export class ClosuresQuery {
  @ApiPropertyOptional({ example: 2027 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  year?: number;
}

export class ClosureDayBody {
  @ApiProperty({ example: '2027-06-05' }) @IsLocalDate() date!: string;
  @ApiProperty({ example: 'Grundlovsdag' }) @IsString() @Length(1, 200) reason!: string;
}

export class ReplaceClosuresBody {
  @ApiProperty({ example: 2027, description: 'The year whose closure days are replaced' })
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  year!: number;
  @ApiProperty({ type: [ClosureDayBody] })
  @ArrayMaxSize(366)
  @ValidateNestedList(() => ClosureDayBody)
  days!: ClosureDayBody[];
}

export class ListMunicipalitiesQuery {
  @ApiPropertyOptional({ example: '1081' }) @IsOptional() @Matches(/^\d{4}$/) regionCode?: string;
  @ApiPropertyOptional({ description: 'Only municipalities where the fund ran the 2020 contact-course trial' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  inTrial?: boolean;
}
