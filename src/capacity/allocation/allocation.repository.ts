import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { DataSource } from 'typeorm';
import { kysely } from '../../common/database/kysely.js';
import { isoDate, json } from '../../common/database/sql-fragments.js';
import { ALLOCATION_TRANSITIONS, sourcesOf } from '../../shared/vocabulary/transitions.js';

export type AllocationRunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface AllocationParams {
  /** Monday of the first week. */
  from: string;
  weeks: number;
  scenario: string | null;
}

export interface AllocationRow {
  id: string;
  params: AllocationParams;
  status: AllocationRunStatus;
  jobId: string;
  result: unknown;
  error: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  acceptedAt: string | null;
  supersededAt: string | null;
}

export interface AssignmentRow {
  staffId: string;
  officeId: string;
  weekStart: string;
  activity: string;
  hours: number;
}

const COLUMNS = [
  'id',
  'params',
  'status',
  'jobId',
  'result',
  'error',
  'attempts',
  'createdAt',
  'startedAt',
  'finishedAt',
  'acceptedAt',
  'supersededAt',
] as const;

const now = sql<Date>`now()`;
const inFlight = ['queued', 'running'] as const;
/** Where an allocation may fail from (ALLOCATION_TRANSITIONS; tr_capacity_allocation_status_transition backs it). */
const mayFail = sourcesOf(ALLOCATION_TRANSITIONS, 'failed');

/** Rows as the service reads them: the generated types say Date and unknown where these interfaces say string and params. */
const asRow = (row: unknown) => row as AllocationRow;

@Injectable()
export class AllocationRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async findById(id: string): Promise<AllocationRow | undefined> {
    const row = await kysely(this.db)
      .selectFrom('capacityAllocation')
      .select(COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && asRow(row);
  }

  async findInFlight(paramsKey: string): Promise<AllocationRow | undefined> {
    const row = await kysely(this.db)
      .selectFrom('capacityAllocation')
      .select(COLUMNS)
      .where('paramsKey', '=', paramsKey)
      .where('status', 'in', inFlight)
      .executeTakeFirst();
    return row && asRow(row);
  }

  /** Allocations PostgreSQL holds as queued or running, created more than `olderThanMs` ago (for the reconciler). */
  async listUnfinished(olderThanMs: number): Promise<AllocationRow[]> {
    const rows = await kysely(this.db)
      .selectFrom('capacityAllocation')
      .select(COLUMNS)
      .where('status', 'in', inFlight)
      .where('createdAt', '<', sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000})`)
      .orderBy('createdAt')
      .execute();
    return rows.map(asRow);
  }

  /**
   * Undefined when the same parameters are already queued or running (uq_capacity_allocation_in_flight): a request
   * that raced another one reads the winner instead of failing. The predicate is a literal so that PostgreSQL can
   * match it to the partial index.
   */
  async insert(
    params: AllocationParams,
    paramsKey: string,
    periodEnd: string,
    jobId: string,
    requestedBy: string | null,
  ): Promise<AllocationRow | undefined> {
    const row = await kysely(this.db)
      .insertInto('capacityAllocation')
      .values({
        params: sql<string>`${json(params)}::jsonb`,
        paramsKey,
        period: sql<string>`daterange(${params.from}, ${periodEnd})`,
        jobId,
        requestedBy,
      })
      .onConflict((oc) =>
        oc
          .column('paramsKey')
          .where(sql<boolean>`status IN ('queued', 'running')`)
          .doNothing(),
      )
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && asRow(row);
  }

  /** Claims a queued (or re-delivered running) allocation; undefined when it is already finished. */
  async markRunning(id: string): Promise<AllocationRow | undefined> {
    const row = await kysely(this.db)
      .updateTable('capacityAllocation')
      .set((eb) => ({ status: 'running', startedAt: now, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('status', 'in', inFlight)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && asRow(row);
  }

  /** Stores the result and the assignments in one transaction; a second delivery of the same job changes nothing. */
  async complete(
    id: string,
    status: 'done' | 'failed',
    result: unknown,
    assignments: readonly AssignmentRow[],
    error: string | null,
  ): Promise<void> {
    await this.db.transaction(async (manager) => {
      const k = kysely(manager);
      const claimed = await k
        .updateTable('capacityAllocation')
        .set({ status, result: sql<string>`${json(result)}::jsonb`, error, finishedAt: now })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .returning('id')
        .executeTakeFirst();
      if (!claimed) return;
      for (let i = 0; i < assignments.length; i += 5000) {
        const chunk = assignments.slice(i, i + 5000).map((a) => ({
          staff_id: a.staffId,
          office_id: a.officeId,
          week_start: a.weekStart,
          activity: a.activity,
          hours: a.hours,
        }));
        await k
          .insertInto('capacityAllocationAssignment')
          .columns(['allocationId', 'staffId', 'officeId', 'weekStart', 'activityCode', 'hours'])
          .expression(
            sql`SELECT ${id}, r.staff_id, r.office_id, r.week_start, r.activity, r.hours
                FROM jsonb_to_recordset(${json(chunk)}::jsonb) AS r(staff_id uuid, office_id uuid, week_start date, activity text, hours numeric)`,
          )
          .execute();
      }
    });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await kysely(this.db)
      .updateTable('capacityAllocation')
      .set({ status: 'failed', error, finishedAt: now })
      .where('id', '=', id)
      .where('status', 'in', mayFail)
      .execute();
  }

  /**
   * Makes the allocation the plan of record: earlier accepted allocations overlapping its period are superseded in the
   * same transaction. Two concurrent accepts of overlapping periods cannot both win: ex_capacity_allocation_one_accepted.
   */
  async accept(id: string, acceptedBy: string | null): Promise<void> {
    await this.db.transaction(async (manager) => {
      const k = kysely(manager);
      const self = await k
        .selectFrom('capacityAllocation')
        .select('period')
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      await k
        .updateTable('capacityAllocation')
        .set({ supersededAt: now })
        .where('id', '<>', id)
        .where('acceptedAt', 'is not', null)
        .where('supersededAt', 'is', null)
        .where('period', '&&', sql<string>`${self.period}::daterange`)
        .execute();
      await k
        .updateTable('capacityAllocation')
        .set({ acceptedAt: now, acceptedBy })
        .where('id', '=', id)
        .where('acceptedAt', 'is', null)
        .execute();
    });
  }

  listAssignments(id: string): Promise<AssignmentRow[]> {
    return (
      kysely(this.db)
        .selectFrom('capacityAllocationAssignment as a')
        .select([
          'a.staffId',
          'a.officeId',
          sql<string>`a.week_start::text`.as('weekStart'),
          'a.activityCode as activity',
          sql<number>`a.hours::float8`.as('hours'),
        ])
        .where('a.allocationId', '=', id)
        // Qualified: the unqualified name would now be the text column of the select list.
        .orderBy('a.weekStart')
        .orderBy('a.officeId')
        .orderBy('a.staffId')
        .orderBy('a.activityCode')
        .execute()
    );
  }

  /** Hours per person at one office from the accepted (plan-of-record) allocations, weeks [from, to). */
  listExpectedHours(
    officeId: string,
    from: string,
    to: string,
  ): Promise<(AssignmentRow & { allocationId: string; staffName: string; role: string })[]> {
    return kysely(this.db)
      .selectFrom('capacityAllocationAssignment as a')
      .innerJoin('capacityAllocation as c', (join) =>
        join.onRef('c.id', '=', 'a.allocationId').on('c.acceptedAt', 'is not', null).on('c.supersededAt', 'is', null),
      )
      .innerJoin('staff as s', 's.id', 'a.staffId')
      .select([
        'a.allocationId',
        'a.staffId',
        's.name as staffName',
        's.role',
        'a.officeId',
        sql<string>`a.week_start::text`.as('weekStart'),
        'a.activityCode as activity',
        sql<number>`a.hours::float8`.as('hours'),
      ])
      .where('a.officeId', '=', officeId)
      .where('a.weekStart', '>=', isoDate(from))
      .where('a.weekStart', '<', isoDate(to))
      .orderBy('s.name')
      .orderBy('a.weekStart')
      .orderBy('a.activityCode')
      .execute();
  }
}
