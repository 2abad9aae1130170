import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  officeCount: number;
}

export interface OfficeRow {
  id: string;
  code: string;
  name: string;
  kind: 'main' | 'satellite';
  departmentId: string;
  departmentName: string;
  town: string;
  municipalityCode: string;
  lat: number;
  lon: number;
  island: string | null;
  street: string;
  postcode: string;
  city: string;
  timezone: string;
  isHeadOffice: boolean;
  isContactCentre: boolean;
}

export interface RoomRow {
  id: string;
  name: string;
  seats: number;
}

export interface OpeningHoursRow {
  weekday: number;
  opens: string;
  closes: string;
}

export interface StaffRow {
  id: string;
  employeeNumber: string;
  name: string;
  email: string;
  role: string;
  officeId: string | null;
  departmentId: string | null;
  teamCode: string | null;
  skills: string[];
  weeklyHours: number;
  active: boolean;
}

export interface AbsenceRow {
  id: string;
  staffId: string;
  from: string;
  to: string;
  reason: string;
}

export interface MunicipalityRow {
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
  contactCourseTrial2020: boolean;
  scheme2027: string | null;
  lat: number;
  lon: number;
  island: string | null;
}

const OFFICE_COLUMNS = `
  o.id, o.code, o.name, o.kind, o.department_id AS "departmentId", d.name AS "departmentName", o.town,
  o.municipality_code AS "municipalityCode", o.lat, o.lon, o.island, o.street, o.postcode, o.city, o.timezone,
  o.is_head_office AS "isHeadOffice", o.is_contact_centre AS "isContactCentre"`;

const STAFF_COLUMNS = `
  s.id, s.employee_number AS "employeeNumber", s.name, s.email, s.role, s.office_id AS "officeId",
  s.department_id AS "departmentId", t.code AS "teamCode", s.skills, s.weekly_hours::float8 AS "weeklyHours", s.active`;

export interface StaffFilter {
  officeId?: string;
  departmentId?: string;
  role?: string;
  skill?: string;
  /** Restricts to one department plus cross-department teams (the job team); undefined = everywhere. */
  scopeDepartmentId?: string;
}

export interface StaffInsert {
  employeeNumber: string;
  name: string;
  email: string;
  role: string;
  officeId: string | null;
  departmentId: string | null;
  teamId: string | null;
  skills: string[];
  weeklyHours: number;
}

@Injectable()
export class LocationsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  listDepartments(): Promise<DepartmentRow[]> {
    return this.db.query(`
      SELECT d.id, d.code, d.name, count(o.id)::int AS "officeCount"
      FROM department d LEFT JOIN office o ON o.department_id = d.id
      GROUP BY d.id ORDER BY d.name`);
  }

  departmentExists(id: string): Promise<boolean> {
    return this.db.query(`SELECT 1 FROM department WHERE id = $1`, [id]).then((rows: unknown[]) => rows.length > 0);
  }

  listOffices(filter: { departmentId?: string; kind?: string }): Promise<OfficeRow[]> {
    return this.db.query(
      `SELECT ${OFFICE_COLUMNS} FROM office o JOIN department d ON d.id = o.department_id
       WHERE ($1::uuid IS NULL OR o.department_id = $1) AND ($2::text IS NULL OR o.kind = $2)
       ORDER BY o.name`,
      [filter.departmentId ?? null, filter.kind ?? null],
    );
  }

  async findOffice(id: string): Promise<OfficeRow | undefined> {
    const rows: OfficeRow[] = await this.db.query(
      `SELECT ${OFFICE_COLUMNS} FROM office o JOIN department d ON d.id = o.department_id WHERE o.id = $1`,
      [id],
    );
    return rows[0];
  }

  listRooms(officeId: string): Promise<RoomRow[]> {
    return this.db.query(`SELECT id, name, seats FROM room WHERE office_id = $1 ORDER BY name`, [officeId]);
  }

  listOpeningHours(officeId: string): Promise<OpeningHoursRow[]> {
    return this.db.query(
      `SELECT weekday, to_char(opens, 'HH24:MI') AS opens, to_char(closes, 'HH24:MI') AS closes
       FROM office_opening_hours WHERE office_id = $1 ORDER BY weekday`,
      [officeId],
    );
  }

  listStaff(filter: StaffFilter): Promise<StaffRow[]> {
    return this.db.query(
      `SELECT ${STAFF_COLUMNS} FROM staff s LEFT JOIN team t ON t.id = s.team_id
       WHERE ($1::uuid IS NULL OR s.office_id = $1)
         AND ($2::uuid IS NULL OR s.department_id = $2)
         AND ($3::text IS NULL OR s.role = $3)
         AND ($4::text IS NULL OR $4 = ANY (s.skills))
         AND ($5::uuid IS NULL OR s.department_id = $5 OR t.works_across_departments)
       ORDER BY s.name`,
      [filter.officeId ?? null, filter.departmentId ?? null, filter.role ?? null, filter.skill ?? null, filter.scopeDepartmentId ?? null],
    );
  }

  async findStaff(id: string, scopeDepartmentId?: string): Promise<StaffRow | undefined> {
    const rows: StaffRow[] = await this.db.query(
      `SELECT ${STAFF_COLUMNS} FROM staff s LEFT JOIN team t ON t.id = s.team_id
       WHERE s.id = $1 AND ($2::uuid IS NULL OR s.department_id = $2 OR t.works_across_departments)`,
      [id, scopeDepartmentId ?? null],
    );
    return rows[0];
  }

  async findTeamIdByCode(code: string): Promise<string | undefined> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM team WHERE code = $1`, [code]);
    return rows[0]?.id;
  }

  async insertStaff(staff: StaffInsert): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO staff (employee_number, name, email, role, office_id, department_id, team_id, skills, weekly_hours)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [staff.employeeNumber, staff.name, staff.email, staff.role, staff.officeId, staff.departmentId, staff.teamId, staff.skills, staff.weeklyHours],
    );
    return rows[0].id;
  }

  async updateStaff(id: string, changes: Partial<Omit<StaffInsert, 'employeeNumber' | 'role' | 'teamId'>> & { active?: boolean }): Promise<void> {
    const columns: Record<string, unknown> = {
      name: changes.name,
      email: changes.email,
      office_id: changes.officeId,
      department_id: changes.departmentId,
      skills: changes.skills,
      weekly_hours: changes.weeklyHours,
      active: changes.active,
    };
    const entries = Object.entries(columns).filter(([, value]) => value !== undefined);
    if (entries.length === 0) return;
    const assignments = entries.map(([column], index) => `${column} = $${index + 2}`).join(', ');
    await this.db.query(`UPDATE staff SET ${assignments}, updated_at = now() WHERE id = $1`, [id, ...entries.map(([, value]) => value)]);
  }

  listAbsences(staffId: string): Promise<AbsenceRow[]> {
    return this.db.query(
      `SELECT id, staff_id AS "staffId", lower(period)::text AS "from", (upper(period) - 1)::text AS "to", reason
       FROM staff_absence WHERE staff_id = $1 ORDER BY lower(period)`,
      [staffId],
    );
  }

  async insertAbsence(staffId: string, from: string, to: string, reason: string): Promise<AbsenceRow> {
    const rows: AbsenceRow[] = await this.db.query(
      `INSERT INTO staff_absence (staff_id, period, reason) VALUES ($1, daterange($2::date, $3::date, '[]'), $4)
       RETURNING id, staff_id AS "staffId", lower(period)::text AS "from", (upper(period) - 1)::text AS "to", reason`,
      [staffId, from, to, reason],
    );
    return rows[0];
  }

  listClosureDays(officeId: string, year: number): Promise<{ date: string; reason: string }[]> {
    return this.db.query(
      `SELECT day::text AS date, reason FROM closure_day
       WHERE office_id = $1 AND day >= make_date($2, 1, 1) AND day < make_date($2 + 1, 1, 1) ORDER BY day`,
      [officeId, year],
    );
  }

  /** Replaces one year's closure days atomically: the old list stays if anything fails. */
  replaceClosureDays(officeId: string, year: number, days: { date: string; reason: string }[]): Promise<void> {
    return this.db.transaction(async (manager: EntityManager) => {
      await manager.query(`SELECT id FROM office WHERE id = $1 FOR UPDATE`, [officeId]);
      await manager.query(
        `DELETE FROM closure_day WHERE office_id = $1 AND day >= make_date($2, 1, 1) AND day < make_date($2 + 1, 1, 1)`,
        [officeId, year],
      );
      if (days.length > 0) {
        await manager.query(
          `INSERT INTO closure_day (office_id, day, reason)
           SELECT $1, d.day, d.reason FROM unnest($2::date[], $3::text[]) AS d(day, reason)`,
          [officeId, days.map((d) => d.date), days.map((d) => d.reason)],
        );
      }
      await manager.query(`UPDATE office SET updated_at = now() WHERE id = $1`, [officeId]);
    });
  }

  listMunicipalities(filter: { regionCode?: string; inTrial?: boolean }): Promise<MunicipalityRow[]> {
    return this.db.query(
      `SELECT code, name, region_code AS "regionCode", region_name AS "regionName",
              contact_course_trial_2020 AS "contactCourseTrial2020", scheme_2027 AS "scheme2027", lat, lon, island
       FROM municipality
       WHERE ($1::text IS NULL OR region_code = $1) AND ($2::boolean IS NULL OR contact_course_trial_2020 = $2)
       ORDER BY code`,
      [filter.regionCode ?? null, filter.inTrial ?? null],
    );
  }
}
