import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ISLANDS } from '../../shared/geo.js';
import { STAFF_JOB_ROLES, STAFF_SKILLS, type StaffRole, type StaffSkill } from '../../shared/vocabulary/roles.js';

/* What the organisation routes answer: the JSON document GET exports and POST reads, import counts, departments and offices by natural key. */

export class DepartmentRecordDto {
  @ApiProperty({ example: 'trekanten' }) code!: string;
  @ApiProperty({ example: 'Metal Trekanten' }) name!: string;
  @ApiPropertyOptional({ description: 'Absent on import: a new department is active, an existing one keeps its flag' })
  active?: boolean;
}

export class RoomRecordDto {
  @ApiProperty({ example: 'Mødelokale 1' }) name!: string;
  @ApiProperty({ type: Number, example: 6 }) seats!: number;
}

export class OpeningHoursRecordDto {
  @ApiProperty({ type: Number, minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }) weekday!: number;
  @ApiProperty({ example: '08:00' }) opens!: string;
  @ApiProperty({ example: '16:00' }) closes!: string;
}

export class OfficeRecordDto {
  @ApiProperty({ example: 'vejle' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['main', 'satellite'] }) kind!: 'main' | 'satellite';
  @ApiProperty({ example: 'trekanten' }) departmentCode!: string;
  @ApiProperty() town!: string;
  @ApiProperty({ example: '0630' }) municipalityCode!: string;
  @ApiProperty({ type: Number }) lat!: number;
  @ApiProperty({ type: Number }) lon!: number;
  @ApiProperty({ type: String, enum: ISLANDS, nullable: true }) island!: string | null;
  @ApiProperty() street!: string;
  @ApiProperty() postcode!: string;
  @ApiProperty() city!: string;
  @ApiProperty() isHeadOffice!: boolean;
  @ApiProperty() isContactCentre!: boolean;
  @ApiPropertyOptional() active?: boolean;
  @ApiProperty({ type: [RoomRecordDto] }) rooms!: RoomRecordDto[];
  @ApiProperty({ type: [OpeningHoursRecordDto] }) openingHours!: OpeningHoursRecordDto[];
}

export class StaffRecordDto {
  @ApiProperty({ example: 'M-1042' }) employeeNumber!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: STAFF_JOB_ROLES }) role!: StaffRole;
  @ApiProperty({ type: String, nullable: true }) officeCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) departmentCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) teamCode!: string | null;
  @ApiProperty({ enum: STAFF_SKILLS, isArray: true }) skills!: StaffSkill[];
  @ApiProperty({ type: Number }) weeklyHours!: number;
  @ApiPropertyOptional() active?: boolean;
}

export class OrganisationDocumentDto {
  @ApiProperty({ type: [DepartmentRecordDto] }) departments!: DepartmentRecordDto[];
  @ApiProperty({ type: [OfficeRecordDto] }) offices!: OfficeRecordDto[];
  @ApiProperty({ type: [StaffRecordDto] }) staff!: StaffRecordDto[];
}

/** Rows stored per section (inserted or updated). */
export class OrganisationImportResultDto {
  @ApiProperty({ type: Number }) departments!: number;
  @ApiProperty({ type: Number }) offices!: number;
  @ApiProperty({ type: Number }) rooms!: number;
  @ApiProperty({ type: Number }) openingHours!: number;
  @ApiProperty({ type: Number }) staff!: number;
}

export class DepartmentDetailDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: Number }) officeCount!: number;
  @ApiProperty({ type: Number }) activeOfficeCount!: number;
}

export class OrganisationOfficeDto extends OfficeRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() departmentName!: string;
}
