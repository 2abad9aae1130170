import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql } from 'kysely';
import { type Database, kysely } from '../../common/database/kysely.js';
import type { Queryable } from '../../common/database/queryable.js';
import { given, tstzrange } from '../../common/database/sql-fragments.js';

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

/** Service-call tasks with the member's number and the office's department. */
function selectTasks(db: Database) {
  return db
    .selectFrom('adviserTask as t')
    .innerJoin('member as m', 'm.id', 't.memberId')
    .innerJoin('office as o', 'o.id', 't.officeId')
    .select((eb) => [
      't.id',
      't.memberId',
      'm.memberNumber',
      't.staffId',
      't.officeId',
      'o.departmentId',
      't.kind',
      't.status',
      eb.cast<string>('t.dueDate', 'text').as('dueDate'),
      't.createdAt',
    ]);
}

@Injectable()
export class SmileyRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  lockMember(memberId: string, db: Queryable): Promise<{ smiley: Smiley; status: string } | undefined> {
    return kysely(db)
      .selectFrom('member')
      .select(['smiley', 'status'])
      .where('id', '=', memberId)
      .forUpdate()
      .executeTakeFirst();
  }

  /** The adviser of the member's CV meeting (the attended one first), for continuity. */
  async cvMeetingAdviser(memberId: string, db: Queryable): Promise<string | null> {
    const row = await kysely(db)
      .selectFrom('booking as b')
      .innerJoin('slot as sl', 'sl.id', 'b.slotId')
      .select('sl.staffId')
      .where('b.memberId', '=', memberId)
      .where('b.activityCode', '=', 'cv-meeting')
      .where('b.status', '<>', 'cancelled')
      .orderBy((eb) => eb('b.status', '=', 'attended'), 'desc')
      .orderBy((eb) => eb.fn('lower', ['b.during']), 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.staffId ?? null;
  }

  /** One open service call per member: the partial unique index decides, so a second yellow adds nothing. */
  async insertServiceCall(
    task: { memberId: string; staffId: string | null; officeId: string; dueDate: string },
    db: Queryable,
  ): Promise<string | undefined> {
    const row = await kysely(db)
      .insertInto('adviserTask')
      .values({
        memberId: task.memberId,
        staffId: task.staffId,
        officeId: task.officeId,
        kind: 'service-call',
        dueDate: task.dueDate,
      })
      // A literal, not a parameter: PostgreSQL infers the partial unique index only from a constant predicate.
      .onConflict((oc) => oc.columns(['memberId', 'kind']).where('status', '=', sql.lit('open')).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  }

  findOpenServiceCall(memberId: string, db: Queryable = this.dataSource): Promise<AdviserTaskRow | undefined> {
    return selectTasks(kysely(db))
      .where('t.memberId', '=', memberId)
      .where('t.kind', '=', 'service-call')
      .where('t.status', '=', 'open')
      .executeTakeFirst();
  }

  findTask(id: string, db: Queryable = this.dataSource): Promise<AdviserTaskRow | undefined> {
    return selectTasks(kysely(db)).where('t.id', '=', id).executeTakeFirst();
  }

  async closeOpenServiceCalls(memberId: string, db: Queryable): Promise<string[]> {
    const rows = await kysely(db)
      .updateTable('adviserTask')
      .set({ status: 'done' })
      .where('memberId', '=', memberId)
      .where('kind', '=', 'service-call')
      .where('status', '=', 'open')
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  }

  listTasks(
    filter: { officeId?: string; status?: string; scopeDepartmentId?: string },
    limit = 500,
  ): Promise<AdviserTaskRow[]> {
    return selectTasks(kysely(this.dataSource))
      .$if(given(filter.officeId), (qb) => qb.where('t.officeId', '=', filter.officeId!))
      .$if(given(filter.status), (qb) => qb.where('t.status', '=', filter.status as AdviserTaskRow['status']))
      .$if(given(filter.scopeDepartmentId), (qb) => qb.where('o.departmentId', '=', filter.scopeDepartmentId!))
      .orderBy('t.dueDate')
      .orderBy('t.createdAt')
      .orderBy('t.id')
      .limit(limit)
      .execute();
  }

  /** A summons from an earlier red smiley that is still to be held: a repeated red reuses it. */
  liveSummonsItem(memberId: string, now: Date, db: Queryable): Promise<SummonsItemRow | undefined> {
    return kysely(db)
      .selectFrom('programmeItem')
      .select([
        'id',
        (eb) => eb.ref('status').$castTo<SummonsItemRow['status']>().as('status'),
        'windowStart',
        'windowEnd',
      ])
      .where('memberId', '=', memberId)
      .where('origin', '=', 'smiley')
      .where('activityCode', '=', 'summons')
      .where('status', 'in', ['open', 'booked'])
      .where('windowEnd', '>', now)
      .orderBy('createdAt', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async liveBookingIdOfItem(itemId: string, db: Queryable = this.dataSource): Promise<string | undefined> {
    const row = await kysely(db)
      .selectFrom('booking')
      .select('id')
      .where('programmeItemId', '=', itemId)
      .where('status', 'in', ['booked', 'attended'])
      .executeTakeFirst();
    return row?.id;
  }

  /** Free in-person slots at the office in (from, to], earliest first, never clashing with the member's own bookings. */
  async freeInPersonSlots(query: {
    officeId: string;
    memberId: string;
    activityCodes: string[];
    from: Date;
    to: Date;
    limit: number;
  }): Promise<{ id: string; start: Date }[]> {
    const { rows } = await sql<{ id: string; start: Date }>`
      SELECT s.id, lower(s.during) AS start FROM slot s
      WHERE s.office_id = ${query.officeId} AND s.status = 'open' AND s.channel = 'in-person' AND s.activity_codes && ${query.activityCodes}::text[]
        AND s.during && ${tstzrange(query.from, query.to)} AND lower(s.during) > ${query.from} AND upper(s.during) <= ${query.to}
        AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')
        AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.member_id = ${query.memberId} AND b.status = 'booked' AND b.during && s.during)
      ORDER BY lower(s.during), s.id LIMIT ${query.limit}`.execute(kysely(this.dataSource));
    return rows;
  }
}
