import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryOne } from '../common/database/queryable.js';
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

const int = (path: string) => `(summary->>'${path}')::int`;

/** Reads for the optimiser page: past runs (the nightly one too) and a run's unplaced items, paged in SQL. */
@Injectable()
export class OptimiserHistoryRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async list(filter: {
    limit: number;
    offset: number;
    origin?: 'api' | 'nightly';
  }): Promise<{ total: number; runs: OptimiserRunListRow[] }> {
    const origin = filter.origin ?? null;
    const [runs, count] = await Promise.all([
      this.db.query(
        `SELECT id, origin, status, params, progress, error, created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt",
                applied_at AS "appliedAt",
                CASE WHEN summary IS NULL THEN NULL ELSE jsonb_build_object(
                  'items', ${int('items')}, 'placed', ${int('placed')}, 'unplaced', ${int('unplaced')}, 'sessionsOpened', ${int('sessionsOpened')},
                  'seatsInExistingSessions', ${int('seatsInExistingSessions')}, 'gap', (summary->>'gap')::float8, 'solveStatus', summary->>'status') END AS result,
                CASE WHEN apply_report IS NULL THEN NULL ELSE jsonb_build_object(
                  'sessionsCreated', jsonb_array_length(COALESCE(apply_report->'sessionsCreated', '[]')),
                  'sessionsNotCreated', jsonb_array_length(COALESCE(apply_report->'sessionsNotCreated', '[]')),
                  'bookings', (SELECT count(DISTINCT seat->>'bookingId')::int FROM jsonb_array_elements(COALESCE(apply_report->'seatsBooked', '[]')) seat),
                  'leftOut', jsonb_array_length(COALESCE(apply_report->'leftOut', '[]'))) END AS applied
         FROM optimiser_run
         WHERE ($3::text IS NULL OR origin = $3)
         ORDER BY created_at DESC, id
         LIMIT $1 OFFSET $2`,
        [filter.limit, filter.offset, origin],
      ) as Promise<OptimiserRunListRow[]>,
      queryOne<{ total: number }>(
        this.db,
        `SELECT count(*)::int AS total FROM optimiser_run WHERE ($1::text IS NULL OR origin = $1)`,
        [origin],
      ),
    ]);
    return { total: count?.total ?? 0, runs };
  }

  /** undefined: no such run; `stored: false`: the run has no proposal (yet). */
  async runState(id: string): Promise<{ status: OptimiserRunStatus; stored: boolean } | undefined> {
    return queryOne(this.db, `SELECT status, proposal IS NOT NULL AS stored FROM optimiser_run WHERE id = $1`, [id]);
  }

  /** The run's unplaced items in the proposal's order, `limit` null: all of them. */
  async unplaced(
    id: string,
    page: { limit: number | null; offset: number },
  ): Promise<{ total: number; rows: UnplacedRow[] }> {
    const [rows, count] = await Promise.all([
      this.db.query(
        `SELECT u.entry->>'memberId' AS "memberId", m.member_number AS "memberNumber", o.name AS "homeOfficeName",
                u.entry->>'itemId' AS "programmeItemId", u.entry->>'activityId' AS "activityCode", a.name_da AS "activityName",
                u.entry->>'reason' AS reason, u.entry->>'hint' AS hint
         FROM optimiser_run r
         CROSS JOIN LATERAL jsonb_array_elements(COALESCE(r.proposal->'unplaced', '[]')) WITH ORDINALITY AS u(entry, n)
         LEFT JOIN member m ON m.id = (u.entry->>'memberId')::uuid
         LEFT JOIN office o ON o.id = m.home_office_id
         LEFT JOIN activity_type a ON a.code = u.entry->>'activityId'
         WHERE r.id = $1
         ORDER BY u.n
         LIMIT $2 OFFSET $3`,
        [id, page.limit, page.offset],
      ) as Promise<UnplacedRow[]>,
      queryOne<{ total: number }>(
        this.db,
        `SELECT jsonb_array_length(COALESCE(proposal->'unplaced', '[]'))::int AS total FROM optimiser_run WHERE id = $1`,
        [id],
      ),
    ]);
    return { total: count?.total ?? 0, rows };
  }
}
