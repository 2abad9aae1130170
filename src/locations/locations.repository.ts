import { Inject, Injectable } from '@nestjs/common';
import { type ExpressionBuilder, sql } from 'kysely';
import { DataSource, type EntityManager } from 'typeorm';
import { type Database, kysely } from '../common/database/kysely.js';
import type { DB } from '../common/database/db.types.js';
import { given } from '../common/database/sql-fragments.js';

type StaffRole = DB['staff']['role'];

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

/** An office with its department's name, as every office listing shows it. */
function selectOffices(db: Database) {
  return db
    .selectFrom('office as o')
    .innerJoin('department as d', 'd.id', 'o.departmentId')
    .select([
      'o.id',
      'o.code',
      'o.name',
      'o.kind',
      'o.departmentId',
      'd.name as departmentName',
      'o.town',
      'o.municipalityCode',
      'o.lat',
      'o.lon',
      'o.island',
      'o.street',
      'o.postcode',
      'o.city',
      'o.timezone',
      'o.isHeadOffice',
      'o.isContactCentre',
    ]);
}

/** A staff member with their team's code, the hours as a number (the column is numeric). */
function selectStaff(db: Database) {
  return db
    .selectFrom('staff as s')
    .leftJoin('team as t', 't.id', 's.teamId')
    .select((eb) => [
      's.id',
      's.employeeNumber',
      's.name',
      's.email',
      's.role',
      's.officeId',
      's.departmentId',
      't.code as teamCode',
      's.skills',
      eb.cast<number>('s.weeklyHours', 'float8').as('weeklyHours'),
      's.active',
    ]);
}

/** Staff of one department plus the teams that work across departments (the job team). */
function inDepartmentScope(scopeDepartmentId: string) {
  return (eb: ExpressionBuilder<DB & { s: DB['staff']; t: DB['team'] }, 's' | 't'>) =>
    eb.or([eb('s.departmentId', '=', scopeDepartmentId), eb('t.worksAcrossDepartments', '=', true)]);
}

/** An absence with its inclusive last day (the column is a half-open daterange). */
function absenceColumns(eb: ExpressionBuilder<DB, 'staffAbsence'>) {
  return [
    'id',
    'staffId',
    sql<string>`lower(${eb.ref('period')})::text`.as('from'),
    sql<string>`(upper(${eb.ref('period')}) - 1)::text`.as('to'),
    'reason',
  ] as const;
}

/** Closure days of one calendar year. */
function inYear(year: number) {
  return (eb: ExpressionBuilder<DB, 'closureDay'>) =>
    eb.and([
      eb('day', '>=', sql<Date>`make_date(${year}, 1, 1)`),
      eb('day', '<', sql<Date>`make_date(${year + 1}, 1, 1)`),
    ]);
}

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
    return kysely(this.db)
      .selectFrom('department as d')
      .leftJoin('office as o', 'o.departmentId', 'd.id')
      .select((eb) => ['d.id', 'd.code', 'd.name', eb.fn.count<number>('o.id').$castTo<number>().as('officeCount')])
      .groupBy('d.id')
      .orderBy('d.name')
      .execute()
      .then((rows) => rows.map((row) => ({ ...row, officeCount: Number(row.officeCount) })));
  }

  async departmentExists(id: string): Promise<boolean> {
    const row = await kysely(this.db).selectFrom('department').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  listOffices(filter: { departmentId?: string; kind?: string }): Promise<OfficeRow[]> {
    const { departmentId, kind } = filter;
    return selectOffices(kysely(this.db))
      .$if(given(departmentId), (q) => q.where('o.departmentId', '=', departmentId!))
      .$if(given(kind), (q) => q.where('o.kind', '=', kind as OfficeRow['kind']))
      .orderBy('o.name')
      .execute();
  }

  findOffice(id: string): Promise<OfficeRow | undefined> {
    return selectOffices(kysely(this.db)).where('o.id', '=', id).executeTakeFirst();
  }

  listStaff(filter: StaffFilter): Promise<StaffRow[]> {
    const { officeId, departmentId, role, skill, scopeDepartmentId } = filter;
    return selectStaff(kysely(this.db))
      .$if(given(officeId), (q) => q.where('s.officeId', '=', officeId!))
      .$if(given(departmentId), (q) => q.where('s.departmentId', '=', departmentId!))
      .$if(given(role), (q) => q.where('s.role', '=', role as StaffRole))
      .$if(given(skill), (q) => q.where((eb) => eb(eb.val(skill!), '=', eb.fn.any('s.skills'))))
      .$if(given(scopeDepartmentId), (q) => q.where(inDepartmentScope(scopeDepartmentId!)))
      .orderBy('s.name')
      .execute();
  }

  findStaff(id: string, scopeDepartmentId?: string): Promise<StaffRow | undefined> {
    return selectStaff(kysely(this.db))
      .where('s.id', '=', id)
      .$if(given(scopeDepartmentId), (q) => q.where(inDepartmentScope(scopeDepartmentId!)))
      .executeTakeFirst();
  }

  async findTeamIdByCode(code: string): Promise<string | undefined> {
    const row = await kysely(this.db).selectFrom('team').select('id').where('code', '=', code).executeTakeFirst();
    return row?.id;
  }

  async insertStaff(staff: StaffInsert): Promise<string> {
    const row = await kysely(this.db)
      .insertInto('staff')
      .values({ ...staff, role: staff.role as StaffRole })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async updateStaff(
    id: string,
    changes: Partial<Omit<StaffInsert, 'employeeNumber' | 'role' | 'teamId'>> & { active?: boolean },
  ): Promise<void> {
    const { name, email, officeId, departmentId, skills, weeklyHours, active } = changes;
    const set = Object.fromEntries(
      Object.entries({ name, email, officeId, departmentId, skills, weeklyHours, active }).filter(
        ([, value]) => value !== undefined,
      ),
    );
    if (Object.keys(set).length === 0) return;
    await kysely(this.db)
      .updateTable('staff')
      .set({ ...set, updatedAt: sql`now()` })
      .where('id', '=', id)
      .execute();
  }

  listAbsences(staffId: string): Promise<AbsenceRow[]> {
    return kysely(this.db)
      .selectFrom('staffAbsence')
      .select(absenceColumns)
      .where('staffId', '=', staffId)
      .orderBy(sql`lower(period)`)
      .execute();
  }

  insertAbsence(staffId: string, from: string, to: string, reason: string): Promise<AbsenceRow> {
    return kysely(this.db)
      .insertInto('staffAbsence')
      .values({
        staffId,
        period: sql<string>`daterange(${from}::date, ${to}::date, '[]')`,
        reason: reason as DB['staffAbsence']['reason'],
      })
      .returning(absenceColumns)
      .executeTakeFirstOrThrow();
  }

  listClosureDays(officeId: string, year: number): Promise<{ date: string; reason: string }[]> {
    return kysely(this.db)
      .selectFrom('closureDay')
      .select((eb) => [eb.cast<string>('day', 'text').as('date'), 'reason'])
      .where('officeId', '=', officeId)
      .where(inYear(year))
      .orderBy('day')
      .execute();
  }

  /** Replaces one year's closure days atomically: the old list stays if anything fails. */
  replaceClosureDays(officeId: string, year: number, days: { date: string; reason: string }[]): Promise<void> {
    return this.db.transaction(async (manager: EntityManager) => {
      const db = kysely(manager);
      await db.selectFrom('office').select('id').where('id', '=', officeId).forUpdate().execute();
      await db.deleteFrom('closureDay').where('officeId', '=', officeId).where(inYear(year)).execute();
      if (days.length > 0) {
        await db
          .insertInto('closureDay')
          .values(days.map((d) => ({ officeId, day: d.date, reason: d.reason })))
          .execute();
      }
      await db
        .updateTable('office')
        .set({ updatedAt: sql`now()` })
        .where('id', '=', officeId)
        .execute();
    });
  }

  listMunicipalities(filter: { regionCode?: string; inTrial?: boolean }): Promise<MunicipalityRow[]> {
    const { regionCode, inTrial } = filter;
    return kysely(this.db)
      .selectFrom('municipality')
      .select([
        'code',
        'name',
        'regionCode',
        'regionName',
        'contactCourseTrial2020',
        'scheme2027',
        'lat',
        'lon',
        'island',
      ])
      .$if(given(regionCode), (q) => q.where('regionCode', '=', regionCode!))
      .$if(given(inTrial), (q) => q.where('contactCourseTrial2020', '=', inTrial!))
      .orderBy('code')
      .execute();
  }
}
