import { Inject, Injectable } from '@nestjs/common';
import { type Expression, sql } from 'kysely';
import { DataSource } from 'typeorm';
import { kysely } from '../common/database/kysely.js';
import { given, isoDate, json } from '../common/database/sql-fragments.js';
import type { DemandActivity, DemandTemplateItem } from './plan/core/demand/project-demand.js';
import type { HistoryCsvRow } from './forecast/core/parse-history-csv.js';
import type { ScenarioAdjustment } from './forecast/core/scenario-adjustments.js';
import type { OfficeWeekHours, PublishedSlot, ScheduledSession } from './plan/core/office-weeks.js';
import { COPENHAGEN } from '../shared/time/index.js';
import type { TargetGroup } from '../shared/vocabulary/target-groups.js';

export interface CapacityOfficeRow {
  id: string;
  code: string;
  name: string;
  departmentId: string;
  lat: number;
  lon: number;
  island: string | null;
  isHeadOffice: boolean;
}

export interface HistoryRow {
  officeId: string;
  officeCode: string;
  weekStart: string;
  targetGroup: TargetGroup;
  newMembers: number;
  source: string;
}

export interface ScenarioRow {
  id: string;
  name: string;
  description: string | null;
  adjustments: ScenarioAdjustment[];
  createdAt: string;
}

export interface PlanningStaffRow {
  id: string;
  name: string;
  role: string;
  skills: string[];
  weeklyHours: number;
  officeId: string | null;
}

/** Literals, not parameters, where the tuned statements had them: the SQL stays the shape it was measured in. */
const lit = <const T extends string>(value: T) => sql.lit<T>(value);
const active = lit('active');
const cancelled = lit('cancelled');

/** Programme week (1 = the week of the first unemployment day) of a member in the week of `monday`. */
const programmeWeek = (monday: string, firstDay: Expression<unknown>) =>
  sql<number>`((${monday}::date - date_trunc('week', ${firstDay})::date) / 7 + 1)::int`;
/** The ISO week (`2027-W09`) of a range's local start. */
const isoWeekOf = (during: Expression<unknown>) =>
  sql<string>`to_char(lower(${during}) AT TIME ZONE ${COPENHAGEN}, 'IYYY-"W"IW')`;
/** A range starting in the local weeks [fromMonday, toMonday). */
const startsIn = (during: Expression<unknown>, fromMonday: string, toMonday: string) =>
  sql<boolean>`lower(${during}) >= (${fromMonday}::date)::timestamp AT TIME ZONE ${COPENHAGEN} AND lower(${during}) < (${toMonday}::date)::timestamp AT TIME ZONE ${COPENHAGEN}`;
const hoursOf = (during: Expression<unknown>) =>
  sql<number>`extract(epoch FROM upper(${during}) - lower(${during})) / 3600`;
/** Positional GROUP BY, as the statements were tuned with. */
const columns = (count: number) => Array.from({ length: count }, (_, i) => sql.lit(i + 1));

/** Inflow, scenarios and the planning inputs. Members, templates and activities belong to the booking module: read only here. */
@Injectable()
export class CapacityRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  listOffices(): Promise<CapacityOfficeRow[]> {
    return kysely(this.db)
      .selectFrom('office')
      .select(['id', 'code', 'name', 'departmentId', 'lat', 'lon', 'island', 'isHeadOffice'])
      .orderBy('code')
      .execute();
  }

  historyBounds(): Promise<{ first: string | null; last: string | null }> {
    return kysely(this.db)
      .selectFrom('inflowWeek')
      .select((eb) => [
        sql<string | null>`min(${eb.ref('weekStart')})::text`.as('first'),
        sql<string | null>`max(${eb.ref('weekStart')})::text`.as('last'),
      ])
      .executeTakeFirstOrThrow();
  }

  /**
   * Changes whenever the history or the offices do, so a fitted forecast (which carries the office rows it was fitted
   * with: names, departments, coordinates) can be reused until then.
   */
  async historyFingerprint(): Promise<string> {
    const k = kysely(this.db);
    const inflow = k
      .selectFrom('inflowWeek')
      .select((eb) =>
        sql<string>`count(*)::text || ':' || coalesce(sum(${eb.ref('newMembers')}), 0)::text || ':' || coalesce(max(${eb.ref('updatedAt')})::text, '')`.as(
          'part',
        ),
      );
    const offices = k.selectFrom('office').select((eb) => {
      const fields = sql.join(
        (['id', 'code', 'name', 'departmentId', 'lat', 'lon', 'island', 'isHeadOffice'] as const).map((c) => eb.ref(c)),
      );
      return sql<string>`coalesce(md5(string_agg(concat_ws('|', ${fields}), ',' ORDER BY ${eb.ref('id')})), '')`.as(
        'part',
      );
    });
    const row = await k
      .selectNoFrom(sql<string>`${inflow} || ':' || ${offices}`.as('fingerprint'))
      .executeTakeFirstOrThrow();
    return row.fingerprint;
  }

  /** Weekly new members per office over all target groups. */
  inflowTotals(): Promise<{ officeId: string; weekStart: string; newMembers: number }[]> {
    return (
      kysely(this.db)
        .selectFrom('inflowWeek')
        .select((eb) => [
          'officeId',
          sql<string>`${eb.ref('weekStart')}::text`.as('weekStart'),
          sql<number>`sum(${eb.ref('newMembers')})::int`.as('newMembers'),
        ])
        // GROUP BY takes a name for the input column before the select list's: the date, not its text.
        .groupBy(['officeId', 'weekStart'])
        .execute()
    );
  }

  /** Weekly new members per office and target group from `fromMonday` on (for the target-group mix and the cohort start). */
  inflowByGroupSince(
    fromMonday: string,
  ): Promise<{ officeId: string; weekStart: string; targetGroup: TargetGroup; newMembers: number }[]> {
    return kysely(this.db)
      .selectFrom('inflowWeek')
      .select((eb) => [
        'officeId',
        sql<string>`${eb.ref('weekStart')}::text`.as('weekStart'),
        'targetGroup',
        'newMembers',
      ])
      .where('weekStart', '>=', isoDate(fromMonday))
      .execute() as Promise<{ officeId: string; weekStart: string; targetGroup: TargetGroup; newMembers: number }[]>;
  }

  listHistory(filter: { officeIds?: string[]; from: string; to: string }): Promise<HistoryRow[]> {
    return (
      kysely(this.db)
        .selectFrom('inflowWeek as i')
        .innerJoin('office as o', 'o.id', 'i.officeId')
        .select((eb) => [
          'i.officeId',
          'o.code as officeCode',
          sql<string>`${eb.ref('i.weekStart')}::text`.as('weekStart'),
          'i.targetGroup',
          'i.newMembers',
          'i.source',
        ])
        .where((eb) => eb.between('i.weekStart', isoDate(filter.from), isoDate(filter.to)))
        .$if(given(filter.officeIds), (qb) =>
          qb.where((eb) => eb('i.officeId', '=', eb.fn.any(sql<string[]>`${filter.officeIds}::uuid[]`))),
        )
        // Qualified: the unqualified name would be the text column of the select list.
        .orderBy('o.code')
        .orderBy('i.weekStart')
        .orderBy('i.targetGroup')
        .execute() as Promise<HistoryRow[]>
    );
  }

  /** All rows or none: one transaction, one statement per chunk. */
  async upsertHistory(rows: readonly HistoryCsvRow[]): Promise<void> {
    await this.db.transaction(async (manager) => {
      const k = kysely(manager);
      for (let i = 0; i < rows.length; i += 5000) {
        const chunk = rows.slice(i, i + 5000).map((r) => ({
          office_code: r.officeCode,
          week_start: r.weekStart,
          target_group: r.targetGroup,
          new_members: r.newMembers,
        }));
        await k
          .insertInto('inflowWeek')
          .columns(['officeId', 'weekStart', 'targetGroup', 'newMembers', 'source'])
          .expression(
            sql`SELECT o.id, r.week_start, r.target_group, r.new_members, 'import'
                FROM jsonb_to_recordset(${json(chunk)}::jsonb) AS r(office_code text, week_start date, target_group text, new_members int)
                JOIN office o ON o.code = r.office_code`,
          )
          .onConflict((oc) =>
            oc.columns(['officeId', 'weekStart', 'targetGroup']).doUpdateSet((eb) => ({
              newMembers: eb.ref('excluded.newMembers'),
              source: lit('import'),
              updatedAt: sql<Date>`now()`,
            })),
          )
          .execute();
      }
    });
  }

  listScenarios(): Promise<ScenarioRow[]> {
    return kysely(this.db)
      .selectFrom('capacityScenario')
      .select(['id', 'name', 'description', 'adjustments', 'createdAt'])
      .orderBy('name')
      .execute() as Promise<unknown[]> as Promise<ScenarioRow[]>;
  }

  async findScenarioByName(name: string): Promise<ScenarioRow | undefined> {
    const row = await kysely(this.db)
      .selectFrom('capacityScenario')
      .select(['id', 'name', 'description', 'adjustments', 'createdAt'])
      .where('name', '=', name)
      .executeTakeFirst();
    return row as ScenarioRow | undefined;
  }

  async insertScenario(scenario: {
    name: string;
    description: string | null;
    adjustments: ScenarioAdjustment[];
    createdBy: string | null;
  }): Promise<ScenarioRow> {
    const row = await kysely(this.db)
      .insertInto('capacityScenario')
      .values({
        name: scenario.name,
        description: scenario.description,
        adjustments: sql<string>`${json(scenario.adjustments)}::jsonb`,
        createdBy: scenario.createdBy,
      })
      .returning(['id', 'name', 'description', 'adjustments', 'createdAt'])
      .executeTakeFirstOrThrow();
    return row as unknown as ScenarioRow;
  }

  async deleteScenario(id: string): Promise<boolean> {
    const result = await kysely(this.db).deleteFrom('capacityScenario').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Read only (booking's table): active members per home office, target group and programme week in the week of `monday`. */
  activeMembersByProgrammeWeek(
    monday: string,
  ): Promise<{ officeId: string; targetGroup: TargetGroup; programmeWeek: number; members: number }[]> {
    return kysely(this.db)
      .selectFrom('member')
      .select((eb) => [
        'homeOfficeId as officeId',
        'targetGroup',
        programmeWeek(monday, eb.ref('firstUnemploymentDay')).as('programmeWeek'),
        sql<number>`count(*)::int`.as('members'),
      ])
      .where('status', '=', active)
      .where('firstUnemploymentDay', '<=', sql<Date>`${monday}::date + 6`)
      .groupBy(columns(3))
      .execute();
  }

  /**
   * Read only (booking's tables): of the active members counted by `activeMembersByProgrammeWeek`, those whose
   * programme item of an activity is already done, missed or waived, or booked for before `planStart`. The booked
   * items are one set (`IN`), not an `EXISTS` per item: PostgreSQL then hashes members and items instead of looping
   * over members by office (at scale 9 about 0.3 s instead of 0.9–1.4 s, the same rows).
   */
  closedItemsByProgrammeWeek(
    monday: string,
    planStart: string,
  ): Promise<
    { officeId: string; targetGroup: TargetGroup; programmeWeek: number; activity: string; members: number }[]
  > {
    return kysely(this.db)
      .selectFrom('member as m')
      .innerJoin('programmeItem as i', (join) =>
        join.onRef('i.memberId', '=', 'm.id').on('i.origin', '=', lit('programme')),
      )
      .select((eb) => [
        'm.homeOfficeId as officeId',
        'm.targetGroup',
        programmeWeek(monday, eb.ref('m.firstUnemploymentDay')).as('programmeWeek'),
        'i.activityCode as activity',
        sql<number>`count(DISTINCT ${eb.ref('m.id')})::int`.as('members'),
      ])
      .where('m.status', '=', active)
      .where('m.firstUnemploymentDay', '<=', sql<Date>`${monday}::date + 6`)
      .where((eb) =>
        eb.or([
          eb('i.status', 'in', [lit('done'), lit('missed'), lit('waived')]),
          eb.and([
            eb('i.status', '=', lit('booked')),
            eb(
              'i.id',
              'in',
              eb
                .selectFrom('booking as b')
                .select('b.programmeItemId')
                .where('b.status', '<>', cancelled)
                .where(
                  (sb) =>
                    sql<boolean>`lower(${sb.ref('b.during')}) < (${planStart}::date)::timestamp AT TIME ZONE ${COPENHAGEN}`,
                ),
            ),
          ]),
        ]),
      )
      .groupBy(columns(4))
      .execute();
  }

  /** Read only (booking's tables): red-smiley summonses created in [from, to) per member's home office. */
  summonsesByOffice(from: Date, to: Date): Promise<{ officeId: string; summonses: number }[]> {
    return kysely(this.db)
      .selectFrom('programmeItem as i')
      .innerJoin('member as m', 'm.id', 'i.memberId')
      .select(['m.homeOfficeId as officeId', sql<number>`count(*)::int`.as('summonses')])
      .where('i.origin', '=', lit('smiley'))
      .where('i.activityCode', '=', lit('summons'))
      .where('i.createdAt', '>=', from)
      .where('i.createdAt', '<', to)
      .groupBy(columns(1))
      .execute();
  }

  /** Read only (booking's table): meetings of the given activities booked (not cancelled) for [from, to), fund-wide. */
  bookedMeetings(
    activities: readonly string[],
    from: Date,
    to: Date,
  ): Promise<{ activity: string; meetings: number }[]> {
    return kysely(this.db)
      .selectFrom('booking')
      .select(['activityCode as activity', sql<number>`count(*)::int`.as('meetings')])
      .where((eb) =>
        eb.and([
          eb('activityCode', '=', eb.fn.any(sql<string[]>`${activities}::text[]`)),
          eb('status', '<>', cancelled),
          sql<boolean>`lower(${eb.ref('during')}) >= ${from}`,
          sql<boolean>`lower(${eb.ref('during')}) < ${to}`,
        ]),
      )
      .groupBy(columns(1))
      .execute();
  }

  /** Read only (booking's table). */
  listActivities(): Promise<(DemandActivity & { countsAsJobMeeting: boolean; nameDa: string })[]> {
    return kysely(this.db)
      .selectFrom('activityType')
      .select([
        'code',
        'kind',
        'defaultDurationMinutes',
        'minGroupSize',
        'maxGroupSize',
        'leaderRoles',
        'leaderSkill',
        'countsAsJobMeeting',
        'nameDa',
      ])
      .orderBy('code')
      .execute();
  }

  /** Read only (booking's tables): the newest template version per target group in force on `date`. */
  listTemplateItems(date: string): Promise<(DemandTemplateItem & { targetGroup: TargetGroup })[]> {
    return kysely(this.db)
      .selectFrom((eb) =>
        eb
          .selectFrom('programmeTemplate')
          .distinctOn('targetGroup')
          .select(['id', 'targetGroup'])
          .where('validFrom', '<=', isoDate(date))
          .orderBy('targetGroup')
          .orderBy('version', 'desc')
          .as('t'),
      )
      .innerJoin('programmeTemplateItem as i', 'i.templateId', 't.id')
      .select(['t.targetGroup', 'i.activityCode', 'i.required', 'i.fromWeek', 'i.toWeek', 'i.condition'])
      .orderBy('t.targetGroup')
      .orderBy('i.position')
      .execute() as Promise<(DemandTemplateItem & { targetGroup: TargetGroup })[]>;
  }

  listPlanningStaff(): Promise<PlanningStaffRow[]> {
    return kysely(this.db)
      .selectFrom('staff')
      .select((eb) => [
        'id',
        'name',
        'role',
        'skills',
        sql<number>`${eb.ref('weeklyHours')}::float8`.as('weeklyHours'),
        'officeId',
      ])
      .where((eb) =>
        eb.and([eb.ref('active'), eb('role', 'in', [lit('adviser'), lit('job-consultant'), lit('pre-unemployment')])]),
      )
      .orderBy('employeeNumber')
      .execute();
  }

  /** Absences overlapping [from, to), as half-open date ranges. */
  listAbsences(from: string, to: string): Promise<{ staffId: string; from: string; to: string }[]> {
    return kysely(this.db)
      .selectFrom('staffAbsence')
      .select((eb) => [
        'staffId',
        sql<string>`lower(${eb.ref('period')})::text`.as('from'),
        sql<string>`upper(${eb.ref('period')})::text`.as('to'),
      ])
      .where((eb) => sql<boolean>`${eb.ref('period')} && daterange(${from}, ${to})`)
      .execute();
  }

  /**
   * What is planned, published and booked in the weeks [fromMonday, toMonday): the accepted allocation's hours, open
   * slots (by the activities they offer and their publisher's role), booked meetings in slots, and scheduled sessions
   * with their leader hours (duration × leaders, at least one). Weeks are ISO weeks of the local start.
   */
  async planActuals(
    fromMonday: string,
    toMonday: string,
  ): Promise<{
    planned: OfficeWeekHours[];
    slots: PublishedSlot[];
    slotBookings: OfficeWeekHours[];
    sessions: ScheduledSession[];
  }> {
    const k = kysely(this.db);
    const [planned, slots, slotBookings, sessions] = await Promise.all([
      k
        .selectFrom('capacityAllocationAssignment as a')
        .innerJoin('capacityAllocation as c', 'c.id', 'a.allocationId')
        .select((eb) => [
          'a.officeId',
          sql<string>`to_char(${eb.ref('a.weekStart')}, 'IYYY-"W"IW')`.as('week'),
          'a.activityCode as activity',
          sql<number>`sum(${eb.ref('a.hours')})::float8`.as('hours'),
        ])
        .where('c.acceptedAt', 'is not', null)
        .where('c.supersededAt', 'is', null)
        .where('a.weekStart', '>=', isoDate(fromMonday))
        .where('a.weekStart', '<', isoDate(toMonday))
        .groupBy(columns(3))
        .execute(),
      k
        .selectFrom('slot as s')
        .innerJoin('staff as st', 'st.id', 's.staffId')
        .select((eb) => [
          's.officeId',
          isoWeekOf(eb.ref('s.during')).as('week'),
          's.activityCodes',
          'st.role',
          sql<number>`sum(${hoursOf(eb.ref('s.during'))})::float8`.as('hours'),
        ])
        .where('s.status', '=', lit('open'))
        .where((eb) => startsIn(eb.ref('s.during'), fromMonday, toMonday))
        .groupBy(columns(4))
        .execute(),
      k
        .selectFrom('booking as b')
        .select((eb) => [
          'b.officeId',
          isoWeekOf(eb.ref('b.during')).as('week'),
          'b.activityCode as activity',
          sql<number>`sum(${hoursOf(eb.ref('b.during'))})::float8`.as('hours'),
        ])
        .where('b.slotId', 'is not', null)
        .where('b.status', 'in', [lit('booked'), lit('attended'), lit('no-show')])
        .where((eb) => startsIn(eb.ref('b.during'), fromMonday, toMonday))
        .groupBy(columns(3))
        .execute(),
      k
        .selectFrom('session as s')
        .select((eb) => {
          const leaders = eb
            .selectFrom('sessionLeader as l')
            .select(sql<number>`count(*)`.as('leaders'))
            .whereRef('l.sessionId', '=', 's.id');
          return [
            's.officeId',
            isoWeekOf(eb.ref('s.during')).as('week'),
            's.activityCode as activity',
            's.booked',
            sql<number>`(${hoursOf(eb.ref('s.during'))} * greatest(1, ${leaders}))::float8`.as('hours'),
          ];
        })
        .where('s.status', '=', lit('scheduled'))
        .where((eb) => startsIn(eb.ref('s.during'), fromMonday, toMonday))
        .execute(),
    ]);
    return { planned, slots, slotBookings, sessions };
  }

  /**
   * Per office and ISO week in [fromMonday, toMonday): hours of open slots nobody has booked whose staff can lead a
   * group activity (its leader role, and its skill when it names one): time the optimiser may turn into sessions by
   * withdrawing the slots.
   *
   * "Unbooked" is NOT IN over the live bookings' slots (none is null), not NOT EXISTS: PostgreSQL reads those once
   * into a hash instead of probing booking's index once per slot, which it chose because it expects 3 slots in the
   * window (the range's lower bound has no statistics) where scale 9 has 86,570. The hash holds every live slot
   * booking (47,158 at scale 9); PostgreSQL hashes a NOT IN set only while its estimated size fits hash_mem (work_mem
   * × hash_mem_multiplier, 8 MB by default: about 200,000 of them), so a fund far larger needs more.
   */
  groupConvertibleSlotHours(
    fromMonday: string,
    toMonday: string,
  ): Promise<{ officeId: string; week: string; hours: number }[]> {
    return kysely(this.db)
      .selectFrom('slot as s')
      .innerJoin('staff as st', 'st.id', 's.staffId')
      .select((eb) => [
        's.officeId',
        isoWeekOf(eb.ref('s.during')).as('week'),
        sql<number>`sum(${hoursOf(eb.ref('s.during'))})::float8`.as('hours'),
      ])
      .where('s.status', '=', lit('open'))
      .where((eb) => eb.ref('st.active'))
      .where((eb) => startsIn(eb.ref('s.during'), fromMonday, toMonday))
      .where((eb) =>
        eb(
          's.id',
          'not in',
          eb
            .selectFrom('booking as b')
            .select('b.slotId')
            .where('b.slotId', 'is not', null)
            .where('b.status', '<>', cancelled),
        ),
      )
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('activityType as a')
            .select(sql.lit(1).as('one'))
            .where('a.kind', '=', lit('group'))
            .where((ab) => sql<boolean>`${ab.ref('st.role')} = ANY(${ab.ref('a.leaderRoles')})`)
            .where((ab) =>
              ab.or([
                ab('a.leaderSkill', 'is', null),
                sql<boolean>`${ab.ref('a.leaderSkill')} = ANY(${ab.ref('st.skills')})`,
              ]),
            ),
        ),
      )
      .groupBy(columns(2))
      .execute();
  }

  listClosureDays(from: string, to: string): Promise<{ officeId: string; day: string }[]> {
    return kysely(this.db)
      .selectFrom('closureDay')
      .select((eb) => ['officeId', sql<string>`${eb.ref('day')}::text`.as('day')])
      .where('day', '>=', isoDate(from))
      .where('day', '<', isoDate(to))
      .execute();
  }
}
