import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

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

  listGroupActivities(codes: string[] | null): Promise<GroupActivityRow[]> {
    return this.db.query(
      `SELECT code, default_duration_minutes AS "durationMinutes", min_group_size AS "minSize", max_group_size AS "maxSize",
              leader_roles AS "leaderRoles", leader_skill AS "leaderSkill"
       FROM activity_type WHERE kind = 'group' AND ($1::text[] IS NULL OR code = ANY($1)) ORDER BY code`,
      [codes],
    );
  }

  listUnknownActivityCodes(codes: string[]): Promise<{ code: string }[]> {
    return this.db.query(
      `SELECT c AS code FROM unnest($1::text[]) AS c WHERE NOT EXISTS (SELECT 1 FROM activity_type a WHERE a.code = c AND a.kind = 'group') ORDER BY c`,
      [codes],
    );
  }

  listUnknownDepartments(ids: string[]): Promise<{ id: string }[]> {
    return this.db.query(
      `SELECT d AS id FROM unnest($1::uuid[]) AS d WHERE NOT EXISTS (SELECT 1 FROM department x WHERE x.id = d) ORDER BY d`,
      [ids],
    );
  }

  /** Offices in scope, plus the head office (the job team's base for working hours). */
  listOffices(departmentIds: string[] | null): Promise<OfficeRow[]> {
    return this.db.query(
      `SELECT id, department_id AS "departmentId", lat, lon, island, is_head_office AS "isHeadOffice", active
       FROM office WHERE $1::uuid[] IS NULL OR department_id = ANY($1) OR is_head_office ORDER BY code`,
      [departmentIds],
    );
  }

  listOpeningHours(): Promise<OpeningHoursRow[]> {
    return this.db.query(
      `SELECT office_id AS "officeId", weekday, to_char(opens, 'HH24:MI') AS opens, to_char(closes, 'HH24:MI') AS closes FROM office_opening_hours`,
    );
  }

  listClosureDays(fromDate: string, toDate: string): Promise<{ officeId: string; day: string }[]> {
    return this.db.query(
      `SELECT office_id AS "officeId", day::text AS day FROM closure_day WHERE day BETWEEN $1 AND $2`,
      [fromDate, toDate],
    );
  }

  listRooms(officeIds: string[]): Promise<{ id: string; officeId: string; seats: number }[]> {
    return this.db.query(
      `SELECT id, office_id AS "officeId", seats FROM room WHERE office_id = ANY($1::uuid[]) ORDER BY office_id, name`,
      [officeIds],
    );
  }

  /** Every scheduled session in the horizon at these offices, of any activity: they all occupy rooms. */
  listScheduledSessions(officeIds: string[], from: Date, to: Date): Promise<ScheduledSessionRow[]> {
    return this.db.query(
      `SELECT s.id, s.office_id AS "officeId", s.room_id AS "roomId", s.activity_code AS "activityCode", lower(s.during) AS start,
              upper(s.during) AS "end", s.capacity, s.booked,
              COALESCE((SELECT array_agg(l.staff_id ORDER BY l.staff_id) FROM session_leader l WHERE l.session_id = s.id), '{}') AS "leaderIds"
       FROM session s WHERE s.status = 'scheduled' AND s.office_id = ANY($1::uuid[]) AND s.during && tstzrange($2, $3, '[)')
       ORDER BY s.id`,
      [officeIds, from, to],
    );
  }

  /** Open group items of active members whose home office is in scope and whose window overlaps the horizon. */
  listOpenItems(activityCodes: string[], departmentIds: string[] | null, from: Date, to: Date): Promise<OpenItemRow[]> {
    return this.db.query(
      `SELECT i.id, i.member_id AS "memberId", i.activity_code AS "activityCode", i.window_start AS "windowStart", i.window_end AS "windowEnd"
       FROM programme_item i JOIN member m ON m.id = i.member_id JOIN office o ON o.id = m.home_office_id
       WHERE i.status = 'open' AND m.status = 'active' AND i.activity_code = ANY($1::text[])
         AND i.window_start < $4 AND i.window_end > $3 AND ($2::uuid[] IS NULL OR o.department_id = ANY($2))
       ORDER BY i.id`,
      [activityCodes, departmentIds, from, to],
    );
  }

  /** The member's municipality centre, else their home office. */
  listMemberHomes(memberIds: string[]): Promise<MemberHomeRow[]> {
    return this.db.query(
      `SELECT m.id, COALESCE(mu.lat, o.lat) AS lat, COALESCE(mu.lon, o.lon) AS lon, CASE WHEN mu.code IS NULL THEN o.island ELSE mu.island END AS island
       FROM member m JOIN office o ON o.id = m.home_office_id LEFT JOIN municipality mu ON mu.code = m.municipality_code
       WHERE m.id = ANY($1::uuid[]) ORDER BY m.id`,
      [memberIds],
    );
  }

  listMemberBookings(memberIds: string[], from: Date, to: Date): Promise<TimedRow[]> {
    return this.db.query(
      `SELECT member_id AS "ownerId", lower(during) AS start, upper(during) AS "end" FROM booking
       WHERE status = 'booked' AND member_id = ANY($1::uuid[]) AND during && tstzrange($2, $3, '[)') ORDER BY member_id, lower(during)`,
      [memberIds, from, to],
    );
  }

  listLeaders(): Promise<LeaderRow[]> {
    return this.db.query(
      `SELECT s.id, s.role, s.skills, s.office_id AS "officeId", COALESCE(s.department_id, o.department_id) AS "departmentId", t.code AS "teamCode"
       FROM staff s LEFT JOIN office o ON o.id = s.office_id LEFT JOIN team t ON t.id = s.team_id
       WHERE s.active AND s.role IN ('adviser', 'job-consultant') ORDER BY s.id`,
    );
  }

  listStaffCommitments(staffIds: string[], from: Date, to: Date): Promise<CommitmentRow[]> {
    return this.db.query(
      `SELECT staff_id AS "ownerId", lower(during) AS start, upper(during) AS "end", slot_id AS "slotId" FROM staff_commitment
       WHERE staff_id = ANY($1::uuid[]) AND during && tstzrange($2, $3, '[)')`,
      [staffIds, from, to],
    );
  }

  /** Open slots of these staff in [notBefore, to) that nobody has booked (a cancelled booking leaves a slot unbooked). */
  listWithdrawableSlots(staffIds: string[], notBefore: Date, to: Date): Promise<WithdrawableSlotRow[]> {
    return this.db.query(
      `SELECT s.id, s.staff_id AS "staffId", lower(s.during) AS start, upper(s.during) AS "end" FROM slot s
       WHERE s.status = 'open' AND s.staff_id = ANY($1::uuid[]) AND s.during && tstzrange($2, $3, '[)') AND lower(s.during) >= $2
         AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')
       ORDER BY s.id`,
      [staffIds, notBefore, to],
    );
  }

  listAbsences(staffIds: string[], fromDate: string, toDate: string): Promise<AbsenceRow[]> {
    return this.db.query(
      `SELECT staff_id AS "staffId", lower(period)::text AS "firstDay", upper(period)::text AS "lastDayExclusive" FROM staff_absence
       WHERE staff_id = ANY($1::uuid[]) AND period && daterange($2::date, $3::date, '[]')`,
      [staffIds, fromDate, toDate],
    );
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
    const [{ present }] = (await this.db.query(
      `SELECT to_regclass('capacity_allocation') IS NOT NULL AND to_regclass('capacity_allocation_assignment') IS NOT NULL AS present`,
    )) as { present: boolean }[];
    if (!present) return undefined;
    const allocations: { id: string; firstDay: string; lastDayExclusive: string }[] = await this.db.query(
      `SELECT id, lower(period)::text AS "firstDay", upper(period)::text AS "lastDayExclusive" FROM capacity_allocation
       WHERE accepted_at IS NOT NULL AND superseded_at IS NULL AND period && daterange($1::date, $2::date, '[]') ORDER BY lower(period)`,
      [fromDate, toDate],
    );
    if (allocations.length === 0) return { allocations, assignments: [] };
    const assignments: AllocationAssignmentRow[] = await this.db.query(
      `SELECT allocation_id AS "allocationId", staff_id AS "staffId", week_start::text AS "weekStart", activity_code AS "activityCode"
       FROM capacity_allocation_assignment WHERE allocation_id = ANY($1::uuid[])`,
      [allocations.map((a) => a.id)],
    );
    return { allocations, assignments };
  }
}
