import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

/** Inflow, scenarios and the planning inputs. Members, templates and activities belong to the booking module: read only here. */
@Injectable()
export class CapacityRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  listOffices(): Promise<CapacityOfficeRow[]> {
    return this.db.query(`
      SELECT id, code, name, department_id AS "departmentId", lat, lon, island, is_head_office AS "isHeadOffice"
      FROM office ORDER BY code`);
  }

  async historyBounds(): Promise<{ first: string | null; last: string | null }> {
    const [row] = await this.db.query(
      `SELECT min(week_start)::text AS first, max(week_start)::text AS last FROM inflow_week`,
    );
    return row;
  }

  /**
   * Changes whenever the history or the offices do, so a fitted forecast (which carries the office rows it was fitted
   * with: names, departments, coordinates) can be reused until then.
   */
  async historyFingerprint(): Promise<string> {
    const [row] = await this.db.query(
      `SELECT (SELECT count(*)::text || ':' || coalesce(sum(new_members), 0)::text || ':' || coalesce(max(updated_at)::text, '') FROM inflow_week)
              || ':' || (SELECT coalesce(md5(string_agg(concat_ws('|', id, code, name, department_id, lat, lon, island, is_head_office), ',' ORDER BY id)), '')
                         FROM office) AS fingerprint`,
    );
    return row.fingerprint;
  }

  /** Weekly new members per office over all target groups. */
  inflowTotals(): Promise<{ officeId: string; weekStart: string; newMembers: number }[]> {
    return this.db.query(`
      SELECT office_id AS "officeId", week_start::text AS "weekStart", sum(new_members)::int AS "newMembers"
      FROM inflow_week GROUP BY office_id, week_start`);
  }

  /** Weekly new members per office and target group from `fromMonday` on (for the target-group mix and the cohort start). */
  inflowByGroupSince(
    fromMonday: string,
  ): Promise<{ officeId: string; weekStart: string; targetGroup: TargetGroup; newMembers: number }[]> {
    return this.db.query(
      `SELECT office_id AS "officeId", week_start::text AS "weekStart", target_group AS "targetGroup", new_members AS "newMembers"
       FROM inflow_week WHERE week_start >= $1`,
      [fromMonday],
    );
  }

  listHistory(filter: { officeIds?: string[]; from: string; to: string }): Promise<HistoryRow[]> {
    return this.db.query(
      `SELECT i.office_id AS "officeId", o.code AS "officeCode", i.week_start::text AS "weekStart", i.target_group AS "targetGroup",
              i.new_members AS "newMembers", i.source
       FROM inflow_week i JOIN office o ON o.id = i.office_id
       WHERE i.week_start BETWEEN $1 AND $2 AND ($3::uuid[] IS NULL OR i.office_id = ANY($3))
       ORDER BY o.code, i.week_start, i.target_group`,
      [filter.from, filter.to, filter.officeIds ?? null],
    );
  }

  /** All rows or none: one transaction, one statement per chunk. */
  async upsertHistory(rows: readonly HistoryCsvRow[]): Promise<void> {
    await this.db.transaction(async (manager) => {
      for (let i = 0; i < rows.length; i += 5000) {
        await manager.query(
          `INSERT INTO inflow_week (office_id, week_start, target_group, new_members, source)
           SELECT o.id, r.week_start, r.target_group, r.new_members, 'import'
           FROM jsonb_to_recordset($1::jsonb) AS r(office_code text, week_start date, target_group text, new_members int)
           JOIN office o ON o.code = r.office_code
           ON CONFLICT (office_id, week_start, target_group)
           DO UPDATE SET new_members = EXCLUDED.new_members, source = 'import', updated_at = now()`,
          [
            JSON.stringify(
              rows.slice(i, i + 5000).map((r) => ({
                office_code: r.officeCode,
                week_start: r.weekStart,
                target_group: r.targetGroup,
                new_members: r.newMembers,
              })),
            ),
          ],
        );
      }
    });
  }

  listScenarios(): Promise<ScenarioRow[]> {
    return this.db.query(
      `SELECT id, name, description, adjustments, created_at AS "createdAt" FROM capacity_scenario ORDER BY name`,
    );
  }

  async findScenarioByName(name: string): Promise<ScenarioRow | undefined> {
    const rows: ScenarioRow[] = await this.db.query(
      `SELECT id, name, description, adjustments, created_at AS "createdAt" FROM capacity_scenario WHERE name = $1`,
      [name],
    );
    return rows[0];
  }

  async insertScenario(scenario: {
    name: string;
    description: string | null;
    adjustments: ScenarioAdjustment[];
    createdBy: string | null;
  }): Promise<ScenarioRow> {
    const [row] = await this.db.query(
      `INSERT INTO capacity_scenario (name, description, adjustments, created_by) VALUES ($1, $2, $3::jsonb, $4)
       RETURNING id, name, description, adjustments, created_at AS "createdAt"`,
      [scenario.name, scenario.description, JSON.stringify(scenario.adjustments), scenario.createdBy],
    );
    return row;
  }

  async deleteScenario(id: string): Promise<boolean> {
    const [, count] = await this.db.query(`DELETE FROM capacity_scenario WHERE id = $1`, [id]);
    return count > 0;
  }

  /** Read only (booking's table): active members per home office, target group and programme week in the week of `monday`. */
  activeMembersByProgrammeWeek(
    monday: string,
  ): Promise<{ officeId: string; targetGroup: TargetGroup; programmeWeek: number; members: number }[]> {
    return this.db.query(
      `SELECT home_office_id AS "officeId", target_group AS "targetGroup",
              (($1::date - date_trunc('week', first_unemployment_day)::date) / 7 + 1)::int AS "programmeWeek", count(*)::int AS members
       FROM member
       WHERE status = 'active' AND first_unemployment_day <= $1::date + 6
       GROUP BY 1, 2, 3`,
      [monday],
    );
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
    return this.db.query(
      `SELECT m.home_office_id AS "officeId", m.target_group AS "targetGroup",
              (($1::date - date_trunc('week', m.first_unemployment_day)::date) / 7 + 1)::int AS "programmeWeek",
              i.activity_code AS activity, count(DISTINCT m.id)::int AS members
       FROM member m JOIN programme_item i ON i.member_id = m.id AND i.origin = 'programme'
       WHERE m.status = 'active' AND m.first_unemployment_day <= $1::date + 6
         AND (i.status IN ('done', 'missed', 'waived')
              OR (i.status = 'booked' AND i.id IN (SELECT b.programme_item_id FROM booking b WHERE b.status <> 'cancelled'
                                                    AND lower(b.during) < ($2::date)::timestamp AT TIME ZONE $3)))
       GROUP BY 1, 2, 3, 4`,
      [monday, planStart, COPENHAGEN],
    );
  }

  /** Read only (booking's tables): red-smiley summonses created in [from, to) per member's home office. */
  summonsesByOffice(from: Date, to: Date): Promise<{ officeId: string; summonses: number }[]> {
    return this.db.query(
      `SELECT m.home_office_id AS "officeId", count(*)::int AS summonses
       FROM programme_item i JOIN member m ON m.id = i.member_id
       WHERE i.origin = 'smiley' AND i.activity_code = 'summons' AND i.created_at >= $1 AND i.created_at < $2
       GROUP BY 1`,
      [from, to],
    );
  }

  /** Read only (booking's table): meetings of the given activities booked (not cancelled) for [from, to), fund-wide. */
  bookedMeetings(
    activities: readonly string[],
    from: Date,
    to: Date,
  ): Promise<{ activity: string; meetings: number }[]> {
    return this.db.query(
      `SELECT activity_code AS activity, count(*)::int AS meetings FROM booking
       WHERE activity_code = ANY($1::text[]) AND status <> 'cancelled' AND lower(during) >= $2 AND lower(during) < $3
       GROUP BY 1`,
      [activities, from, to],
    );
  }

  /** Read only (booking's table). */
  listActivities(): Promise<(DemandActivity & { countsAsJobMeeting: boolean; nameDa: string })[]> {
    return this.db.query(`
      SELECT code, kind, default_duration_minutes AS "defaultDurationMinutes", min_group_size AS "minGroupSize",
             max_group_size AS "maxGroupSize", leader_roles AS "leaderRoles", leader_skill AS "leaderSkill",
             counts_as_job_meeting AS "countsAsJobMeeting", name_da AS "nameDa"
      FROM activity_type ORDER BY code`);
  }

  /** Read only (booking's tables): the newest template version per target group in force on `date`. */
  listTemplateItems(date: string): Promise<(DemandTemplateItem & { targetGroup: TargetGroup })[]> {
    return this.db.query(
      `SELECT t.target_group AS "targetGroup", i.activity_code AS "activityCode", i.required, i.from_week AS "fromWeek",
              i.to_week AS "toWeek", i.condition
       FROM (SELECT DISTINCT ON (target_group) id, target_group FROM programme_template
             WHERE valid_from <= $1 ORDER BY target_group, version DESC) t
       JOIN programme_template_item i ON i.template_id = t.id
       ORDER BY t.target_group, i.position`,
      [date],
    );
  }

  listPlanningStaff(): Promise<PlanningStaffRow[]> {
    return this.db.query(`
      SELECT id, name, role, skills, weekly_hours::float8 AS "weeklyHours", office_id AS "officeId"
      FROM staff WHERE active AND role IN ('adviser', 'job-consultant', 'pre-unemployment') ORDER BY employee_number`);
  }

  /** Absences overlapping [from, to), as half-open date ranges. */
  listAbsences(from: string, to: string): Promise<{ staffId: string; from: string; to: string }[]> {
    return this.db.query(
      `SELECT staff_id AS "staffId", lower(period)::text AS "from", upper(period)::text AS "to"
       FROM staff_absence WHERE period && daterange($1, $2)`,
      [from, to],
    );
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
    const week = (column: string) => `to_char(lower(${column}) AT TIME ZONE $3, 'IYYY-"W"IW')`;
    const inWindow = (column: string) =>
      `lower(${column}) >= ($1::date)::timestamp AT TIME ZONE $3 AND lower(${column}) < ($2::date)::timestamp AT TIME ZONE $3`;
    const hours = (column: string) => `extract(epoch FROM upper(${column}) - lower(${column})) / 3600`;
    const params = [fromMonday, toMonday, COPENHAGEN];
    const [planned, slots, slotBookings, sessions] = await Promise.all([
      this.db.query(
        `SELECT a.office_id AS "officeId", to_char(a.week_start, 'IYYY-"W"IW') AS week, a.activity_code AS activity, sum(a.hours)::float8 AS hours
         FROM capacity_allocation_assignment a JOIN capacity_allocation c ON c.id = a.allocation_id
         WHERE c.accepted_at IS NOT NULL AND c.superseded_at IS NULL AND a.week_start >= $1::date AND a.week_start < $2::date
         GROUP BY 1, 2, 3`,
        [fromMonday, toMonday],
      ),
      this.db.query(
        `SELECT s.office_id AS "officeId", ${week('s.during')} AS week, s.activity_codes AS "activityCodes", st.role, sum(${hours('s.during')})::float8 AS hours
         FROM slot s JOIN staff st ON st.id = s.staff_id
         WHERE s.status = 'open' AND ${inWindow('s.during')}
         GROUP BY 1, 2, 3, 4`,
        params,
      ),
      this.db.query(
        `SELECT b.office_id AS "officeId", ${week('b.during')} AS week, b.activity_code AS activity, sum(${hours('b.during')})::float8 AS hours
         FROM booking b
         WHERE b.slot_id IS NOT NULL AND b.status IN ('booked', 'attended', 'no-show') AND ${inWindow('b.during')}
         GROUP BY 1, 2, 3`,
        params,
      ),
      this.db.query(
        `SELECT s.office_id AS "officeId", ${week('s.during')} AS week, s.activity_code AS activity, s.booked,
                (${hours('s.during')} * greatest(1, (SELECT count(*) FROM session_leader l WHERE l.session_id = s.id)))::float8 AS hours
         FROM session s
         WHERE s.status = 'scheduled' AND ${inWindow('s.during')}`,
        params,
      ),
    ]);
    return { planned, slots, slotBookings, sessions };
  }

  /**
   * Per office and ISO week in [fromMonday, toMonday): hours of open slots nobody has booked whose staff can lead a
   * group activity (its leader role, and its skill when it names one): time the optimiser may turn into sessions by
   * withdrawing the slots.
   */
  groupConvertibleSlotHours(
    fromMonday: string,
    toMonday: string,
  ): Promise<{ officeId: string; week: string; hours: number }[]> {
    return this.db.query(
      `SELECT s.office_id AS "officeId", to_char(lower(s.during) AT TIME ZONE $3, 'IYYY-"W"IW') AS week,
              sum(extract(epoch FROM upper(s.during) - lower(s.during)) / 3600)::float8 AS hours
       FROM slot s JOIN staff st ON st.id = s.staff_id
       WHERE s.status = 'open' AND st.active
         AND lower(s.during) >= ($1::date)::timestamp AT TIME ZONE $3 AND lower(s.during) < ($2::date)::timestamp AT TIME ZONE $3
         AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')
         AND EXISTS (SELECT 1 FROM activity_type a WHERE a.kind = 'group' AND st.role = ANY(a.leader_roles) AND (a.leader_skill IS NULL OR a.leader_skill = ANY(st.skills)))
       GROUP BY 1, 2`,
      [fromMonday, toMonday, COPENHAGEN],
    );
  }

  listClosureDays(from: string, to: string): Promise<{ officeId: string; day: string }[]> {
    return this.db.query(
      `SELECT office_id AS "officeId", day::text AS day FROM closure_day WHERE day >= $1 AND day < $2`,
      [from, to],
    );
  }
}
