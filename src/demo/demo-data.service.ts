import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../common/config/config.module.js';
import type { AppConfig } from '../common/config/app-config.js';
import { defaultClosureDays } from '../locations/calendar-rules.js';
import { MUNICIPALITIES } from '../locations/seed/index.js';
import { buildDemoHistory, DEMO_YEARLY_INFLOW } from './demo-history.js';
import { buildDemoOrganisation, type DemoOrganisation } from './demo-organisation.js';

const TEAMS = [
  { code: 'job-team', name: 'Jobteamet', worksAcrossDepartments: true },
  { code: 'pre-unemployment', name: 'Før-ledighed (JobStarter og SnartUdlært)', worksAcrossDepartments: false },
  { code: 'central', name: 'Hovedkassen – central koordinering', worksAcrossDepartments: true },
];

export interface DemoLoadOptions {
  seed: number;
  scale: number;
  today: Date;
}

/** JSON in, rows out: one round trip per table however many rows. */
async function insertJson(manager: EntityManager, sql: string, rows: unknown[]): Promise<void> {
  const chunk = 5000;
  for (let i = 0; i < rows.length; i += chunk) {
    await manager.query(sql, [JSON.stringify(rows.slice(i, i + chunk))]);
  }
}

@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async isEmpty(): Promise<boolean> {
    const rows: { count: number }[] = await this.db.query(`SELECT count(*)::int AS count FROM office`);
    return rows[0].count === 0;
  }

  /** Loads the demo organisation and history into an empty database; does nothing otherwise. */
  async loadIfEmpty(options: Partial<DemoLoadOptions> = {}): Promise<boolean> {
    if (!(await this.isEmpty())) return false;
    const resolved: DemoLoadOptions = { seed: this.config.demoSeed, scale: this.config.demoScale, today: new Date(), ...options };
    const started = Date.now();
    await this.load(resolved);
    this.logger.log(`Demo data loaded in ${Date.now() - started} ms (seed ${resolved.seed}, scale ${resolved.scale})`);
    return true;
  }

  async load(options: DemoLoadOptions): Promise<void> {
    const organisation = buildDemoOrganisation(options.seed, options.scale);
    await this.db.transaction(async (manager) => {
      // Two concurrent starts on one empty database must not both load.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('demo-data'))`);
      const existing: { count: number }[] = await manager.query(`SELECT count(*)::int AS count FROM office`);
      if (existing[0].count > 0) return;
      await this.insertOrganisation(manager, organisation, options.today);
      const history = buildDemoHistory(options.seed, organisation.offices, options.today, 156, DEMO_YEARLY_INFLOW * Math.max(1, Math.round(options.scale)));
      await insertJson(
        manager,
        `INSERT INTO inflow_week (office_id, week_start, target_group, new_members, source)
         SELECT o.id, r.week_start, r.target_group, r.new_members, 'demo'
         FROM jsonb_to_recordset($1::jsonb) AS r(office_code text, week_start date, target_group text, new_members int)
         JOIN office o ON o.code = r.office_code`,
        history.map((row) => ({ office_code: row.officeCode, week_start: row.weekStart, target_group: row.targetGroup, new_members: row.newMembers })),
      );
    });
  }

  private async insertOrganisation(manager: EntityManager, organisation: DemoOrganisation, today: Date): Promise<void> {
    await insertJson(
      manager,
      `INSERT INTO municipality (code, name, region_code, region_name, contact_course_trial_2020, scheme_2027, lat, lon, island)
       SELECT code, name, region_code, region_name, trial, scheme, lat, lon, island
       FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, region_code text, region_name text, trial boolean, scheme text, lat float8, lon float8, island text)
       ON CONFLICT (code) DO NOTHING`,
      MUNICIPALITIES.map((m) => ({
        code: m.code, name: m.name, region_code: m.regionCode, region_name: m.regionName, trial: m.contactCourseTrial2020,
        scheme: m.scheme2027, lat: m.lat, lon: m.lon, island: m.island,
      })),
    );
    await insertJson(
      manager,
      `INSERT INTO team (code, name, works_across_departments)
       SELECT code, name, across FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, across boolean)
       ON CONFLICT (code) DO NOTHING`,
      TEAMS.map((t) => ({ code: t.code, name: t.name, across: t.worksAcrossDepartments })),
    );
    await insertJson(
      manager,
      `INSERT INTO department (code, name) SELECT code, name FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text)`,
      organisation.departments,
    );
    await insertJson(
      manager,
      `INSERT INTO office (code, name, kind, department_id, town, municipality_code, lat, lon, island, street, postcode, city, is_head_office, is_contact_centre)
       SELECT r.code, r.name, r.kind, d.id, r.town, r.municipality_code, r.lat, r.lon, r.island, r.street, r.postcode, r.city, r.head, r.centre
       FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, kind text, department_code text, town text, municipality_code text,
         lat float8, lon float8, island text, street text, postcode text, city text, head boolean, centre boolean)
       JOIN department d ON d.code = r.department_code`,
      organisation.offices.map((o) => ({
        code: o.code, name: o.name, kind: o.kind, department_code: o.departmentCode, town: o.town, municipality_code: o.municipalityCode,
        lat: o.lat, lon: o.lon, island: o.island, street: o.address.street, postcode: o.address.postcode, city: o.address.city,
        head: Boolean(o.isHeadOffice), centre: Boolean(o.isContactCentre),
      })),
    );
    await insertJson(
      manager,
      `INSERT INTO room (office_id, name, seats)
       SELECT o.id, r.name, r.seats FROM jsonb_to_recordset($1::jsonb) AS r(office_code text, name text, seats int) JOIN office o ON o.code = r.office_code`,
      organisation.offices.flatMap((o) => o.rooms.map((room) => ({ office_code: o.code, name: room.name, seats: room.seats }))),
    );
    await insertJson(
      manager,
      `INSERT INTO office_opening_hours (office_id, weekday, opens, closes)
       SELECT o.id, r.weekday, r.opens::time, r.closes::time
       FROM jsonb_to_recordset($1::jsonb) AS r(office_code text, weekday int, opens text, closes text) JOIN office o ON o.code = r.office_code`,
      organisation.offices.flatMap((o) => o.openingHours.map((h) => ({ office_code: o.code, weekday: h.weekday, opens: h.opens, closes: h.closes }))),
    );
    const year = today.getUTCFullYear();
    await insertJson(
      manager,
      `INSERT INTO closure_day (office_id, day, reason)
       SELECT o.id, r.day, r.reason FROM jsonb_to_recordset($1::jsonb) AS r(day date, reason text) CROSS JOIN office o`,
      [year - 1, year, year + 1].flatMap((y) => defaultClosureDays(y).map((d) => ({ day: d.date, reason: d.reason }))),
    );
    await insertJson(
      manager,
      `INSERT INTO staff (employee_number, name, email, role, office_id, department_id, team_id, skills, weekly_hours)
       SELECT r.employee_number, r.name, r.email, r.role, o.id, d.id, t.id, r.skills, r.weekly_hours
       FROM jsonb_to_recordset($1::jsonb) AS r(employee_number text, name text, email text, role text, office_code text,
         department_code text, team_code text, skills text[], weekly_hours numeric)
       LEFT JOIN office o ON o.code = r.office_code
       LEFT JOIN department d ON d.code = r.department_code
       LEFT JOIN team t ON t.code = r.team_code`,
      organisation.staff.map((s) => ({
        employee_number: s.employeeNumber, name: s.name, email: s.email, role: s.role, office_code: s.officeCode,
        department_code: s.departmentCode, team_code: s.teamCode, skills: s.skills, weekly_hours: s.weeklyHours,
      })),
    );
    // Three weeks' summer holiday for everyone, staggered over July, so capacity dips where it really does.
    await manager.query(
      `INSERT INTO staff_absence (staff_id, period, reason)
       SELECT s.id, daterange(make_date(y, 6, 29) + stagger * 7, make_date(y, 6, 29) + stagger * 7 + 21), 'vacation'
       FROM (SELECT id, (row_number() OVER (ORDER BY employee_number) % 4)::int AS stagger FROM staff) AS s
       CROSS JOIN (VALUES ($1::int), ($1::int + 1)) AS years(y)`,
      [year],
    );
  }
}
