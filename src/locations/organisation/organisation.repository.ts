import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql } from 'kysely';
import type { DB } from '../../common/database/db.types.js';
import { kysely } from '../../common/database/kysely.js';
import type { Queryable } from '../../common/database/queryable.js';
import { json } from '../../common/database/sql-fragments.js';
import { defaultClosureDays } from '../calendar-rules.js';
import type { OfficeRecord, OrganisationDocument, OrganisationSnapshot, StaffRecord } from './organisation-format.js';
import { insertAuditEvent } from '../../common/database/audit-events.js';
import { localDate } from '../../shared/time/zone.js';

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

const OFFICE_DETAIL = [
  'id',
  'code',
  'name',
  'kind',
  'departmentId',
  'town',
  'municipalityCode',
  'lat',
  'lon',
  'island',
  'street',
  'postcode',
  'city',
  'isHeadOffice',
  'isContactCentre',
  'active',
] as const;

/** Every stored row is one of the import's counts; the same statements serve the file import and the demo-free first run. */
@Injectable()
export class OrganisationRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction((manager) => work(manager));
  }

  async snapshot(db: Queryable = this.db): Promise<OrganisationSnapshot> {
    const k = kysely(db);
    const [departments, offices, municipalities, teams] = await Promise.all([
      k.selectFrom('department').select('code').execute(),
      k
        .selectFrom('office as o')
        .innerJoin('department as d', 'd.id', 'o.departmentId')
        .select(['o.code', 'd.code as departmentCode', 'o.isHeadOffice', 'o.isContactCentre'])
        .execute(),
      k.selectFrom('municipality').select('code').execute(),
      k.selectFrom('team').select('code').execute(),
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
    const k = kysely(db);
    if (document.departments.length > 0) {
      await sql`INSERT INTO department (code, name) SELECT code, name FROM jsonb_to_recordset(${json(document.departments)}::jsonb) AS r(code text, name text)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`.execute(k);
      await sql`UPDATE department d SET active = r.active FROM jsonb_to_recordset(${json(document.departments)}::jsonb) AS r(code text, active boolean)
         WHERE d.code = r.code AND r.active IS NOT NULL AND d.active IS DISTINCT FROM r.active`.execute(k);
    }
    if (document.offices.length > 0) {
      const rows = json(document.offices);
      // One head office and one contact centre (partial unique indexes checked row by row): clear the flags the
      // file takes away before setting the ones it gives, so moving the head office in one file works.
      await sql`UPDATE office o SET is_head_office = o.is_head_office AND r."isHeadOffice", is_contact_centre = o.is_contact_centre AND r."isContactCentre"
         FROM jsonb_to_recordset(${rows}::jsonb) AS r(code text, "isHeadOffice" boolean, "isContactCentre" boolean)
         WHERE o.code = r.code AND ((o.is_head_office AND NOT r."isHeadOffice") OR (o.is_contact_centre AND NOT r."isContactCentre"))`.execute(
        k,
      );
      const { rows: inserted } = await sql<{
        id: string;
      }>`INSERT INTO office (code, name, kind, department_id, town, municipality_code, lat, lon, island, street, postcode, city,
           is_head_office, is_contact_centre, active)
         SELECT r.code, r.name, r.kind, d.id, r.town, r."municipalityCode", r.lat, r.lon, r.island, r.street, r.postcode, r.city,
           r."isHeadOffice", r."isContactCentre", COALESCE(r.active, true)
         FROM jsonb_to_recordset(${rows}::jsonb) AS r(code text, name text, kind text, "departmentCode" text, town text, "municipalityCode" text,
           lat float8, lon float8, island text, street text, postcode text, city text, "isHeadOffice" boolean, "isContactCentre" boolean, active boolean)
         JOIN department d ON d.code = r."departmentCode"
         ON CONFLICT (code) DO NOTHING
         RETURNING id`.execute(k);
      await sql`UPDATE office o SET name = r.name, kind = r.kind, department_id = d.id, town = r.town, municipality_code = r."municipalityCode",
           lat = r.lat, lon = r.lon, island = r.island, street = r.street, postcode = r.postcode, city = r.city,
           is_head_office = r."isHeadOffice", is_contact_centre = r."isContactCentre", active = COALESCE(r.active, o.active), updated_at = now()
         FROM jsonb_to_recordset(${rows}::jsonb) AS r(code text, name text, kind text, "departmentCode" text, town text, "municipalityCode" text,
           lat float8, lon float8, island text, street text, postcode text, city text, "isHeadOffice" boolean, "isContactCentre" boolean, active boolean)
         JOIN department d ON d.code = r."departmentCode"
         WHERE o.code = r.code AND NOT (o.id = ANY(${inserted.map((o) => o.id)}::uuid[]))`.execute(k);
      await this.addDefaultClosureDays(
        inserted.map((o) => o.id),
        today,
        db,
      );
    }
    if (document.rooms.length > 0) {
      await sql`INSERT INTO room (office_id, name, seats)
         SELECT o.id, r.name, r.seats FROM jsonb_to_recordset(${json(document.rooms)}::jsonb) AS r("officeCode" text, name text, seats int)
         JOIN office o ON o.code = r."officeCode"
         ON CONFLICT (office_id, name) DO UPDATE SET seats = EXCLUDED.seats`.execute(k);
    }
    if (document.openingHours.length > 0) {
      await sql`INSERT INTO office_opening_hours (office_id, weekday, opens, closes)
         SELECT o.id, r.weekday, r.opens::time, r.closes::time
         FROM jsonb_to_recordset(${json(document.openingHours)}::jsonb) AS r("officeCode" text, weekday int, opens text, closes text)
         JOIN office o ON o.code = r."officeCode"
         ON CONFLICT (office_id, weekday) DO UPDATE SET opens = EXCLUDED.opens, closes = EXCLUDED.closes`.execute(k);
    }
    if (document.staff.length > 0) {
      await sql`INSERT INTO staff (employee_number, name, email, role, office_id, department_id, team_id, skills, weekly_hours, active)
         SELECT r."employeeNumber", r.name, r.email, r.role, o.id, d.id, t.id, r.skills, r."weeklyHours", COALESCE(r.active, true)
         FROM jsonb_to_recordset(${json(document.staff)}::jsonb) AS r("employeeNumber" text, name text, email text, role text, "officeCode" text,
           "departmentCode" text, "teamCode" text, skills text[], "weeklyHours" numeric, active boolean)
         LEFT JOIN office o ON o.code = r."officeCode"
         LEFT JOIN department d ON d.code = r."departmentCode"
         LEFT JOIN team t ON t.code = r."teamCode"
         ON CONFLICT (employee_number) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, role = EXCLUDED.role,
           office_id = EXCLUDED.office_id, department_id = EXCLUDED.department_id, team_id = EXCLUDED.team_id, skills = EXCLUDED.skills,
           weekly_hours = EXCLUDED.weekly_hours, updated_at = now()`.execute(k);
      await sql`UPDATE staff s SET active = r.active, updated_at = now() FROM jsonb_to_recordset(${json(document.staff)}::jsonb) AS r("employeeNumber" text, active boolean)
         WHERE s.employee_number = r."employeeNumber" AND r.active IS NOT NULL AND s.active IS DISTINCT FROM r.active`.execute(
        k,
      );
    }
  }

  /** The fund's own closure days (Constitution Day, Christmas Eve, New Year's Eve) for last year to next, as the demo has them. */
  async addDefaultClosureDays(officeIds: string[], today: Date, db: Queryable): Promise<void> {
    if (officeIds.length === 0) return;
    const year = Number(localDate(today).slice(0, 4));
    const days = [year - 1, year, year + 1].flatMap((y) => defaultClosureDays(y));
    await kysely(db)
      .insertInto('closureDay')
      .values(officeIds.flatMap((officeId) => days.map((d) => ({ officeId, day: d.date, reason: d.reason }))))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** Everything the import reads, in a stable order (by natural key). */
  async exportDocument(db: Queryable = this.db): Promise<OrganisationDocument> {
    const k = kysely(db);
    const [departments, offices, rooms, openingHours, staff] = await Promise.all([
      k.selectFrom('department').select(['code', 'name', 'active']).orderBy('code').execute(),
      k
        .selectFrom('office as o')
        .innerJoin('department as d', 'd.id', 'o.departmentId')
        .select([
          'o.code',
          'o.name',
          'o.kind',
          'd.code as departmentCode',
          'o.town',
          'o.municipalityCode',
          'o.lat',
          'o.lon',
          'o.island',
          'o.street',
          'o.postcode',
          'o.city',
          'o.isHeadOffice',
          'o.isContactCentre',
          'o.active',
        ])
        .$narrowType<{ island: OfficeRecord['island'] }>()
        .orderBy('o.code')
        .execute(),
      k
        .selectFrom('room as r')
        .innerJoin('office as o', 'o.id', 'r.officeId')
        .select(['o.code as officeCode', 'r.name', 'r.seats'])
        .orderBy('o.code')
        .orderBy('r.name')
        .execute(),
      k
        .selectFrom('officeOpeningHours as h')
        .innerJoin('office as o', 'o.id', 'h.officeId')
        .select(['o.code as officeCode', 'h.weekday', clock('h.opens').as('opens'), clock('h.closes').as('closes')])
        .orderBy('o.code')
        .orderBy('h.weekday')
        .execute(),
      k
        .selectFrom('staff as s')
        .leftJoin('office as o', 'o.id', 's.officeId')
        .leftJoin('department as d', 'd.id', 's.departmentId')
        .leftJoin('team as t', 't.id', 's.teamId')
        .select((eb) => [
          's.employeeNumber',
          's.name',
          's.email',
          's.role',
          'o.code as officeCode',
          'd.code as departmentCode',
          't.code as teamCode',
          's.skills',
          eb.cast<number>('s.weeklyHours', 'float8').as('weeklyHours'),
          's.active',
        ])
        .$narrowType<{ skills: StaffRecord['skills'] }>()
        .orderBy('s.employeeNumber')
        .execute(),
    ]);
    return { departments, offices, rooms, openingHours, staff };
  }

  audit(entry: AuditRecord, db: Queryable = this.db): Promise<unknown> {
    return insertAuditEvent(entry, db);
  }

  findDepartment(id: string, db: Queryable = this.db): Promise<DepartmentDetail | undefined> {
    return kysely(db)
      .selectFrom('department as d')
      .leftJoin('office as o', 'o.departmentId', 'd.id')
      .select((eb) => [
        'd.id',
        'd.code',
        'd.name',
        'd.active',
        eb.cast<number>(eb.fn.count('o.id'), 'integer').as('officeCount'),
        eb.cast<number>(eb.fn.count('o.id').filterWhere('o.active', '=', true), 'integer').as('activeOfficeCount'),
      ])
      .where('d.id', '=', id)
      .groupBy('d.id')
      .executeTakeFirst();
  }

  findDepartmentForUpdate(id: string, db: Queryable): Promise<{ id: string } | undefined> {
    return kysely(db).selectFrom('department').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  }

  async insertDepartment(code: string, name: string, db: Queryable): Promise<string> {
    const row = await kysely(db)
      .insertInto('department')
      .values({ code, name })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  updateDepartment(id: string, changes: { name?: string; active?: boolean }, db: Queryable): Promise<unknown> {
    const { name, active } = changes;
    if (name === undefined && active === undefined) return Promise.resolve();
    return kysely(db).updateTable('department').set({ name, active }).where('id', '=', id).execute();
  }

  /** Department ids and whether each is active, for listing with and without inactive ones. */
  async departmentActivity(): Promise<Map<string, boolean>> {
    const rows = await kysely(this.db).selectFrom('department').select(['id', 'active']).execute();
    return new Map(rows.map((r) => [r.id, r.active]));
  }

  async officeActivity(): Promise<Map<string, boolean>> {
    const rows = await kysely(this.db).selectFrom('office').select(['id', 'active']).execute();
    return new Map(rows.map((r) => [r.id, r.active]));
  }

  findOffice(id: string, db: Queryable = this.db, lock = false): Promise<OfficeDetail | undefined> {
    return kysely(db)
      .selectFrom('office')
      .select(OFFICE_DETAIL)
      .where('id', '=', id)
      .$if(lock, (q) => q.forUpdate())
      .executeTakeFirst();
  }

  updateOffice(id: string, office: Omit<OfficeFields, 'code'>, db: Queryable): Promise<unknown> {
    return kysely(db)
      .updateTable('office')
      .set({
        name: office.name,
        kind: office.kind as OfficeKind,
        departmentId: office.departmentId,
        town: office.town,
        municipalityCode: office.municipalityCode,
        lat: office.lat,
        lon: office.lon,
        island: office.island,
        street: office.street,
        postcode: office.postcode,
        city: office.city,
        isHeadOffice: office.isHeadOffice,
        isContactCentre: office.isContactCentre,
        active: office.active,
        updatedAt: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
  }

  listRooms(officeId: string, db: Queryable = this.db): Promise<{ id: string; name: string; seats: number }[]> {
    return kysely(db)
      .selectFrom('room')
      .select(['id', 'name', 'seats'])
      .where('officeId', '=', officeId)
      .orderBy('name')
      .execute();
  }

  /** Room names of this office some session uses (those cannot be removed). */
  async roomsInUse(officeId: string, names: string[], db: Queryable): Promise<string[]> {
    if (names.length === 0) return [];
    const rows = await kysely(db)
      .selectFrom('room as r')
      .innerJoin('session as s', 's.roomId', 'r.id')
      .select('r.name')
      .distinct()
      .where('r.officeId', '=', officeId)
      .where('r.name', 'in', names)
      .orderBy('r.name')
      .execute();
    return rows.map((r) => r.name);
  }

  async replaceRooms(officeId: string, rooms: { name: string; seats: number }[], db: Queryable): Promise<void> {
    const k = kysely(db);
    await k
      .deleteFrom('room')
      .where('officeId', '=', officeId)
      .$if(rooms.length > 0, (q) =>
        q.where(
          'name',
          'not in',
          rooms.map((r) => r.name),
        ),
      )
      .execute();
    if (rooms.length > 0) {
      await k
        .insertInto('room')
        .values(rooms.map((r) => ({ officeId, name: r.name, seats: r.seats })))
        .onConflict((oc) => oc.columns(['officeId', 'name']).doUpdateSet((eb) => ({ seats: eb.ref('excluded.seats') })))
        .execute();
    }
    await touchOffice(officeId, db);
  }

  listOpeningHours(
    officeId: string,
    db: Queryable = this.db,
  ): Promise<{ weekday: number; opens: string; closes: string }[]> {
    return kysely(db)
      .selectFrom('officeOpeningHours')
      .select(['weekday', clock('opens').as('opens'), clock('closes').as('closes')])
      .where('officeId', '=', officeId)
      .orderBy('weekday')
      .execute();
  }

  async replaceOpeningHours(
    officeId: string,
    hours: { weekday: number; opens: string; closes: string }[],
    db: Queryable,
  ): Promise<void> {
    const k = kysely(db);
    await k.deleteFrom('officeOpeningHours').where('officeId', '=', officeId).execute();
    if (hours.length > 0)
      await k
        .insertInto('officeOpeningHours')
        .values(hours.map((h) => ({ officeId, weekday: h.weekday, opens: h.opens, closes: h.closes })))
        .execute();
    await touchOffice(officeId, db);
  }

  /** Serialises organisation imports: the lock is the transaction's and ends with it. */
  async lockImport(db: Queryable): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext('organisation-import'))`.execute(kysely(db));
  }

  async findOfficeIdByCode(code: string, db: Queryable = this.db): Promise<string | undefined> {
    const row = await kysely(db).selectFrom('office').select('id').where('code', '=', code).executeTakeFirst();
    return row?.id;
  }

  async findDepartmentIdByCode(code: string, db: Queryable = this.db): Promise<string | undefined> {
    const row = await kysely(db).selectFrom('department').select('id').where('code', '=', code).executeTakeFirst();
    return row?.id;
  }

  async municipalityExists(code: string, db: Queryable = this.db): Promise<boolean> {
    const row = await kysely(db).selectFrom('municipality').select('code').where('code', '=', code).executeTakeFirst();
    return row !== undefined;
  }
}

type OfficeKind = DB['office']['kind'];

/** A `time` column as `HH:MM`, the form the import reads and the API answers. */
function clock(column: 'opens' | 'closes' | 'h.opens' | 'h.closes') {
  return sql<string>`to_char(${sql.ref(column)}, 'HH24:MI')`;
}

async function touchOffice(officeId: string, db: Queryable): Promise<void> {
  await kysely(db)
    .updateTable('office')
    .set({ updatedAt: sql`now()` })
    .where('id', '=', officeId)
    .execute();
}
