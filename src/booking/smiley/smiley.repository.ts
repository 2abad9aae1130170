import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryOne, type Queryable } from '../../common/database/queryable.js';

export type Smiley = 'green' | 'yellow' | 'red';

export interface AdviserTaskRow {
  id: string;
  memberId: string;
  memberNumber: string;
  staffId: string | null;
  officeId: string;
  departmentId: string;
  kind: 'service-call';
  status: 'open' | 'done' | 'cancelled';
  dueDate: string;
  createdAt: Date;
}

export interface SummonsItemRow {
  id: string;
  status: 'open' | 'booked';
  windowStart: Date;
  windowEnd: Date;
}

const TASK_COLUMNS = `
  t.id, t.member_id AS "memberId", m.member_number AS "memberNumber", t.staff_id AS "staffId", t.office_id AS "officeId",
  o.department_id AS "departmentId", t.kind, t.status, t.due_date::text AS "dueDate", t.created_at AS "createdAt"`;

const TASK_FROM = `adviser_task t JOIN member m ON m.id = t.member_id JOIN office o ON o.id = t.office_id`;

@Injectable()
export class SmileyRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  lockMember(memberId: string, db: Queryable): Promise<{ smiley: Smiley; status: string } | undefined> {
    return queryOne(db, `SELECT smiley, status FROM member WHERE id = $1 FOR UPDATE`, [memberId]);
  }

  /** The adviser of the member's CV meeting (the attended one first), for continuity. */
  async cvMeetingAdviser(memberId: string, db: Queryable): Promise<string | null> {
    const row = await queryOne<{ staffId: string }>(
      db,
      `SELECT sl.staff_id AS "staffId" FROM booking b JOIN slot sl ON sl.id = b.slot_id
       WHERE b.member_id = $1 AND b.activity_code = 'cv-meeting' AND b.status <> 'cancelled'
       ORDER BY (b.status = 'attended') DESC, lower(b.during) DESC LIMIT 1`,
      [memberId],
    );
    return row?.staffId ?? null;
  }

  /** One open service call per member: the partial unique index decides, so a second yellow adds nothing. */
  async insertServiceCall(task: { memberId: string; staffId: string | null; officeId: string; dueDate: string }, db: Queryable): Promise<string | undefined> {
    const row = await queryOne<{ id: string }>(
      db,
      `INSERT INTO adviser_task (member_id, staff_id, office_id, kind, due_date) VALUES ($1, $2, $3, 'service-call', $4)
       ON CONFLICT (member_id, kind) WHERE status = 'open' DO NOTHING RETURNING id`,
      [task.memberId, task.staffId, task.officeId, task.dueDate],
    );
    return row?.id;
  }

  findOpenServiceCall(memberId: string, db: Queryable = this.dataSource): Promise<AdviserTaskRow | undefined> {
    return queryOne(db, `SELECT ${TASK_COLUMNS} FROM ${TASK_FROM} WHERE t.member_id = $1 AND t.kind = 'service-call' AND t.status = 'open'`, [memberId]);
  }

  findTask(id: string, db: Queryable = this.dataSource): Promise<AdviserTaskRow | undefined> {
    return queryOne(db, `SELECT ${TASK_COLUMNS} FROM ${TASK_FROM} WHERE t.id = $1`, [id]);
  }

  async closeOpenServiceCalls(memberId: string, db: Queryable): Promise<string[]> {
    // Wrapped in a CTE because TypeORM returns [rows, count] for a bare UPDATE.
    const rows: { id: string }[] = await db.query(
      `WITH closed AS (
         UPDATE adviser_task SET status = 'done' WHERE member_id = $1 AND kind = 'service-call' AND status = 'open' RETURNING id
       ) SELECT id FROM closed`,
      [memberId],
    );
    return rows.map((row) => row.id);
  }

  listTasks(filter: { officeId?: string; status?: string; scopeDepartmentId?: string }, limit = 500): Promise<AdviserTaskRow[]> {
    return this.dataSource.query(
      `SELECT ${TASK_COLUMNS} FROM ${TASK_FROM}
       WHERE ($1::uuid IS NULL OR t.office_id = $1) AND ($2::text IS NULL OR t.status = $2) AND ($3::uuid IS NULL OR o.department_id = $3)
       ORDER BY t.due_date, t.created_at, t.id LIMIT $4`,
      [filter.officeId ?? null, filter.status ?? null, filter.scopeDepartmentId ?? null, limit],
    );
  }

  /** A summons from an earlier red smiley that is still to be held: a repeated red reuses it. */
  liveSummonsItem(memberId: string, now: Date, db: Queryable): Promise<SummonsItemRow | undefined> {
    return queryOne(
      db,
      `SELECT id, status, window_start AS "windowStart", window_end AS "windowEnd" FROM programme_item
       WHERE member_id = $1 AND origin = 'smiley' AND activity_code = 'summons' AND status IN ('open', 'booked') AND window_end > $2
       ORDER BY created_at DESC LIMIT 1`,
      [memberId, now],
    );
  }

  async liveBookingIdOfItem(itemId: string, db: Queryable = this.dataSource): Promise<string | undefined> {
    return (await queryOne<{ id: string }>(db, `SELECT id FROM booking WHERE programme_item_id = $1 AND status IN ('booked', 'attended')`, [itemId]))?.id;
  }

  /** Free in-person slots at the office in (from, to], earliest first, never clashing with the member's own bookings. */
  freeInPersonSlots(query: { officeId: string; memberId: string; activityCodes: string[]; from: Date; to: Date; limit: number }): Promise<{ id: string; start: Date }[]> {
    return this.dataSource.query(
      `SELECT s.id, lower(s.during) AS start FROM slot s
       WHERE s.office_id = $1 AND s.status = 'open' AND s.channel = 'in-person' AND s.activity_codes && $3::text[]
         AND s.during && tstzrange($4, $5, '[)') AND lower(s.during) > $4 AND upper(s.during) <= $5
         AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')
         AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.member_id = $2 AND b.status = 'booked' AND b.during && s.during)
       ORDER BY lower(s.during), s.id LIMIT $6`,
      [query.officeId, query.memberId, query.activityCodes, query.from, query.to, query.limit],
    );
  }
}
