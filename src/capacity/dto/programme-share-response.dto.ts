import { ApiProperty } from '@nestjs/swagger';
import { LEADER_JOB_ROLES, type LeaderJobRole } from '../../shared/vocabulary/roles.js';

/* What the programme-share routes answer (OpenAPI response schemas). */

export class ShareEntryDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    description: "A person's null: back to the role default",
  })
  share!: number | null;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Subject of who set it' }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class RoleShareDto {
  @ApiProperty({ enum: LEADER_JOB_ROLES }) role!: LeaderJobRole;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, description: 'Share in force (0 without one)' }) share!: number;
  @ApiProperty({ type: [ShareEntryDto] }) history!: ShareEntryDto[];
}

export class StaffShareDto {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: LEADER_JOB_ROLES }) role!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) officeId!: string | null;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, description: 'Share in force' }) share!: number;
  @ApiProperty({
    enum: ['person', 'role'],
    description: "Whether the person's own value or the role default is in force",
  })
  source!: 'person' | 'role';
  @ApiProperty({ type: [ShareEntryDto], description: "The person's own values" }) history!: ShareEntryDto[];
}

export class StaffShareOnDto extends StaffShareDto {
  @ApiProperty({ format: 'date', description: 'The day the share is in force on' }) on!: string;
}

export class ProgrammeSharesDto {
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ type: [RoleShareDto] }) roles!: RoleShareDto[];
  @ApiProperty({ type: [StaffShareDto] }) staff!: StaffShareDto[];
}
