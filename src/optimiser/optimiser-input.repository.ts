import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { kysely } from '../common/database/kysely.js';
import { anyOf, tstzrange } from '../common/database/sql-fragments.js';

export interface GroupActivityRow {
  code: string;
  durationMinutes: number;
  minSize: number;
  maxSize: number;
  leaderRoles: string[];
  leaderSkill: string | null;
}

export interface OfficeRow {
  id: string;
  departmentId: string;
  lat: number;
  lon: number;
  island: string | null;
  isHeadOffice: boolean;
  /** false: deactivated (no new sessions there). */
  active: boolean;
}

export interface OpeningHoursRow {
  officeId: string;
  weekday: number;
  opens: string;
  closes: string;
}

export interface ScheduledSessionRow {
  id: string;
  officeId: string;
  roomId: string;
  activityCode: string;
  start: Date;
  end: Date;
  capacity: number;
  booked: number;
  leaderIds: string[];
}

export interface OpenItemRow {
  id: string;
  memberId: string;
  activityCode: string;
  windowStart: Date;
  windowEnd: Date;
}

export interface MemberHomeRow {
  id: string;
  lat: number;
  lon: number;
  island: string | null;
}

export interface LeaderRow {
  id: string;
  role: 'adviser' | 'job-consultant';
  skills: string[];
  officeId: string | null;
  departmentId: string | null;
  teamCode: string | null;
}

export interface TimedRow {
  ownerId: string;
  start: Date;
  end: Date;
}

/** A staff commitment; `slotId` when it is a published slot's. */
export interface CommitmentRow extends TimedRow {
  slotId?: string | null;
}

export interface WithdrawableSlotRow {
  id: string;
  staffId: string;
  start: Date;
  end: Date;
}

export interface AbsenceRow {
  staffId: string;
  firstDay: string;
  lastDayExclusive: string;
}

export interface AllocationAssignmentRow {
  allocationId: string;
  staffId: string;
  weekStart: string;
  activityCode: string;
}

/**
 * Read-only SQL over the locations and booking tables, for one optimiser run's input. It reads the
 * booking module's tables directly (rather than through its services) because the optimiser needs
 * every open item, booking and session of a whole planning scope at once, in a few set-based queries;
 * it never writes them — applying a proposal goes through the booking module's SessionPlacementService.
 */
@Injectable()
export class OptimiserInputRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async listGroupActivities(codes: string[] | null): Promise<GroupActivityRow[]> {
    const { rows } = await sql<GroupActivityRow>`
      SELECT code, default_duration_minutes AS duration_minutes, min_group_size AS min_size, max_group_size AS max_size,
             leader_roles, leader_skill
      FROM activity_type WHERE kind = 'group' AND (${codes}::text[] IS NULL OR code = ANY(${codes}::text[])) ORDER BY code`.execute(
      kysely(this.db),
    );
    return rows;
  }

  async listUnknownActivityCodes(codes: string[]): Promise<{ code: string }[]> {
    const { rows } = await sql<{ code: string }>`
      SELECT c AS code FROM unnest(${codes}::text[]) AS c
      WHERE NOT EXISTS (SELECT 1 FROM activity_type a WHERE a.code = c AND a.kind = 'group') ORDER BY c`.execute(
      kysely(this.db),
    );
    return rows;
  }

  async listUnknownDepartments(ids: string[]): Promise<{ id: string }[]> {
    const { rows } = await sql<{ id: string }>`
      SELECT d AS id FROM unnest(${ids}::uuid[]) AS d
      WHERE NOT EXISTS (SELECT 1 FROM department x WHERE x.id = d) ORDER BY d`.execute(kysely(this.db));
    return rows;
  }

  /** Offices in scope, plus the head office (the job team's base for working hours). */
  async listOffices(departmentIds: string[] | null): Promise<OfficeRow[]> {
    const { rows } = await sql<OfficeRow>`
      SELECT id, department_id, lat, lon, island, is_head_office, active
      FROM office WHERE ${departmentIds}::uuid[] IS NULL OR department_id = ANY(${departmentIds}::uuid[]) OR is_head_office
      ORDER BY code`.execute(kysely(this.db));
    return rows;
  }

  listOpeningHours(): Promise<OpeningHoursRow[]> {
    return kysely(this.db)
      .selectFrom('officeOpeningHours')
      .select([
        'officeId',
        'weekday',
        sql<string>`to_char(opens, 'HH24:MI')`.as('opens'),
        sql<string>`to_char(closes, 'HH24:MI')`.as('closes'),
      ])
      .execute();
  }

  listClosureDays(fromDate: string, toDate: string): Promise<{ officeId: string; day: string }[]> {
    return kysely(this.db)
      .selectFrom('closureDay')
      .select(['officeId', sql<string>`day::text`.as('day')])
      .where(sql<boolean>`day BETWEEN ${fromDate} AND ${toDate}`)
      .execute();
  }

  listRooms(officeIds: string[]): Promise<{ id: string; officeId: string; seats: number }[]> {
    return kysely(this.db)
      .selectFrom('room')
      .select(['id', 'officeId', 'seats'])
      .where('officeId', '=', anyOf(officeIds, 'uuid'))
      .orderBy('officeId')
      .orderBy('name')
      .execute();
  }

  /** Every scheduled session in the horizon at these offices, of any activity: they all occupy rooms. */
  async listScheduledSessions(officeIds: string[], from: Date, to: Date): Promise<ScheduledSessionRow[]> {
    const { rows } = await sql<ScheduledSessionRow>`
      SELECT s.id, s.office_id, s.room_id, s.activity_code, lower(s.during) AS start, upper(s.during) AS "end", s.capacity, s.booked,
             COALESCE((SELECT array_agg(l.staff_id ORDER BY l.staff_id) FROM session_leader l WHERE l.session_id = s.id), '{}') AS leader_ids
      FROM session s
      WHERE s.status = 'scheduled' AND s.office_id = ANY(${officeIds}::uuid[]) AND s.during && ${tstzrange(from, to)}
      ORDER BY s.id`.execute(kysely(this.db));
    return rows;
  }

  /** Open group items of active members whose home office is in scope and whose window overlaps the horizon. */
  async listOpenItems(
    activityCodes: string[],
    departmentIds: string[] | null,
    from: Date,
    to: Date,
  ): Promise<OpenItemRow[]> {
    const { rows } = await sql<OpenItemRow>`
      SELECT i.id, i.member_id, i.activity_code, i.window_start, i.window_end
      FROM programme_item i JOIN member m ON m.id = i.member_id JOIN office o ON o.id = m.home_office_id
      WHERE i.status = 'open' AND m.status = 'active' AND i.activity_code = ANY(${activityCodes}::text[])
        AND i.window_start < ${to} AND i.window_end > ${from}
        AND (${departmentIds}::uuid[] IS NULL OR o.department_id = ANY(${departmentIds}::uuid[]))
      ORDER BY i.id`.execute(kysely(this.db));
    return rows;
  }

  /** The member's municipality centre, else their home office. */
  async listMemberHomes(memberIds: string[]): Promise<MemberHomeRow[]> {
    const { rows } = await sql<MemberHomeRow>`
      SELECT m.id, COALESCE(mu.lat, o.lat) AS lat, COALESCE(mu.lon, o.lon) AS lon,
             CASE WHEN mu.code IS NULL THEN o.island ELSE mu.island END AS island
      FROM member m JOIN office o ON o.id = m.home_office_id LEFT JOIN municipality mu ON mu.code = m.municipality_code
      WHERE m.id = ANY(${memberIds}::uuid[]) ORDER BY m.id`.execute(kysely(this.db));
    return rows;
  }

  async listMemberBookings(memberIds: string[], from: Date, to: Date): Promise<TimedRow[]> {
    const { rows } = await sql<TimedRow>`
      SELECT member_id AS owner_id, lower(during) AS start, upper(during) AS "end" FROM booking
      WHERE status = 'booked' AND member_id = ANY(${memberIds}::uuid[]) AND during && ${tstzrange(from, to)}
      ORDER BY member_id, lower(during)`.execute(kysely(this.db));
    return rows;
  }

  async listLeaders(): Promise<LeaderRow[]> {
    const { rows } = await sql<LeaderRow>`
      SELECT s.id, s.role, s.skills, s.office_id, COALESCE(s.department_id, o.department_id) AS department_id, t.code AS team_code
      FROM staff s LEFT JOIN office o ON o.id = s.office_id LEFT JOIN team t ON t.id = s.team_id
      WHERE s.active AND s.role IN ('adviser', 'job-consultant') ORDER BY s.id`.execute(kysely(this.db));
    return rows;
  }

  async listStaffCommitments(staffIds: string[], from: Date, to: Date): Promise<CommitmentRow[]> {
    const { rows } = await sql<CommitmentRow>`
      SELECT staff_id AS owner_id, lower(during) AS start, upper(during) AS "end", slot_id FROM staff_commitment
      WHERE staff_id = ANY(${staffIds}::uuid[]) AND during && ${tstzrange(from, to)}`.execute(kysely(this.db));
    return rows;
  }

  /** Open slots of these staff in [notBefore, to) that nobody has booked (a cancelled booking leaves a slot unbooked). */
  async listWithdrawableSlots(staffIds: string[], notBefore: Date, to: Date): Promise<WithdrawableSlotRow[]> {
    const { rows } = await sql<WithdrawableSlotRow>`
      SELECT s.id, s.staff_id, lower(s.during) AS start, upper(s.during) AS "end" FROM slot s
      WHERE s.status = 'open' AND s.staff_id = ANY(${staffIds}::uuid[]) AND s.during && ${tstzrange(notBefore, to)}
        AND lower(s.during) >= ${notBefore}
        AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')
      ORDER BY s.id`.execute(kysely(this.db));
    return rows;
  }

  async listAbsences(staffIds: string[], fromDate: string, toDate: string): Promise<AbsenceRow[]> {
    const { rows } = await sql<AbsenceRow>`
      SELECT staff_id, lower(period)::text AS first_day, upper(period)::text AS last_day_exclusive FROM staff_absence
      WHERE staff_id = ANY(${staffIds}::uuid[]) AND period && daterange(${fromDate}::date, ${toDate}::date, '[]')`.execute(
      kysely(this.db),
    );
    return rows;
  }

  /**
   * The accepted capacity allocation's assignments in the period, when the allocation tables exist
   * (they belong to the capacity-planning feature, which may not be installed); undefined otherwise.
   */
  async listAcceptedAllocation(
    fromDate: string,
    toDate: string,
  ): Promise<
    | {
        allocations: { id: string; firstDay: string; lastDayExclusive: string }[];
        assignments: AllocationAssignmentRow[];
      }
    | undefined
  > {
    const k = kysely(this.db);
    const {
      rows: [{ present }],
    } = await sql<{ present: boolean }>`
      SELECT to_regclass('capacity_allocation') IS NOT NULL AND to_regclass('capacity_allocation_assignment') IS NOT NULL AS present`.execute(
      k,
    );
    if (!present) return undefined;
    const { rows: allocations } = await sql<{ id: string; firstDay: string; lastDayExclusive: string }>`
      SELECT id, lower(period)::text AS first_day, upper(period)::text AS last_day_exclusive FROM capacity_allocation
      WHERE accepted_at IS NOT NULL AND superseded_at IS NULL AND period && daterange(${fromDate}::date, ${toDate}::date, '[]')
      ORDER BY lower(period)`.execute(k);
    if (allocations.length === 0) return { allocations, assignments: [] };
    const { rows: assignments } = await sql<AllocationAssignmentRow>`
      SELECT allocation_id, staff_id, week_start::text AS week_start, activity_code
      FROM capacity_allocation_assignment WHERE allocation_id = ANY(${allocations.map((a) => a.id)}::uuid[])`.execute(
      k,
    );
    return { allocations, assignments };
  }
}
