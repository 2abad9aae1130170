import type { DataSource } from 'typeorm';

/**
 * Rows for race and stress tests, written straight to the tables: each test gets staff and rooms of its
 * own with empty calendars, and members with one open item whose window is wide, so slots and sessions
 * can sit at any future time without meeting the demo schedule. The races themselves go over HTTP.
 * cleanup() removes the staff and rooms again (with their slots, sessions and bookings), so later test
 * files still find the demo organisation as it was (they count its staff and pick its rooms).
 */

let counter = 0;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${++counter}`;

export interface RaceMember {
  memberId: string;
  itemId: string;
}

/** A whole hour `days` from now, so consecutive appointments from it never straddle odd minutes. */
export function hoursFromNow(days: number): Date {
  const start = new Date(Date.now() + days * 86_400_000);
  start.setUTCMinutes(0, 0, 0);
  return start;
}

export class RaceFactories {
  private readonly staffIds: string[] = [];
  private readonly roomIds: string[] = [];

  constructor(private readonly db: DataSource) {}

  async cleanup(): Promise<void> {
    const sessions = `SELECT id FROM session WHERE room_id = ANY($2::uuid[]) UNION SELECT session_id FROM session_leader WHERE staff_id = ANY($1::uuid[])`;
    const params = [this.staffIds, this.roomIds];
    await this.db.query(`DELETE FROM waitlist_entry WHERE session_id IN (${sessions})`, params);
    await this.db.query(
      `DELETE FROM booking WHERE session_id IN (${sessions}) OR slot_id IN (SELECT id FROM slot WHERE staff_id = ANY($1::uuid[]))`,
      params,
    );
    await this.db.query(`DELETE FROM session WHERE id IN (${sessions})`, params);
    await this.db.query(`DELETE FROM slot WHERE staff_id = ANY($1::uuid[])`, [this.staffIds]);
    await this.db.query(`DELETE FROM room WHERE id = ANY($1::uuid[])`, [this.roomIds]);
    await this.db.query(`DELETE FROM staff WHERE id = ANY($1::uuid[])`, [this.staffIds]);
  }

  /** A staff member of the office (job consultants in the job team) with no appointments yet. */
  async staff(officeId: string, role: 'adviser' | 'job-consultant', skills: string[]): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO staff (employee_number, name, email, role, office_id, department_id, team_id, skills, weekly_hours)
       SELECT $1, 'Testmedarbejder ' || $1, $1 || '@akasse.example', $2, o.id,
              CASE WHEN $2 = 'adviser' THEN o.department_id END,
              CASE WHEN $2 = 'job-consultant' THEN (SELECT id FROM team WHERE code = 'job-team') END,
              $3, 37
       FROM office o WHERE o.id = $4 RETURNING id`,
      [`RACE-${unique()}`, role, skills, officeId],
    );
    this.staffIds.push(id);
    return id;
  }

  async room(officeId: string, seats: number): Promise<string> {
    const [{ id }] = await this.db.query(`INSERT INTO room (office_id, name, seats) VALUES ($1, $2, $3) RETURNING id`, [
      officeId,
      `Testlokale ${unique()}`,
      seats,
    ]);
    this.roomIds.push(id);
    return id;
  }

  /** Members of the office, each with one open item of the activity, bookable from now to 200 days ahead. */
  async members(officeId: string, count: number, activityCode: string): Promise<RaceMember[]> {
    return this.db.query(
      `WITH inserted AS (
         INSERT INTO member (member_number, name, home_office_id, first_unemployment_day, risk, target_group)
         SELECT $2 || '-' || g, 'Testmedlem ' || g, $1, current_date - 30, 'high', 'it' FROM generate_series(1, $3) AS g
         RETURNING id
       )
       INSERT INTO programme_item (member_id, activity_code, required, window_start, window_end, channels, origin)
       SELECT id, $4, true, now() - interval '1 day', now() + interval '200 days', '{in-person}', 'manual' FROM inserted
       RETURNING member_id AS "memberId", id AS "itemId"`,
      [officeId, `RACE-${unique()}`, count, activityCode],
    );
  }

  /** `count` back-to-back in-person slots of the staff member from `from`. */
  async slots(
    officeId: string,
    staffId: string,
    from: Date,
    count: number,
    activityCode = 'follow-up',
    minutes = 30,
  ): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO slot (office_id, staff_id, activity_codes, channel, during)
       SELECT $1, $2, ARRAY[$3], 'in-person', tstzrange($4::timestamptz + (g * $5) * interval '1 minute', $4::timestamptz + ((g + 1) * $5) * interval '1 minute', '[)')
       FROM generate_series(0, $6 - 1) AS g ORDER BY g RETURNING id`,
      [officeId, staffId, activityCode, from, minutes, count],
    );
    return rows.map((row) => row.id);
  }

  /** `count` back-to-back group sessions in the room, led by `leaderId`, from `from`. */
  async sessions(
    options: {
      officeId: string;
      roomId: string;
      leaderId: string;
      activityCode: string;
      capacity: number;
      minParticipants?: number;
      minutes: number;
    },
    from: Date,
    count: number,
  ): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO session (office_id, room_id, activity_code, during, capacity, min_participants, cutoff_at)
       SELECT $1, $2, $3, tstzrange($4::timestamptz + (g * $5) * interval '1 minute', $4::timestamptz + ((g + 1) * $5) * interval '1 minute', '[)'), $6, $7,
              $4::timestamptz - interval '3 days'
       FROM generate_series(0, $8 - 1) AS g ORDER BY g RETURNING id`,
      [
        options.officeId,
        options.roomId,
        options.activityCode,
        from,
        options.minutes,
        options.capacity,
        options.minParticipants ?? 1,
        count,
      ],
    );
    await this.db.query(`INSERT INTO session_leader (session_id, staff_id) SELECT unnest($1::uuid[]), $2`, [
      rows.map((r) => r.id),
      options.leaderId,
    ]);
    return rows.map((row) => row.id);
  }
}
