import { Inject, Injectable } from '@nestjs/common';
import { type RawBuilder, sql } from 'kysely';
import { DataSource } from 'typeorm';
import { kysely } from '../common/database/kysely.js';
import type { Staff } from '../common/database/db.types.js';

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

/** The condition for each stage, on member `m` at instant `now` (next_day: the first day after today with a booked appointment). */
const STAGE_SQL: Record<DemoStage, (now: Date) => RawBuilder<boolean>> = {
  'done-with-cv-adviser': (now) => sql`m.smiley = 'green'
    AND EXISTS (SELECT 1 FROM booking b WHERE b.member_id = m.id AND b.activity_code = 'cv-meeting' AND b.status = 'attended' AND b.slot_id IS NOT NULL)
    AND (SELECT count(*) FROM programme_item i WHERE i.member_id = m.id AND i.status = 'done') >= 2
    AND EXISTS (SELECT 1 FROM programme_item i WHERE i.member_id = m.id AND i.status = 'open' AND i.window_start <= ${now} AND i.window_end > ${now})`,
  'booking-tomorrow':
    () => sql`EXISTS (SELECT 1 FROM booking b, next_day WHERE b.member_id = m.id AND b.status = 'booked' AND b.slot_id IS NOT NULL
    AND (lower(b.during) AT TIME ZONE 'Europe/Copenhagen')::date = next_day.day)`,
  'waiting-list': () => sql`EXISTS (SELECT 1 FROM waitlist_entry w WHERE w.member_id = m.id AND w.status = 'waiting')`,
  'yellow-smiley': () => sql`m.smiley = 'yellow'`,
  'red-smiley': () => sql`m.smiley = 'red'`,
};

/** One statement (CTEs over the booking module's tables); the aliases are snake_case for the CamelCasePlugin. */
const membersSql = (now: Date, limit: number) => sql<DemoPerson>`
  WITH next_day AS (
    SELECT min((lower(b.during) AT TIME ZONE 'Europe/Copenhagen')::date) AS day FROM booking b
    WHERE b.status = 'booked' AND b.slot_id IS NOT NULL
      AND lower(b.during) >= ((${now}::timestamptz AT TIME ZONE 'Europe/Copenhagen')::date + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen'
  ),
  active AS (SELECT m.* FROM member m WHERE m.status = 'active' AND m.name IS NOT NULL),
  staged AS (
    ${sql.join(
      DEMO_STAGES.map(
        (stage, rank) =>
          sql`(SELECT m.id, ${sql.lit(stage)} AS stage, ${sql.lit(rank)} AS rank, m.member_number FROM active m WHERE ${STAGE_SQL[stage](now)} ORDER BY m.member_number LIMIT ${sql.lit(MEMBERS_PER_STAGE)})`,
      ),
      sql`
    UNION ALL
    `,
    )}
  ),
  shown AS (SELECT DISTINCT ON (id) id, stage, rank, member_number FROM staged ORDER BY id, rank),
  chosen AS (
    SELECT id, stage, rank, member_number, NULL::timestamptz AS created_at FROM shown
    UNION ALL
    (SELECT m.id, NULL, ${sql.lit(DEMO_STAGES.length)}, m.member_number, m.created_at FROM active m WHERE m.id NOT IN (SELECT id FROM shown)
     ORDER BY m.created_at DESC, m.member_number LIMIT ${limit})
  )
  SELECT m.id AS subject_id, m.name, m.member_number AS reference, d.id AS department_id, d.name AS department_name, o.name AS office_name, c.stage
  FROM chosen c JOIN member m ON m.id = c.id JOIN office o ON o.id = m.home_office_id JOIN department d ON d.id = o.department_id
  ORDER BY c.rank, c.created_at DESC NULLS LAST, c.member_number
  LIMIT ${limit}`;

/** The few people the demo sign-in page offers, and the department a staff member's token should carry. */
@Injectable()
export class DemoPeopleRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async staffDepartment(staffId: string): Promise<string | undefined> {
    const row = await kysely(this.db)
      .selectFrom('staff as s')
      .leftJoin('office as o', 'o.id', 's.officeId')
      .select((eb) => eb.fn.coalesce('s.departmentId', 'o.departmentId').as('departmentId'))
      .where('s.id', '=', staffId)
      .executeTakeFirst();
    return row?.departmentId ?? undefined;
  }

  /**
   * Members at every stage of a programme first (done items with a CV adviser, a booking on the next day with
   * appointments, on a waiting list, a yellow or red smiley; two of each), then the newest members, so a member
   * just created (by a test, say) is on the list too.
   */
  async listMembers(limit: number, now: Date): Promise<DemoPerson[]> {
    const { rows } = await membersSql(now, limit).execute(kysely(this.db));
    return rows;
  }

  listStaff(role: string, limit: number): Promise<DemoPerson[]> {
    return kysely(this.db)
      .selectFrom('staff as s')
      .leftJoin('office as o', 'o.id', 's.officeId')
      .leftJoin('department as d', (join) =>
        join.on((eb) => eb('d.id', '=', eb.fn.coalesce('s.departmentId', 'o.departmentId'))),
      )
      .select([
        's.id as subjectId',
        's.name',
        's.employeeNumber as reference',
        'd.id as departmentId',
        'd.name as departmentName',
        'o.name as officeName',
      ])
      .where('s.role', '=', role as Staff['role'])
      .where((eb) => eb.ref('s.active'))
      .orderBy((eb) => sql`(${eb.ref('o.kind')} = 'main') DESC NULLS LAST`)
      .orderBy((eb) => sql`${eb.ref('d.name')} NULLS LAST`)
      .orderBy('s.name')
      .limit(limit)
      .execute();
  }
}
