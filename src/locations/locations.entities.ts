import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'department' })
export class DepartmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('uq_department_code', { unique: true }) @Column('text') code!: string;
  @Column('text') name!: string;
}

@Entity({ name: 'team' })
export class TeamEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('uq_team_code', { unique: true }) @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('boolean', { name: 'works_across_departments', default: false }) worksAcrossDepartments!: boolean;
}

@Entity({ name: 'municipality' })
export class MunicipalityEntity {
  @PrimaryColumn('char', { length: 4 }) code!: string;
  @Column('text') name!: string;
  @Column('char', { name: 'region_code', length: 4 }) regionCode!: string;
  @Column('text', { name: 'region_name' }) regionName!: string;
  @Column('boolean', { name: 'contact_course_trial_2020' }) contactCourseTrial2020!: boolean;
  @Column('text', { name: 'scheme_2027', nullable: true }) scheme2027!: string | null;
  @Column('double precision') lat!: number;
  @Column('double precision') lon!: number;
  @Column('text', { nullable: true }) island!: string | null;
}

@Entity({ name: 'office' })
@Check('ck_office_kind', `kind IN ('main', 'satellite')`)
@Check('ck_office_coordinates', 'lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180')
@Index('uq_office_one_head_office', ['isHeadOffice'], { unique: true, where: 'is_head_office' })
@Index('uq_office_one_contact_centre', ['isContactCentre'], { unique: true, where: 'is_contact_centre' })
export class OfficeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('uq_office_code', { unique: true }) @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text') kind!: 'main' | 'satellite';
  @Index('ix_office_department') @Column('uuid', { name: 'department_id' }) departmentId!: string;
  @Column('text') town!: string;
  @Column('char', { name: 'municipality_code', length: 4 }) municipalityCode!: string;
  @Column('double precision') lat!: number;
  @Column('double precision') lon!: number;
  @Column('text', { nullable: true }) island!: string | null;
  @Column('text') street!: string;
  @Column('text') postcode!: string;
  @Column('text') city!: string;
  @Column('text', { default: 'Europe/Copenhagen' }) timezone!: string;
  @Column('boolean', { name: 'is_head_office', default: false }) isHeadOffice!: boolean;
  @Column('boolean', { name: 'is_contact_centre', default: false }) isContactCentre!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'room' })
@Check('ck_room_seats', 'seats BETWEEN 1 AND 500')
@Index('uq_room_office_name', ['officeId', 'name'], { unique: true })
export class RoomEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'office_id' }) officeId!: string;
  @Column('text') name!: string;
  @Column('integer') seats!: number;
}

@Entity({ name: 'office_opening_hours' })
@Check('ck_opening_hours_weekday', 'weekday BETWEEN 1 AND 7')
@Check('ck_opening_hours_order', 'opens < closes')
export class OfficeOpeningHoursEntity {
  @PrimaryColumn('uuid', { name: 'office_id' }) officeId!: string;
  @PrimaryColumn('smallint') weekday!: number;
  @Column('time') opens!: string;
  @Column('time') closes!: string;
}

@Entity({ name: 'closure_day' })
export class ClosureDayEntity {
  @PrimaryColumn('uuid', { name: 'office_id' }) officeId!: string;
  @PrimaryColumn('date') day!: string;
  @Column('text') reason!: string;
}

@Entity({ name: 'staff' })
@Check('ck_staff_role', `role IN ('adviser', 'job-consultant', 'pre-unemployment', 'office-coordinator', 'central-coordinator')`)
@Check('ck_staff_weekly_hours', 'weekly_hours > 0 AND weekly_hours <= 48')
@Check('ck_staff_placement', `(role NOT IN ('adviser', 'pre-unemployment') OR office_id IS NOT NULL) AND (role <> 'job-consultant' OR team_id IS NOT NULL) AND (role <> 'office-coordinator' OR department_id IS NOT NULL)`)
export class StaffEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('uq_staff_employee_number', { unique: true }) @Column('text', { name: 'employee_number' }) employeeNumber!: string;
  @Column('text') name!: string;
  @Column('text') email!: string;
  @Column('text') role!: string;
  @Index('ix_staff_office') @Column('uuid', { name: 'office_id', nullable: true }) officeId!: string | null;
  @Index('ix_staff_department') @Column('uuid', { name: 'department_id', nullable: true }) departmentId!: string | null;
  @Column('uuid', { name: 'team_id', nullable: true }) teamId!: string | null;
  @Column('text', { array: true, default: () => "'{}'" }) skills!: string[];
  @Column('numeric', { name: 'weekly_hours', precision: 4, scale: 1 }) weeklyHours!: string;
  @Column('boolean', { default: true }) active!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'staff_absence' })
@Check('ck_staff_absence_reason', `reason IN ('vacation', 'sick', 'course', 'other')`)
@Check('ck_staff_absence_nonempty', 'NOT isempty(period)')
@Exclusion('ex_staff_absence_overlap', 'USING gist (staff_id WITH =, period WITH &&)')
export class StaffAbsenceEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'staff_id' }) staffId!: string;
  @Column('daterange') period!: string;
  @Column('text') reason!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

export const locationsEntities = [
  DepartmentEntity,
  TeamEntity,
  MunicipalityEntity,
  OfficeEntity,
  RoomEntity,
  OfficeOpeningHoursEntity,
  ClosureDayEntity,
  StaffEntity,
  StaffAbsenceEntity,
];
