import { Inject, Injectable, Logger } from '@nestjs/common';
import { type RawBuilder, sql } from 'kysely';
import { DataSource, type EntityManager } from 'typeorm';
import { type Database, kysely } from '../common/database/kysely.js';
import type { Member } from '../common/database/db.types.js';
import { APP_CONFIG } from '../common/config/config.module.js';
import type { AppConfig } from '../common/config/app-config.js';
import { defaultClosureDays } from '../locations/calendar-rules.js';
import { addDays, localDate } from '../shared/time/index.js';
import { buildDemoHistory, DEMO_YEARLY_INFLOW } from './demo-history.js';
import { buildDemoCaseload, buildDemoMembers, DEMO_ACTIVE_MEMBERS, type DemoCaseload } from './demo-members.js';
import { buildDemoOrganisation, type DemoOrganisation } from './demo-organisation.js';
import { buildDemoSchedule } from './demo-schedule.js';
import { Clock } from '../shared/time/clock.js';

export interface DemoLoadOptions {
  seed: number;
  scale: number;
  today: Date;
  /** Currently unemployed members; default 1,700 per organisation copy. */
  activeMembers?: number;
}

/** Weeks of published slots and sessions from today. */
export const DEMO_SCHEDULE_WEEKS = 8;

/** JSON in, rows out: one round trip per table however many rows. `rows` is the chunk as a jsonb parameter. */
async function insertJson(
  manager: EntityManager,
  rows: unknown[],
  statement: (k: Database, rows: RawBuilder<unknown>) => { execute(): Promise<unknown> },
): Promise<void> {
  const chunk = 5000;
  const k = kysely(manager);
  for (let i = 0; i < rows.length; i += chunk) {
    await statement(k, sql`${JSON.stringify(rows.slice(i, i + chunk))}::jsonb`).execute();
  }
}

/** `count(*)` of offices: the demo data loads into an organisation with none. */
async function officeCount(k: Database): Promise<number> {
  const row = await k
    .selectFrom('office')
    .select(sql<number>`count(*)::int`.as('count'))
    .executeTakeFirstOrThrow();
  return row.count;
}

@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async isEmpty(): Promise<boolean> {
    return (await officeCount(kysely(this.db))) === 0;
  }

  /** Loads the demo organisation and history into an empty database; does nothing otherwise. */
  async loadIfEmpty(options: Partial<DemoLoadOptions> = {}): Promise<boolean> {
    if (!(await this.isEmpty())) return false;
    const resolved: DemoLoadOptions = {
      seed: this.config.demoSeed,
      scale: this.config.demoScale,
      today: this.clock.now(),
      ...options,
    };
    const started = Date.now();
    // Another process may have loaded it since isEmpty(): only the one that did says so.
    if (!(await this.load(resolved))) return false;
    this.logger.log(`Demo data loaded in ${Date.now() - started} ms (seed ${resolved.seed}, scale ${resolved.scale})`);
    return true;
  }

  /** Loads the demo data unless some process already has (under an advisory lock); true when this call loaded it. */
  async load(options: DemoLoadOptions): Promise<boolean> {
    const organisation = buildDemoOrganisation(options.seed, options.scale);
    const copies = Math.max(1, Math.round(options.scale));
    const loaded = await this.db.transaction(async (manager) => {
      // Two concurrent starts on one empty database must not both load.
      await sql`SELECT pg_advisory_xact_lock(hashtext('demo-data'))`.execute(kysely(manager));
      if ((await officeCount(kysely(manager))) > 0) return false;
      await this.insertOrganisation(manager, organisation, options.today);
      const history = buildDemoHistory(
        options.seed,
        organisation.offices,
        options.today,
        156,
        DEMO_YEARLY_INFLOW * copies,
      );
      await insertJson(
        manager,
        history.map((row) => ({
          office_code: row.officeCode,
          week_start: row.weekStart,
          target_group: row.targetGroup,
          new_members: row.newMembers,
        })),
        (k, rows) =>
          k.insertInto('inflowWeek').columns(['officeId', 'weekStart', 'targetGroup', 'newMembers', 'source'])
            .expression(sql`SELECT o.id, r.week_start, r.target_group, r.new_members, 'demo'
         FROM jsonb_to_recordset(${rows}) AS r(office_code text, week_start date, target_group text, new_members int)
         JOIN office o ON o.code = r.office_code`),
      );
      const members = buildDemoMembers(
        options.seed,
        organisation.offices,
        history,
        options.today,
        options.activeMembers ?? DEMO_ACTIVE_MEMBERS * copies,
      );
      const todayDate = localDate(options.today);
      const firstDay = members.reduce(
        (min, m) => (m.firstUnemploymentDay < min ? m.firstUnemploymentDay : min),
        todayDate,
      );
      const closures = await this.closureDays(manager);
      const schedule = buildDemoSchedule({
        seed: options.seed,
        organisation,
        fromDate: firstDay,
        toDate: addDays(todayDate, DEMO_SCHEDULE_WEEKS * 7 - 1),
        closures,
        absences: await this.absences(manager),
      });
      await this.insertCaseload(
        manager,
        buildDemoCaseload(
          options.seed,
          members,
          organisation.offices,
          schedule,
          options.today,
          DEMO_SCHEDULE_WEEKS,
          closures,
        ),
      );
      return true;
    });
    if (!loaded) return false;
    // Fresh statistics at once, not when autovacuum gets round to it: with none, the planner takes the bulk-loaded
    // slot table for empty and availability scans every slot in the window (measured 3–5× slower at scale 9).
    await sql`ANALYZE member, programme_item, slot, session, session_leader, staff_commitment, booking`.execute(
      kysely(this.db),
    );
    return true;
  }

  private async closureDays(manager: EntityManager): Promise<Map<string, Set<string>>> {
    const rows = await kysely(manager)
      .selectFrom('closureDay as c')
      .innerJoin('office as o', 'o.id', 'c.officeId')
      .select((eb) => ['o.code', sql<string>`${eb.ref('c.day')}::text`.as('day')])
      .execute();
    const result = new Map<string, Set<string>>();
    for (const row of rows) result.set(row.code, (result.get(row.code) ?? new Set<string>()).add(row.day));
    return result;
  }

  private async absences(manager: EntityManager): Promise<Map<string, { from: string; to: string }[]>> {
    const rows = await kysely(manager)
      .selectFrom('staffAbsence as a')
      .innerJoin('staff as s', 's.id', 'a.staffId')
      .select((eb) => [
        's.employeeNumber as number',
        sql<string>`lower(${eb.ref('a.period')})::text`.as('from'),
        sql<string>`upper(${eb.ref('a.period')})::text`.as('to'),
      ])
      .execute();
    const result = new Map<string, { from: string; to: string }[]>();
    for (const row of rows) result.set(row.number, [...(result.get(row.number) ?? []), { from: row.from, to: row.to }]);
    return result;
  }

  /**
   * Members, items, slots, sessions and bookings with ids made by the generator, so rows refer to each
   * other without a round trip. Sessions arrive with their seat counts; leaders after their sessions (the
   * trigger that records a leader's time reads the session).
   */
  private async insertCaseload(manager: EntityManager, caseload: DemoCaseload): Promise<void> {
    const iso = (ms: number) => new Date(ms).toISOString();
    await insertJson(
      manager,
      caseload.members.map((m) => ({
        id: m.id,
        member_number: m.memberNumber,
        name: m.name,
        municipality_code: m.municipalityCode,
        office_code: m.officeCode,
        first_day: m.firstUnemploymentDay,
        target_group: m.targetGroup,
        basic_it_needs: m.basicItNeeds,
      })),
      (k, rows) =>
        k
          .insertInto('member')
          .columns([
            'id',
            'memberNumber',
            'name',
            'municipalityCode',
            'homeOfficeId',
            'firstUnemploymentDay',
            'risk',
            'targetGroup',
            'basicItNeeds',
            'programmeTemplateId',
            'createdAt',
            'updatedAt',
          ])
          .expression(sql`SELECT r.id, r.member_number, r.name, r.municipality_code, o.id, r.first_day, CASE WHEN r.target_group = 'low-risk' THEN 'low' ELSE 'high' END,
         r.target_group, r.basic_it_needs, t.id, r.first_day::timestamptz, r.first_day::timestamptz
       FROM jsonb_to_recordset(${rows}) AS r(id uuid, member_number text, name text, municipality_code text, office_code text, first_day date,
         target_group text, basic_it_needs boolean)
       JOIN office o ON o.code = r.office_code
       JOIN LATERAL (SELECT id FROM programme_template WHERE target_group = r.target_group ORDER BY version DESC LIMIT 1) t ON true`),
    );
    await insertJson(
      manager,
      caseload.items.map((i) => ({
        id: i.id,
        member_id: i.memberId,
        activity_code: i.activityCode,
        required: i.required,
        window_start: i.windowStart.toISOString(),
        window_end: i.windowEnd.toISOString(),
        channels: i.channels,
        status: i.status,
        origin: i.origin ?? 'programme',
      })),
      (k, rows) =>
        k
          .insertInto('programmeItem')
          .columns([
            'id',
            'memberId',
            'activityCode',
            'required',
            'windowStart',
            'windowEnd',
            'channels',
            'status',
            'origin',
          ])
          .expression(sql`SELECT r.id, r.member_id, r.activity_code, r.required, r.window_start, r.window_end, r.channels, r.status, r.origin
       FROM jsonb_to_recordset(${rows}) AS r(id uuid, member_id uuid, activity_code text, required boolean, window_start timestamptz,
         window_end timestamptz, channels text[], status text, origin text)`),
    );
    await insertJson(
      manager,
      caseload.slots.map((s) => ({
        id: s.id,
        office_code: s.officeCode,
        staff_number: s.staffNumber,
        activity_codes: s.activityCodes,
        channel: s.channel,
        start_at: iso(s.start),
        end_at: iso(s.end),
      })),
      (k, rows) =>
        k.insertInto('slot').columns(['id', 'officeId', 'staffId', 'activityCodes', 'channel', 'during'])
          .expression(sql`SELECT r.id, o.id, s.id, r.activity_codes, r.channel, tstzrange(r.start_at, r.end_at, '[)')
       FROM jsonb_to_recordset(${rows}) AS r(id uuid, office_code text, staff_number text, activity_codes text[], channel text,
         start_at timestamptz, end_at timestamptz)
       JOIN office o ON o.code = r.office_code
       JOIN staff s ON s.employee_number = r.staff_number`),
    );
    await insertJson(
      manager,
      caseload.sessions.map((s) => ({
        id: s.id,
        office_code: s.officeCode,
        room_name: s.roomName,
        activity_code: s.activityCode,
        start_at: iso(s.start),
        end_at: iso(s.end),
        capacity: s.capacity,
        min_participants: s.minParticipants,
        booked: s.booked,
      })),
      (k, rows) =>
        k
          .insertInto('session')
          .columns([
            'id',
            'officeId',
            'roomId',
            'activityCode',
            'during',
            'capacity',
            'minParticipants',
            'booked',
            'cutoffAt',
          ])
          .expression(sql`SELECT r.id, o.id, room.id, r.activity_code, tstzrange(r.start_at, r.end_at, '[)'), r.capacity, r.min_participants, r.booked,
         r.start_at - interval '3 days'
       FROM jsonb_to_recordset(${rows}) AS r(id uuid, office_code text, room_name text, activity_code text, start_at timestamptz,
         end_at timestamptz, capacity int, min_participants int, booked int)
       JOIN office o ON o.code = r.office_code
       JOIN room ON room.office_id = o.id AND room.name = r.room_name`),
    );
    await insertJson(
      manager,
      caseload.sessions.flatMap((s) => s.leaders.map((leader) => ({ session_id: s.id, staff_number: leader }))),
      (k, rows) =>
        k.insertInto('sessionLeader').columns(['sessionId', 'staffId'])
          .expression(sql`SELECT r.session_id, s.id FROM jsonb_to_recordset(${rows}) AS r(session_id uuid, staff_number text)
       JOIN staff s ON s.employee_number = r.staff_number`),
    );
    await insertJson(
      manager,
      caseload.bookings.map((b) => ({
        id: b.id,
        member_id: b.memberId,
        item_id: b.itemId,
        slot_id: b.slotId,
        session_id: b.sessionId,
        office_code: b.officeCode,
        activity_code: b.activityCode,
        channel: b.channel,
        start_at: iso(b.start),
        end_at: iso(b.end),
        status: b.status,
        booked_by_role: b.bookedByRole,
        cancel_reason: b.cancelReason,
        created_at: iso(b.createdAt),
        updated_at: iso(b.updatedAt),
      })),
      (k, rows) =>
        k
          .insertInto('booking')
          .columns([
            'id',
            'memberId',
            'programmeItemId',
            'slotId',
            'sessionId',
            'officeId',
            'activityCode',
            'channel',
            'during',
            'status',
            'bookedByRole',
            'cancelReason',
            'createdAt',
            'updatedAt',
          ])
          .expression(sql`SELECT r.id, r.member_id, r.item_id, r.slot_id, r.session_id, o.id, r.activity_code, r.channel, tstzrange(r.start_at, r.end_at, '[)'),
         r.status, r.booked_by_role, r.cancel_reason, r.created_at, r.updated_at
       FROM jsonb_to_recordset(${rows}) AS r(id uuid, member_id uuid, item_id uuid, slot_id uuid, session_id uuid, office_code text,
         activity_code text, channel text, start_at timestamptz, end_at timestamptz, status text, booked_by_role text, cancel_reason text,
         created_at timestamptz, updated_at timestamptz)
       JOIN office o ON o.code = r.office_code`),
    );
    await insertJson(
      manager,
      caseload.waitlist.map((w) => ({
        id: w.id,
        session_id: w.sessionId,
        member_id: w.memberId,
        item_id: w.itemId,
        created_at: iso(w.createdAt),
      })),
      (k, rows) =>
        k
          .insertInto('waitlistEntry')
          .columns(['id', 'sessionId', 'memberId', 'programmeItemId', 'status', 'createdAt', 'updatedAt'])
          .expression(sql`SELECT r.id, r.session_id, r.member_id, r.item_id, 'waiting', r.created_at, r.created_at
       FROM jsonb_to_recordset(${rows}) AS r(id uuid, session_id uuid, member_id uuid, item_id uuid, created_at timestamptz)`),
    );
    await insertJson(
      manager,
      caseload.smileys.map((s) => ({ member_id: s.memberId, smiley: s.smiley })),
      (k, rows) =>
        k
          .updateTable('member as m')
          .from(
            sql<{ memberId: string; smiley: Member['smiley'] }>`jsonb_to_recordset(${rows})`.as<'r'>(
              sql`r(member_id uuid, smiley text)`,
            ),
          )
          .set((eb) => ({ smiley: eb.ref('r.smiley') }))
          .whereRef('m.id', '=', 'r.memberId'),
    );
    await insertJson(
      manager,
      caseload.smileys.flatMap((s) =>
        s.serviceCall
          ? [
              {
                member_id: s.memberId,
                office_code: s.serviceCall.officeCode,
                staff_number: s.serviceCall.staffNumber,
                due_date: s.serviceCall.dueDate,
              },
            ]
          : [],
      ),
      (k, rows) =>
        k.insertInto('adviserTask').columns(['kind', 'memberId', 'officeId', 'staffId', 'dueDate'])
          .expression(sql`SELECT 'service-call', r.member_id, o.id, s.id, r.due_date
       FROM jsonb_to_recordset(${rows}) AS r(member_id uuid, office_code text, staff_number text, due_date date)
       JOIN office o ON o.code = r.office_code
       LEFT JOIN staff s ON s.employee_number = r.staff_number`),
    );
  }

  private async insertOrganisation(manager: EntityManager, organisation: DemoOrganisation, today: Date): Promise<void> {
    // Municipalities and teams are reference data every installation has (a migration loads them).
    await insertJson(manager, organisation.departments, (k, rows) =>
      k
        .insertInto('department')
        .columns(['code', 'name'])
        .expression(sql`SELECT code, name FROM jsonb_to_recordset(${rows}) AS r(code text, name text)`),
    );
    await insertJson(
      manager,
      organisation.offices.map((o) => ({
        code: o.code,
        name: o.name,
        kind: o.kind,
        department_code: o.departmentCode,
        town: o.town,
        municipality_code: o.municipalityCode,
        lat: o.lat,
        lon: o.lon,
        island: o.island,
        street: o.address.street,
        postcode: o.address.postcode,
        city: o.address.city,
        head: Boolean(o.isHeadOffice),
        centre: Boolean(o.isContactCentre),
      })),
      (k, rows) =>
        k
          .insertInto('office')
          .columns([
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
          ])
          .expression(sql`SELECT r.code, r.name, r.kind, d.id, r.town, r.municipality_code, r.lat, r.lon, r.island, r.street, r.postcode, r.city, r.head, r.centre
       FROM jsonb_to_recordset(${rows}) AS r(code text, name text, kind text, department_code text, town text, municipality_code text,
         lat float8, lon float8, island text, street text, postcode text, city text, head boolean, centre boolean)
       JOIN department d ON d.code = r.department_code`),
    );
    await insertJson(
      manager,
      organisation.offices.flatMap((o) =>
        o.rooms.map((room) => ({ office_code: o.code, name: room.name, seats: room.seats })),
      ),
      (k, rows) =>
        k
          .insertInto('room')
          .columns(['officeId', 'name', 'seats'])
          .expression(
            sql`SELECT o.id, r.name, r.seats FROM jsonb_to_recordset(${rows}) AS r(office_code text, name text, seats int) JOIN office o ON o.code = r.office_code`,
          ),
    );
    await insertJson(
      manager,
      organisation.offices.flatMap((o) =>
        o.openingHours.map((h) => ({ office_code: o.code, weekday: h.weekday, opens: h.opens, closes: h.closes })),
      ),
      (k, rows) =>
        k.insertInto('officeOpeningHours').columns(['officeId', 'weekday', 'opens', 'closes'])
          .expression(sql`SELECT o.id, r.weekday, r.opens::time, r.closes::time
       FROM jsonb_to_recordset(${rows}) AS r(office_code text, weekday int, opens text, closes text) JOIN office o ON o.code = r.office_code`),
    );
    const year = today.getUTCFullYear();
    await insertJson(
      manager,
      [year - 1, year, year + 1].flatMap((y) => defaultClosureDays(y).map((d) => ({ day: d.date, reason: d.reason }))),
      (k, rows) =>
        k
          .insertInto('closureDay')
          .columns(['officeId', 'day', 'reason'])
          .expression(
            sql`SELECT o.id, r.day, r.reason FROM jsonb_to_recordset(${rows}) AS r(day date, reason text) CROSS JOIN office o`,
          ),
    );
    await insertJson(
      manager,
      organisation.staff.map((s) => ({
        employee_number: s.employeeNumber,
        name: s.name,
        email: s.email,
        role: s.role,
        office_code: s.officeCode,
        department_code: s.departmentCode,
        team_code: s.teamCode,
        skills: s.skills,
        weekly_hours: s.weeklyHours,
      })),
      (k, rows) =>
        k
          .insertInto('staff')
          .columns([
            'employeeNumber',
            'name',
            'email',
            'role',
            'officeId',
            'departmentId',
            'teamId',
            'skills',
            'weeklyHours',
          ])
          .expression(sql`SELECT r.employee_number, r.name, r.email, r.role, o.id, d.id, t.id, r.skills, r.weekly_hours
       FROM jsonb_to_recordset(${rows}) AS r(employee_number text, name text, email text, role text, office_code text,
         department_code text, team_code text, skills text[], weekly_hours numeric)
       LEFT JOIN office o ON o.code = r.office_code
       LEFT JOIN department d ON d.code = r.department_code
       LEFT JOIN team t ON t.code = r.team_code`),
    );
    // Three weeks' summer holiday for everyone, staggered over July, so capacity dips where it really does.
    await kysely(manager)
      .insertInto('staffAbsence')
      .columns(['staffId', 'period', 'reason'])
      .expression(
        sql`SELECT s.id, daterange(make_date(y, 6, 29) + stagger * 7, make_date(y, 6, 29) + stagger * 7 + 21), 'vacation'
            FROM (SELECT id, (row_number() OVER (ORDER BY employee_number) % 4)::int AS stagger FROM staff) AS s
            CROSS JOIN (VALUES (${year}::int), (${year}::int + 1)) AS years(y)`,
      )
      .execute();
  }
}
