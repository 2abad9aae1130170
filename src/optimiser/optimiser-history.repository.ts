import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql } from 'kysely';
import { kysely } from '../common/database/kysely.js';
import { given } from '../common/database/sql-fragments.js';
import type { OptimiserRunParams, OptimiserRunStatus } from './optimiser-runs.repository.js';

/** A run as the list of past runs shows it: its scope, status and result in figures, without the stored instance or proposal. */
export interface OptimiserRunListRow {
  id: string;
  origin: 'api' | 'nightly';
  status: OptimiserRunStatus;
  params: OptimiserRunParams;
  progress: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  appliedAt: Date | null;
  result: {
    items: number;
    placed: number;
    unplaced: number;
    sessionsOpened: number;
    seatsInExistingSessions: number;
    gap: number | null;
    solveStatus: string | null;
  } | null;
  applied: { sessionsCreated: number; sessionsNotCreated: number; bookings: number; leftOut: number } | null;
}

export interface UnplacedRow {
  memberId: string;
  memberNumber: string | null;
  homeOfficeName: string | null;
  programmeItemId: string;
  activityCode: string;
  activityName: string | null;
  reason: string;
  hint: string | null;
}

const int = (key: string) => sql.raw(`(summary->>'${key}')::int`);

/** The run's summary in figures, built in SQL so that the list never reads the stored instance or proposal. */
const result = sql<OptimiserRunListRow['result']>`CASE WHEN summary IS NULL THEN NULL ELSE jsonb_build_object(
  'items', ${int('items')}, 'placed', ${int('placed')}, 'unplaced', ${int('unplaced')}, 'sessionsOpened', ${int('sessionsOpened')},
  'seatsInExistingSessions', ${int('seatsInExistingSessions')}, 'gap', (summary->>'gap')::float8, 'solveStatus', summary->>'status') END`;

const applied = sql<OptimiserRunListRow['applied']>`CASE WHEN apply_report IS NULL THEN NULL ELSE jsonb_build_object(
  'sessionsCreated', jsonb_array_length(COALESCE(apply_report->'sessionsCreated', '[]')),
  'sessionsNotCreated', jsonb_array_length(COALESCE(apply_report->'sessionsNotCreated', '[]')),
  'bookings', (SELECT count(DISTINCT seat->>'bookingId')::int FROM jsonb_array_elements(COALESCE(apply_report->'seatsBooked', '[]')) seat),
  'leftOut', jsonb_array_length(COALESCE(apply_report->'leftOut', '[]'))) END`;

/** Reads for the optimiser page: past runs (the nightly one too) and a run's unplaced items, paged in SQL. */
@Injectable()
export class OptimiserHistoryRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async list(filter: {
    limit: number;
    offset: number;
    origin?: 'api' | 'nightly';
  }): Promise<{ total: number; runs: OptimiserRunListRow[] }> {
    const k = kysely(this.db);
    const { origin } = filter;
    const [runs, count] = await Promise.all([
      k
        .selectFrom('optimiserRun')
        .select([
          'id',
          'origin',
          'status',
          'params',
          'progress',
          'error',
          'createdAt',
          'startedAt',
          'finishedAt',
          'appliedAt',
          result.as('result'),
          applied.as('applied'),
        ])
        .$if(given(origin), (qb) => qb.where('origin', '=', origin!))
        .orderBy('createdAt', 'desc')
        .orderBy('id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      k
        .selectFrom('optimiserRun')
        .select(sql<number>`count(*)::int`.as('total'))
        .$if(given(origin), (qb) => qb.where('origin', '=', origin!))
        .executeTakeFirst(),
    ]);
    return { total: count?.total ?? 0, runs: runs as OptimiserRunListRow[] };
  }

  /** undefined: no such run; `stored: false`: the run has no proposal (yet). */
  async runState(id: string): Promise<{ status: OptimiserRunStatus; stored: boolean } | undefined> {
    return kysely(this.db)
      .selectFrom('optimiserRun')
      .select((eb) => ['status', eb('proposal', 'is not', null).$castTo<boolean>().as('stored')])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The run's unplaced items in the proposal's order, `limit` null: all of them. */
  async unplaced(
    id: string,
    page: { limit: number | null; offset: number },
  ): Promise<{ total: number; rows: UnplacedRow[] }> {
    const k = kysely(this.db);
    const [{ rows }, count] = await Promise.all([
      sql<UnplacedRow>`
        SELECT u.entry->>'memberId' AS member_id, m.member_number, o.name AS home_office_name,
               u.entry->>'itemId' AS programme_item_id, u.entry->>'activityId' AS activity_code, a.name_da AS activity_name,
               u.entry->>'reason' AS reason, u.entry->>'hint' AS hint
        FROM optimiser_run r
        CROSS JOIN LATERAL jsonb_array_elements(COALESCE(r.proposal->'unplaced', '[]')) WITH ORDINALITY AS u(entry, n)
        LEFT JOIN member m ON m.id = (u.entry->>'memberId')::uuid
        LEFT JOIN office o ON o.id = m.home_office_id
        LEFT JOIN activity_type a ON a.code = u.entry->>'activityId'
        WHERE r.id = ${id}
        ORDER BY u.n
        LIMIT ${page.limit} OFFSET ${page.offset}`.execute(k),
      k
        .selectFrom('optimiserRun')
        .select(sql<number>`jsonb_array_length(COALESCE(proposal->'unplaced', '[]'))::int`.as('total'))
        .where('id', '=', id)
        .executeTakeFirst(),
    ]);
    return { total: count?.total ?? 0, rows };
  }
}
