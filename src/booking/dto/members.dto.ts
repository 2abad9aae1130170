import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { TARGET_GROUPS, type TargetGroup } from '../../shared/vocabulary/target-groups.js';
import { OptionalNotNull } from '../../common/validation/decorators.js';
import { IsLocalDate } from '../../shared/validation.js';

export class CreateMemberBody {
  @ApiProperty({
    example: '7000123',
    description: 'The fund’s member number — the only outside identifier. Never a CPR number.',
  })
  @Matches(/^[A-Za-z0-9-]{3,20}$/, { message: 'memberNumber must be 3–20 letters, digits or dashes' })
  memberNumber!: string;
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null: none' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null: none' })
  @IsOptional()
  @Matches(/^\+?[0-9 ]{8,16}$/, { message: 'phone must be 8–16 digits' })
  phone?: string | null;
  @ApiProperty({ example: '0751' })
  @Matches(/^\d{4}$/, { message: 'municipalityCode must be four digits, e.g. 0751' })
  municipalityCode!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Overrides the nearest office' })
  @OptionalNotNull()
  @IsUUID()
  homeOfficeId?: string;
  @ApiProperty({ example: '2026-11-16' }) @IsLocalDate() firstUnemploymentDay!: string;
  @ApiProperty({
    enum: TARGET_GROUPS,
    description: 'low-risk for the standard programme; one of the six strengthened groups for high risk',
  })
  @IsIn(TARGET_GROUPS)
  targetGroup!: TargetGroup;
  @ApiPropertyOptional({ default: false }) @OptionalNotNull() @IsBoolean() basicItNeeds?: boolean;
}

/** Fields left out stay as they are. null is refused, except for e-mail and phone, where it removes them. */
export class UpdateMemberBody {
  @ApiPropertyOptional({ description: 'Never null: erasure (POST /api/members/:id/erasure) is how a name is removed' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null removes it' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null removes it' })
  @IsOptional()
  @Matches(/^\+?[0-9 ]{8,16}$/, { message: 'phone must be 8–16 digits' })
  phone?: string | null;
  @ApiPropertyOptional()
  @OptionalNotNull()
  @Matches(/^\d{4}$/, { message: 'municipalityCode must be four digits' })
  municipalityCode?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNotNull() @IsUUID() homeOfficeId?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsLocalDate() firstUnemploymentDay?: string;
  @ApiPropertyOptional({ enum: TARGET_GROUPS }) @OptionalNotNull() @IsIn(TARGET_GROUPS) targetGroup?: TargetGroup;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() basicItNeeds?: boolean;
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
  @OptionalNotNull()
  @IsIn(['complex-problems', 'under-25-without-education', 'other'])
  reason?: string;
}
