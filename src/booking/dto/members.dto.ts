import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { TARGET_GROUPS, type TargetGroup } from '../../capacity/target-groups.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateMemberBody {
  @ApiProperty({ example: '7000123', description: 'The fund’s member number — the only outside identifier. Never a CPR number.' })
  @Matches(/^[A-Za-z0-9-]{3,20}$/, { message: 'memberNumber must be 3–20 letters, digits or dashes' })
  memberNumber!: string;
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(200) email?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\+?[0-9 ]{8,16}$/, { message: 'phone must be 8–16 digits' }) phone?: string;
  @ApiProperty({ example: '0751' }) @Matches(/^\d{4}$/, { message: 'municipalityCode must be four digits, e.g. 0751' }) municipalityCode!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Overrides the nearest office' }) @IsOptional() @IsUUID() homeOfficeId?: string;
  @ApiProperty({ example: '2026-11-16' }) @Matches(ISO_DATE, { message: 'firstUnemploymentDay must be a date like 2026-11-16' }) firstUnemploymentDay!: string;
  @ApiProperty({ enum: TARGET_GROUPS, description: 'low-risk for the standard programme; one of the six strengthened groups for high risk' })
  @IsIn(TARGET_GROUPS)
  targetGroup!: TargetGroup;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() basicItNeeds?: boolean;
}

export class UpdateMemberBody {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(200) email?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\+?[0-9 ]{8,16}$/, { message: 'phone must be 8–16 digits' }) phone?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{4}$/, { message: 'municipalityCode must be four digits' }) municipalityCode?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() homeOfficeId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ISO_DATE, { message: 'firstUnemploymentDay must be a date like 2026-11-16' }) firstUnemploymentDay?: string;
  @ApiPropertyOptional({ enum: TARGET_GROUPS }) @IsOptional() @IsIn(TARGET_GROUPS) targetGroup?: TargetGroup;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() basicItNeeds?: boolean;
}

export class ListMembersQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() officeId?: string;
  @ApiPropertyOptional({ enum: ['active', 'referred', 'closed', 'erased'] })
  @IsOptional()
  @IsIn(['active', 'referred', 'closed', 'erased'])
  status?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9-]{3,40}$/) memberNumber?: string;
}

export class ReferralBody {
  @ApiPropertyOptional({ enum: ['complex-problems', 'under-25-without-education', 'other'] })
  @IsOptional()
  @IsIn(['complex-problems', 'under-25-without-education', 'other'])
  reason?: string;
}
