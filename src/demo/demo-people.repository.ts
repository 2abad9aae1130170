import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryOne } from '../common/database/queryable.js';

export interface DemoPerson {
  subjectId: string;
  name: string;
  /** Member number or employee number. */
  reference: string;
  departmentId: string | null;
  departmentName: string | null;
  officeName: string | null;
  /** Members only: the stage of the programme this member shows (`null`: one of the newest members). */
  stage?: DemoStage | null;
}

/** Stages of a programme the demo sign-in page offers a member for, in this order, two of each. */
export const DEMO_STAGES = [
  'done-with-cv-adviser',
  'booking-tomorrow',
  'waiting-list',
  'yellow-smiley',
  'red-smiley',
] as const;
export type DemoStage = (typeof DEMO_STAGES)[number];

const MEMBERS_PER_STAGE = 2;

/** The condition for each stage, on member `m` at instant $1 (next_day: the first day after today with a booked appointment). */
const STAGE_SQL: Record<DemoStage, string> = {
  'done-with-cv-adviser': `m.smiley = 'green'
    AND EXISTS (SELECT 1 FROM booking b WHERE b.member_id = m.id AND b.activity_code = 'cv-meeting' AND b.status = 'attended' AND b.slot_id IS NOT NULL)
    AND (SELECT count(*) FROM programme_item i WHERE i.member_id = m.id AND i.status = 'done') >= 2
    AND EXISTS (SELECT 1 FROM programme_item i WHERE i.member_id = m.id AND i.status = 'open' AND i.window_start <= $1 AND i.window_end > $1)`,
  'booking-tomorrow': `EXISTS (SELECT 1 FROM booking b, next_day WHERE b.member_id = m.id AND b.status = 'booked' AND b.slot_id IS NOT NULL
    AND (lower(b.during) AT TIME ZONE 'Europe/Copenhagen')::date = next_day.day)`,
  'waiting-list': `EXISTS (SELECT 1 FROM waitlist_entry w WHERE w.member_id = m.id AND w.status = 'waiting')`,
  'yellow-smiley': `m.smiley = 'yellow'`,
  'red-smiley': `m.smiley = 'red'`,
};

const MEMBERS_SQL = `
  WITH next_day AS (
    SELECT min((lower(b.during) AT TIME ZONE 'Europe/Copenhagen')::date) AS day FROM booking b
    WHERE b.status = 'booked' AND b.slot_id IS NOT NULL
      AND lower(b.during) >= (($1::timestamptz AT TIME ZONE 'Europe/Copenhagen')::date + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen'
  ),
  active AS (SELECT m.* FROM member m WHERE m.status = 'active' AND m.name IS NOT NULL),
  staged AS (
    ${DEMO_STAGES.map(
      (stage, rank) =>
        `(SELECT m.id, '${stage}' AS stage, ${rank} AS rank, m.member_number FROM active m WHERE ${STAGE_SQL[stage]} ORDER BY m.member_number LIMIT ${MEMBERS_PER_STAGE})`,
    ).join('\n    UNION ALL\n    ')}
  ),
  shown AS (SELECT DISTINCT ON (id) id, stage, rank, member_number FROM staged ORDER BY id, rank),
  chosen AS (
    SELECT id, stage, rank, member_number, NULL::timestamptz AS created_at FROM shown
    UNION ALL
    (SELECT m.id, NULL, ${DEMO_STAGES.length}, m.member_number, m.created_at FROM active m WHERE m.id NOT IN (SELECT id FROM shown)
     ORDER BY m.created_at DESC, m.member_number LIMIT $2)
  )
  SELECT m.id AS "subjectId", m.name, m.member_number AS reference, d.id AS "departmentId", d.name AS "departmentName", o.name AS "officeName", c.stage
  FROM chosen c JOIN member m ON m.id = c.id JOIN office o ON o.id = m.home_office_id JOIN department d ON d.id = o.department_id
  ORDER BY c.rank, c.created_at DESC NULLS LAST, c.member_number
  LIMIT $2`;

/** The few people the demo sign-in page offers, and the department a staff member's token should carry. */
@Injectable()
export class DemoPeopleRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async staffDepartment(staffId: string): Promise<string | undefined> {
    const row = await queryOne<{ departmentId: string | null }>(
      this.db,
      `SELECT COALESCE(s.department_id, o.department_id) AS "departmentId" FROM staff s LEFT JOIN office o ON o.id = s.office_id WHERE s.id = $1`,
      [staffId],
    );
    return row?.departmentId ?? undefined;
  }

  /**
   * Members at every stage of a programme first (done items with a CV adviser, a booking on the next day with
   * appointments, on a waiting list, a yellow or red smiley; two of each), then the newest members, so a member
   * just created (by a test, say) is on the list too.
   */
  listMembers(limit: number, now: Date): Promise<DemoPerson[]> {
    return this.db.query(MEMBERS_SQL, [now, limit]);
  }

  listStaff(role: string, limit: number): Promise<DemoPerson[]> {
    return this.db.query(
      `SELECT s.id AS "subjectId", s.name, s.employee_number AS reference, d.id AS "departmentId", d.name AS "departmentName", o.name AS "officeName"
       FROM staff s LEFT JOIN office o ON o.id = s.office_id LEFT JOIN department d ON d.id = COALESCE(s.department_id, o.department_id)
       WHERE s.role = $1 AND s.active
       ORDER BY (o.kind = 'main') DESC NULLS LAST, d.name NULLS LAST, s.name LIMIT $2`,
      [role, limit],
    );
  }
}
