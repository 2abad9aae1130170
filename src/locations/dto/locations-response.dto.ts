import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ISLANDS } from '../../shared/geo.js';
import { ABSENCE_REASONS, STAFF_JOB_ROLES, STAFF_SKILLS } from '../../shared/vocabulary/roles.js';

/*
 * What the locations routes answer (OpenAPI response schemas). The controller methods return these types, so
 * TypeScript fails when a service's answer loses or renames a field. Some fields are typed wider here (`string`)
 * than their schema's enum because the repository reads them as text; the schema says which values occur.
 */

export class DepartmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'trekanten' }) code!: string;
  @ApiProperty({ example: 'Metal Trekanten' }) name!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: Number, description: 'Offices of the department' }) officeCount!: number;
}

export class RoomDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: Number }) seats!: number;
}

export class OpeningHoursDto {
  @ApiProperty({ type: Number, minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }) weekday!: number;
  @ApiProperty({ example: '08:00' }) opens!: string;
  @ApiProperty({ example: '16:00' }) closes!: string;
}

class OfficeBaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'vejle' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['main', 'satellite'] }) kind!: 'main' | 'satellite';
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty() departmentName!: string;
  @ApiProperty() town!: string;
  @ApiProperty({ example: '0630' }) municipalityCode!: string;
  @ApiProperty({ type: Number }) lat!: number;
  @ApiProperty({ type: Number }) lon!: number;
  @ApiProperty({ type: String, enum: ISLANDS, nullable: true, description: 'Island without a bridge to the mainland' })
  island!: string | null;
  @ApiProperty() street!: string;
  @ApiProperty() postcode!: string;
  @ApiProperty() city!: string;
  @ApiProperty({ example: 'Europe/Copenhagen' }) timezone!: string;
  @ApiProperty() isHeadOffice!: boolean;
  @ApiProperty() isContactCentre!: boolean;
  @ApiProperty() active!: boolean;
}

export class OfficeDto extends OfficeBaseDto {
  @ApiPropertyOptional({ type: Number, description: 'Only with near=: kilometres from that point' })
  distanceKm?: number;
}

export class OfficeDetailDto extends OfficeBaseDto {
  @ApiProperty({ type: [RoomDto] }) rooms!: RoomDto[];
  @ApiProperty({ type: [OpeningHoursDto] }) openingHours!: OpeningHoursDto[];
}

export class PublicHolidayDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ example: 'Juledag' }) name!: string;
}

export class ClosureDayDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() reason!: string;
}

export class ClosuresDto {
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ type: Number }) year!: number;
  @ApiProperty({ type: [PublicHolidayDto] }) publicHolidays!: PublicHolidayDto[];
  @ApiProperty({ type: [ClosureDayDto] }) closureDays!: ClosureDayDto[];
}

export class MunicipalityDto {
  @ApiProperty({ example: '0630' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() regionCode!: string;
  @ApiProperty() regionName!: string;
  @ApiProperty({ description: 'In the 2020 contact-course trial' }) contactCourseTrial2020!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'frit valg' }) scheme2027!: string | null;
  @ApiProperty({ type: Number }) lat!: number;
  @ApiProperty({ type: Number }) lon!: number;
  @ApiProperty({ type: String, enum: ISLANDS, nullable: true }) island!: string | null;
}

export class StaffDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'M-1042' }) employeeNumber!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, enum: STAFF_JOB_ROLES }) role!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) officeId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) departmentId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'job-team' }) teamCode!: string | null;
  @ApiProperty({ enum: STAFF_SKILLS, isArray: true }) skills!: string[];
  @ApiProperty({ type: Number }) weeklyHours!: number;
  @ApiProperty() active!: boolean;
}

export class AbsenceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ format: 'date', description: 'First day (inclusive)' }) from!: string;
  @ApiProperty({ format: 'date', description: 'Last day (inclusive)' }) to!: string;
  @ApiProperty({ type: String, enum: ABSENCE_REASONS }) reason!: string;
}
