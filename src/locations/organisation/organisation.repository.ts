import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryOne, type Queryable } from '../../common/database/queryable.js';
import { defaultClosureDays } from '../calendar-rules.js';
import type { OrganisationDocument, OrganisationSnapshot } from './organisation-format.js';

export interface AuditActor {
  actorRole: string;
  actorId: string | null;
}

export interface AuditRecord extends AuditActor {
  entity: 'department' | 'office' | 'organisation';
  entityId: string;
  action: string;
  officeId: string | null;
  before?: unknown;
  after?: unknown;
}

export interface DepartmentDetail {
  id: string;
  code: string;
  name: string;
  active: boolean;
  officeCount: number;
  activeOfficeCount: number;
}

export interface OfficeFields {
  code: string;
  name: string;
  kind: string;
  departmentId: string;
  town: string;
  municipalityCode: string;
  lat: number;
  lon: number;
  island: string | null;
  street: string;
  postcode: string;
  city: string;
  isHeadOffice: boolean;
  isContactCentre: boolean;
  active: boolean;
}

export interface OfficeDetail extends OfficeFields {
  id: string;
}

const OFFICE_DETAIL = `
  id, code, name, kind, department_id AS "departmentId", town, municipality_code AS "municipalityCode", lat, lon, island,
  street, postcode, city, is_head_office AS "isHeadOffice", is_contact_centre AS "isContactCentre", active`;

/** Every stored row is one of the import's counts; the same statements serve the file import and the demo-free first run. */
@Injectable()
export class OrganisationRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction((manager) => work(manager));
  }

  async snapshot(db: Queryable = this.db): Promise<OrganisationSnapshot> {
    const [departments, offices, municipalities, teams] = await Promise.all([
      db.query(`SELECT code FROM department`) as Promise<{ code: string }[]>,
      db.query(
        `SELECT o.code, d.code AS "departmentCode", o.is_head_office AS "isHeadOffice", o.is_contact_centre AS "isContactCentre"
         FROM office o JOIN department d ON d.id = o.department_id`,
      ) as Promise<{ code: string; departmentCode: string; isHeadOffice: boolean; isContactCentre: boolean }[]>,
      db.query(`SELECT code FROM municipality`) as Promise<{ code: string }[]>,
      db.query(`SELECT code FROM team`) as Promise<{ code: string }[]>,
    ]);
    return {
      departmentCodes: new Set(departments.map((d) => d.code)),
      offices: new Map(offices.map((o) => [o.code, o])),
      municipalityCodes: new Set(municipalities.map((m) => m.code)),
      teamCodes: new Set(teams.map((t) => t.code)),
    };
  }

  /** Upserts every record by its natural key; rows the file does not name are left as they are. */
  async upsert(document: OrganisationDocument, today: Date, db: Queryable): Promise<void> {
    const json = (rows: unknown[]) => JSON.stringify(rows);
    if (document.departments.length > 0) {
      await db.query(
        `INSERT INTO department (code, name) SELECT code, name FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
        [json(document.departments)],
      );
      await db.query(
        `UPDATE department d SET active = r.active FROM jsonb_to_recordset($1::jsonb) AS r(code text, active boolean)
         WHERE d.code = r.code AND r.active IS NOT NULL AND d.active IS DISTINCT FROM r.active`,
        [json(document.departments)],
      );
    }
    if (document.offices.length > 0) {
      const rows = json(document.offices);
      // One head office and one contact centre (partial unique indexes checked row by row): clear the flags the
      // file takes away before setting the ones it gives, so moving the head office in one file works.
      await db.query(
        `UPDATE office o SET is_head_office = o.is_head_office AND r."isHeadOffice", is_contact_centre = o.is_contact_centre AND r."isContactCentre"
         FROM jsonb_to_recordset($1::jsonb) AS r(code text, "isHeadOffice" boolean, "isContactCentre" boolean)
         WHERE o.code = r.code AND ((o.is_head_office AND NOT r."isHeadOffice") OR (o.is_contact_centre AND NOT r."isContactCentre"))`,
        [rows],
      );
      const inserted: { id: string }[] = await db.query(
        `INSERT INTO office (code, name, kind, department_id, town, municipality_code, lat, lon, island, street, postcode, city,
           is_head_office, is_contact_centre, active)
         SELECT r.code, r.name, r.kind, d.id, r.town, r."municipalityCode", r.lat, r.lon, r.island, r.street, r.postcode, r.city,
           r."isHeadOffice", r."isContactCentre", COALESCE(r.active, true)
         FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, kind text, "departmentCode" text, town text, "municipalityCode" text,
           lat float8, lon float8, island text, street text, postcode text, city text, "isHeadOffice" boolean, "isContactCentre" boolean, active boolean)
         JOIN department d ON d.code = r."departmentCode"
         ON CONFLICT (code) DO NOTHING
         RETURNING id`,
        [rows],
      );
      await db.query(
        `UPDATE office o SET name = r.name, kind = r.kind, department_id = d.id, town = r.town, municipality_code = r."municipalityCode",
           lat = r.lat, lon = r.lon, island = r.island, street = r.street, postcode = r.postcode, city = r.city,
           is_head_office = r."isHeadOffice", is_contact_centre = r."isContactCentre", active = COALESCE(r.active, o.active), updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, kind text, "departmentCode" text, town text, "municipalityCode" text,
           lat float8, lon float8, island text, street text, postcode text, city text, "isHeadOffice" boolean, "isContactCentre" boolean, active boolean)
         JOIN department d ON d.code = r."departmentCode"
         WHERE o.code = r.code AND NOT (o.id = ANY($2::uuid[]))`,
        [rows, inserted.map((o) => o.id)],
      );
      await this.addDefaultClosureDays(inserted.map((o) => o.id), today, db);
    }
    if (document.rooms.length > 0) {
      await db.query(
        `INSERT INTO room (office_id, name, seats)
         SELECT o.id, r.name, r.seats FROM jsonb_to_recordset($1::jsonb) AS r("officeCode" text, name text, seats int)
         JOIN office o ON o.code = r."officeCode"
         ON CONFLICT (office_id, name) DO UPDATE SET seats = EXCLUDED.seats`,
        [json(document.rooms)],
      );
    }
    if (document.openingHours.length > 0) {
      await db.query(
        `INSERT INTO office_opening_hours (office_id, weekday, opens, closes)
         SELECT o.id, r.weekday, r.opens::time, r.closes::time
         FROM jsonb_to_recordset($1::jsonb) AS r("officeCode" text, weekday int, opens text, closes text)
         JOIN office o ON o.code = r."officeCode"
         ON CONFLICT (office_id, weekday) DO UPDATE SET opens = EXCLUDED.opens, closes = EXCLUDED.closes`,
        [json(document.openingHours)],
      );
    }
    if (document.staff.length > 0) {
      await db.query(
        `INSERT INTO staff (employee_number, name, email, role, office_id, department_id, team_id, skills, weekly_hours, active)
         SELECT r."employeeNumber", r.name, r.email, r.role, o.id, d.id, t.id, r.skills, r."weeklyHours", COALESCE(r.active, true)
         FROM jsonb_to_recordset($1::jsonb) AS r("employeeNumber" text, name text, email text, role text, "officeCode" text,
           "departmentCode" text, "teamCode" text, skills text[], "weeklyHours" numeric, active boolean)
         LEFT JOIN office o ON o.code = r."officeCode"
         LEFT JOIN department d ON d.code = r."departmentCode"
         LEFT JOIN team t ON t.code = r."teamCode"
         ON CONFLICT (employee_number) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, role = EXCLUDED.role,
           office_id = EXCLUDED.office_id, department_id = EXCLUDED.department_id, team_id = EXCLUDED.team_id, skills = EXCLUDED.skills,
           weekly_hours = EXCLUDED.weekly_hours, updated_at = now()`,
        [json(document.staff)],
      );
      await db.query(
        `UPDATE staff s SET active = r.active, updated_at = now() FROM jsonb_to_recordset($1::jsonb) AS r("employeeNumber" text, active boolean)
         WHERE s.employee_number = r."employeeNumber" AND r.active IS NOT NULL AND s.active IS DISTINCT FROM r.active`,
        [json(document.staff)],
      );
    }
  }

  /** The fund's own closure days (Constitution Day, Christmas Eve, New Year's Eve) for last year to next, as the demo has them. */
  async addDefaultClosureDays(officeIds: string[], today: Date, db: Queryable): Promise<void> {
    if (officeIds.length === 0) return;
    const year = today.getUTCFullYear();
    const days = [year - 1, year, year + 1].flatMap((y) => defaultClosureDays(y));
    await db.query(
      `INSERT INTO closure_day (office_id, day, reason)
       SELECT o.id, d.day, d.reason FROM unnest($1::uuid[]) AS o(id) CROSS JOIN unnest($2::date[], $3::text[]) AS d(day, reason)
       ON CONFLICT DO NOTHING`,
      [officeIds, days.map((d) => d.date), days.map((d) => d.reason)],
    );
  }

  /** Everything the import reads, in a stable order (by natural key). */
  async exportDocument(db: Queryable = this.db): Promise<OrganisationDocument> {
    const [departments, offices, rooms, openingHours, staff] = await Promise.all([
      db.query(`SELECT code, name, active FROM department ORDER BY code`),
      db.query(
        `SELECT o.code, o.name, o.kind, d.code AS "departmentCode", o.town, o.municipality_code AS "municipalityCode", o.lat, o.lon, o.island,
           o.street, o.postcode, o.city, o.is_head_office AS "isHeadOffice", o.is_contact_centre AS "isContactCentre", o.active
         FROM office o JOIN department d ON d.id = o.department_id ORDER BY o.code`,
      ),
      db.query(`SELECT o.code AS "officeCode", r.name, r.seats FROM room r JOIN office o ON o.id = r.office_id ORDER BY o.code, r.name`),
      db.query(
        `SELECT o.code AS "officeCode", h.weekday, to_char(h.opens, 'HH24:MI') AS opens, to_char(h.closes, 'HH24:MI') AS closes
         FROM office_opening_hours h JOIN office o ON o.id = h.office_id ORDER BY o.code, h.weekday`,
      ),
      db.query(
        `SELECT s.employee_number AS "employeeNumber", s.name, s.email, s.role, o.code AS "officeCode", d.code AS "departmentCode",
           t.code AS "teamCode", s.skills, s.weekly_hours::float8 AS "weeklyHours", s.active
         FROM staff s LEFT JOIN office o ON o.id = s.office_id LEFT JOIN department d ON d.id = s.department_id LEFT JOIN team t ON t.id = s.team_id
         ORDER BY s.employee_number`,
      ),
    ]);
    return { departments, offices, rooms, openingHours, staff };
  }

  audit(entry: AuditRecord, db: Queryable = this.db): Promise<unknown> {
    return db.query(
      `INSERT INTO audit_event (actor_role, actor_id, entity, entity_id, action, office_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.actorRole, entry.actorId, entry.entity, entry.entityId, entry.action, entry.officeId,
        entry.before === undefined ? null : JSON.stringify(entry.before), entry.after === undefined ? null : JSON.stringify(entry.after),
      ],
    );
  }

  findDepartment(id: string, db: Queryable = this.db): Promise<DepartmentDetail | undefined> {
    return queryOne(
      db,
      `SELECT d.id, d.code, d.name, d.active, count(o.id)::int AS "officeCount", (count(o.id) FILTER (WHERE o.active))::int AS "activeOfficeCount"
       FROM department d LEFT JOIN office o ON o.department_id = d.id WHERE d.id = $1 GROUP BY d.id`,
      [id],
    );
  }

  findDepartmentForUpdate(id: string, db: Queryable): Promise<{ id: string } | undefined> {
    return queryOne(db, `SELECT id FROM department WHERE id = $1 FOR UPDATE`, [id]);
  }

  async insertDepartment(code: string, name: string, db: Queryable): Promise<string> {
    const row = await queryOne<{ id: string }>(db, `INSERT INTO department (code, name) VALUES ($1, $2) RETURNING id`, [code, name]);
    return row!.id;
  }

  updateDepartment(id: string, changes: { name?: string; active?: boolean }, db: Queryable): Promise<unknown> {
    return db.query(`UPDATE department SET name = COALESCE($2, name), active = COALESCE($3, active) WHERE id = $1`, [id, changes.name ?? null, changes.active ?? null]);
  }

  /** Department ids and whether each is active, for listing with and without inactive ones. */
  async departmentActivity(): Promise<Map<string, boolean>> {
    const rows: { id: string; active: boolean }[] = await this.db.query(`SELECT id, active FROM department`);
    return new Map(rows.map((r) => [r.id, r.active]));
  }

  async officeActivity(): Promise<Map<string, boolean>> {
    const rows: { id: string; active: boolean }[] = await this.db.query(`SELECT id, active FROM office`);
    return new Map(rows.map((r) => [r.id, r.active]));
  }

  findOffice(id: string, db: Queryable = this.db, lock = false): Promise<OfficeDetail | undefined> {
    return queryOne(db, `SELECT ${OFFICE_DETAIL} FROM office WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  }

  async insertOffice(office: OfficeFields, db: Queryable): Promise<string> {
    const row = await queryOne<{ id: string }>(
      db,
      `INSERT INTO office (code, name, kind, department_id, town, municipality_code, lat, lon, island, street, postcode, city,
         is_head_office, is_contact_centre, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [
        office.code, office.name, office.kind, office.departmentId, office.town, office.municipalityCode, office.lat, office.lon, office.island,
        office.street, office.postcode, office.city, office.isHeadOffice, office.isContactCentre, office.active,
      ],
    );
    return row!.id;
  }

  updateOffice(id: string, office: Omit<OfficeFields, 'code'>, db: Queryable): Promise<unknown> {
    return db.query(
      `UPDATE office SET name = $2, kind = $3, department_id = $4, town = $5, municipality_code = $6, lat = $7, lon = $8, island = $9,
         street = $10, postcode = $11, city = $12, is_head_office = $13, is_contact_centre = $14, active = $15, updated_at = now()
       WHERE id = $1`,
      [
        id, office.name, office.kind, office.departmentId, office.town, office.municipalityCode, office.lat, office.lon, office.island,
        office.street, office.postcode, office.city, office.isHeadOffice, office.isContactCentre, office.active,
      ],
    );
  }

  listRooms(officeId: string, db: Queryable = this.db): Promise<{ id: string; name: string; seats: number }[]> {
    return db.query(`SELECT id, name, seats FROM room WHERE office_id = $1 ORDER BY name`, [officeId]);
  }

  /** Room names of this office some session uses (those cannot be removed). */
  async roomsInUse(officeId: string, names: string[], db: Queryable): Promise<string[]> {
    const rows: { name: string }[] = await db.query(
      `SELECT DISTINCT r.name FROM room r JOIN session s ON s.room_id = r.id WHERE r.office_id = $1 AND r.name = ANY($2::text[]) ORDER BY r.name`,
      [officeId, names],
    );
    return rows.map((r) => r.name);
  }

  async replaceRooms(officeId: string, rooms: { name: string; seats: number }[], db: Queryable): Promise<void> {
    await db.query(`DELETE FROM room WHERE office_id = $1 AND NOT (name = ANY($2::text[]))`, [officeId, rooms.map((r) => r.name)]);
    await db.query(
      `INSERT INTO room (office_id, name, seats) SELECT $1, r.name, r.seats FROM unnest($2::text[], $3::int[]) AS r(name, seats)
       ON CONFLICT (office_id, name) DO UPDATE SET seats = EXCLUDED.seats`,
      [officeId, rooms.map((r) => r.name), rooms.map((r) => r.seats)],
    );
    await db.query(`UPDATE office SET updated_at = now() WHERE id = $1`, [officeId]);
  }

  listOpeningHours(officeId: string, db: Queryable = this.db): Promise<{ weekday: number; opens: string; closes: string }[]> {
    return db.query(
      `SELECT weekday, to_char(opens, 'HH24:MI') AS opens, to_char(closes, 'HH24:MI') AS closes FROM office_opening_hours WHERE office_id = $1 ORDER BY weekday`,
      [officeId],
    );
  }

  async replaceOpeningHours(officeId: string, hours: { weekday: number; opens: string; closes: string }[], db: Queryable): Promise<void> {
    await db.query(`DELETE FROM office_opening_hours WHERE office_id = $1`, [officeId]);
    await db.query(
      `INSERT INTO office_opening_hours (office_id, weekday, opens, closes)
       SELECT $1, h.weekday, h.opens::time, h.closes::time FROM unnest($2::int[], $3::text[], $4::text[]) AS h(weekday, opens, closes)`,
      [officeId, hours.map((h) => h.weekday), hours.map((h) => h.opens), hours.map((h) => h.closes)],
    );
    await db.query(`UPDATE office SET updated_at = now() WHERE id = $1`, [officeId]);
  }

  async findDepartmentIdByCode(code: string, db: Queryable = this.db): Promise<string | undefined> {
    return (await queryOne<{ id: string }>(db, `SELECT id FROM department WHERE code = $1`, [code]))?.id;
  }

  async municipalityExists(code: string, db: Queryable = this.db): Promise<boolean> {
    return (await queryOne(db, `SELECT 1 FROM municipality WHERE code = $1`, [code])) !== undefined;
  }
}
