import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryOne, type Queryable } from '../../common/database/queryable.js';

export interface SlotRow {
  id: string;
  officeId: string;
  departmentId: string;
  staffId: string;
  activityCodes: string[];
  channel: 'in-person' | 'phone' | 'video';
  start: Date;
  end: Date;
  status: 'open' | 'cancelled';
}

export interface SessionRow {
  id: string;
  officeId: string;
  departmentId: string;
  roomId: string;
  roomName: string;
  activityCode: string;
  activityName: string;
  start: Date;
  end: Date;
  capacity: number;
  minParticipants: number;
  booked: number;
  cutoffAt: Date;
  status: 'scheduled' | 'cancelled';
  origin: string;
  leaderIds: string[];
}

const SLOT_COLUMNS = `
  s.id, s.office_id AS "officeId", o.department_id AS "departmentId", s.staff_id AS "staffId", s.activity_codes AS "activityCodes",
  s.channel, lower(s.during) AS start, upper(s.during) AS "end", s.status`;

const SESSION_COLUMNS = `
  s.id, s.office_id AS "officeId", o.department_id AS "departmentId", s.room_id AS "roomId", r.name AS "roomName",
  s.activity_code AS "activityCode", a.name_da AS "activityName", lower(s.during) AS start, upper(s.during) AS "end",
  s.capacity, s.min_participants AS "minParticipants", s.booked, s.cutoff_at AS "cutoffAt", s.status, s.origin,
  COALESCE((SELECT array_agg(l.staff_id ORDER BY l.staff_id) FROM session_leader l WHERE l.session_id = s.id), '{}') AS "leaderIds"`;

const SESSION_FROM = `session s JOIN office o ON o.id = s.office_id JOIN room r ON r.id = s.room_id JOIN activity_type a ON a.code = s.activity_code`;

export interface StaffBusyInterval {
  start: Date;
  end: Date;
}

@Injectable()
export class SlotsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  findSlot(id: string, db: Queryable = this.dataSource): Promise<SlotRow | undefined> {
    return queryOne(db, `SELECT ${SLOT_COLUMNS} FROM slot s JOIN office o ON o.id = s.office_id WHERE s.id = $1`, [id]);
  }

  lockSlot(id: string, db: Queryable): Promise<SlotRow | undefined> {
    return queryOne(db, `SELECT ${SLOT_COLUMNS} FROM slot s JOIN office o ON o.id = s.office_id WHERE s.id = $1 FOR UPDATE OF s`, [id]);
  }

  findSession(id: string, db: Queryable = this.dataSource): Promise<SessionRow | undefined> {
    return queryOne(db, `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE s.id = $1`, [id]);
  }

  lockSession(id: string, db: Queryable): Promise<SessionRow | undefined> {
    return queryOne(db, `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE s.id = $1 FOR UPDATE OF s`, [id]);
  }

  /** Takes the rows of these sessions in id order, as a cancel does before it locks their bookings. */
  async lockSessionRows(ids: (string | null | undefined)[], db: Queryable): Promise<void> {
    const sessionIds = [...new Set(ids.filter((id): id is string => Boolean(id)))].sort();
    if (sessionIds.length === 0) return;
    await db.query(`SELECT id FROM session WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [sessionIds]);
  }

  async insertSlots(
    slots: { officeId: string; staffId: string; activityCodes: string[]; channel: string; start: Date; end: Date }[],
    db: Queryable,
  ): Promise<string[]> {
    if (slots.length === 0) return [];
    const rows: { id: string }[] = await db.query(
      `INSERT INTO slot (office_id, staff_id, activity_codes, channel, during)
       SELECT r.office_id, r.staff_id, r.activity_codes, r.channel, tstzrange(r.start_at, r.end_at, '[)')
       FROM jsonb_to_recordset($1::jsonb) AS r(office_id uuid, staff_id uuid, activity_codes text[], channel text, start_at timestamptz, end_at timestamptz)
       RETURNING id`,
      [JSON.stringify(slots.map((s) => ({ office_id: s.officeId, staff_id: s.staffId, activity_codes: s.activityCodes, channel: s.channel, start_at: s.start, end_at: s.end })))],
    );
    return rows.map((row) => row.id);
  }

  cancelSlot(id: string, db: Queryable): Promise<unknown> {
    return db.query(`UPDATE slot SET status = 'cancelled', updated_at = now() WHERE id = $1`, [id]);
  }

  async insertSession(
    session: { officeId: string; roomId: string; activityCode: string; start: Date; end: Date; capacity: number; minParticipants: number; cutoffAt: Date; origin: 'manual' | 'optimiser' },
    leaderIds: string[],
    db: Queryable,
  ): Promise<string> {
    const row = await queryOne<{ id: string }>(
      db,
      `INSERT INTO session (office_id, room_id, activity_code, during, capacity, min_participants, cutoff_at, origin)
       VALUES ($1, $2, $3, tstzrange($4, $5, '[)'), $6, $7, $8, $9) RETURNING id`,
      [session.officeId, session.roomId, session.activityCode, session.start, session.end, session.capacity, session.minParticipants, session.cutoffAt, session.origin],
    );
    await db.query(`INSERT INTO session_leader (session_id, staff_id) SELECT $1, unnest($2::uuid[])`, [row!.id, leaderIds]);
    return row!.id;
  }

  cancelSession(id: string, db: Queryable): Promise<unknown> {
    return db.query(`UPDATE session SET status = 'cancelled', updated_at = now() WHERE id = $1`, [id]);
  }

  /** Takes a seat only if one is free: the row lock serialises concurrent bookers of one session. */
  async reserveSeat(sessionId: string, db: Queryable): Promise<boolean> {
    // Wrapped in a CTE because TypeORM returns [rows, count] for a bare UPDATE.
    const rows: unknown[] = await db.query(
      `WITH taken AS (
         UPDATE session SET booked = booked + 1, updated_at = now() WHERE id = $1 AND status = 'scheduled' AND booked < capacity RETURNING id
       ) SELECT id FROM taken`,
      [sessionId],
    );
    return rows.length === 1;
  }

  releaseSeat(sessionId: string, db: Queryable): Promise<unknown> {
    return db.query(`UPDATE session SET booked = booked - 1, updated_at = now() WHERE id = $1 AND booked > 0`, [sessionId]);
  }

  listOfficeSlots(officeId: string, from: Date, to: Date): Promise<(SlotRow & { bookingId: string | null; memberId: string | null; bookingStatus: string | null; staffName: string })[]> {
    return this.dataSource.query(
      `SELECT ${SLOT_COLUMNS}, st.name AS "staffName", b.id AS "bookingId", b.member_id AS "memberId", b.status AS "bookingStatus"
       FROM slot s JOIN office o ON o.id = s.office_id JOIN staff st ON st.id = s.staff_id
       LEFT JOIN booking b ON b.slot_id = s.id AND b.status <> 'cancelled'
       WHERE s.office_id = $1 AND s.during && tstzrange($2, $3, '[)')
       ORDER BY lower(s.during), st.name`,
      [officeId, from, to],
    );
  }

  listOfficeSessions(officeId: string, from: Date, to: Date): Promise<SessionRow[]> {
    return this.dataSource.query(
      `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE s.office_id = $1 AND s.during && tstzrange($2, $3, '[)') ORDER BY lower(s.during)`,
      [officeId, from, to],
    );
  }

  listSessionParticipants(sessionId: string, db: Queryable = this.dataSource): Promise<{ bookingId: string; memberId: string; memberNumber: string; status: string }[]> {
    return db.query(
      `SELECT b.id AS "bookingId", b.member_id AS "memberId", m.member_number AS "memberNumber", b.status
       FROM booking b JOIN member m ON m.id = b.member_id WHERE b.session_id = $1 AND b.status <> 'cancelled' ORDER BY b.created_at`,
      [sessionId],
    );
  }

  /** Every live commitment of a staff member that overlaps [from, to): slots and sessions alike. */
  listStaffCommitments(staffId: string, from: Date, to: Date): Promise<StaffBusyInterval[]> {
    return this.dataSource.query(
      `SELECT lower(during) AS start, upper(during) AS "end" FROM staff_commitment WHERE staff_id = $1 AND during && tstzrange($2, $3, '[)')`,
      [staffId, from, to],
    );
  }

  listStaffAbsenceDays(staffId: string, fromDate: string, toDate: string): Promise<{ day: string }[]> {
    return this.dataSource.query(
      `SELECT d::date::text AS day FROM staff_absence a, generate_series($2::date, $3::date, interval '1 day') AS d
       WHERE a.staff_id = $1 AND a.period @> d::date`,
      [staffId, fromDate, toDate],
    );
  }

  listClosureDays(officeId: string, fromDate: string, toDate: string): Promise<{ day: string }[]> {
    return this.dataSource.query(`SELECT day::text AS day FROM closure_day WHERE office_id = $1 AND day BETWEEN $2 AND $3`, [officeId, fromDate, toDate]);
  }

  listOpeningHours(officeId: string): Promise<{ weekday: number; opens: string; closes: string }[]> {
    return this.dataSource.query(
      `SELECT weekday, to_char(opens, 'HH24:MI') AS opens, to_char(closes, 'HH24:MI') AS closes FROM office_opening_hours WHERE office_id = $1`,
      [officeId],
    );
  }

  findRoom(roomId: string): Promise<{ id: string; officeId: string; seats: number } | undefined> {
    return queryOne(this.dataSource, `SELECT id, office_id AS "officeId", seats FROM room WHERE id = $1`, [roomId]);
  }

  listActivities(): Promise<{ code: string; nameDa: string; kind: string; defaultDurationMinutes: number; minGroupSize: number | null; maxGroupSize: number | null; leaderRoles: string[]; leaderSkill: string | null; channels: string[] }[]> {
    return this.dataSource.query(
      `SELECT code, name_da AS "nameDa", kind, default_duration_minutes AS "defaultDurationMinutes", min_group_size AS "minGroupSize",
              max_group_size AS "maxGroupSize", leader_roles AS "leaderRoles", leader_skill AS "leaderSkill", channels
       FROM activity_type ORDER BY code`,
    );
  }
}
