import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryOne, type Queryable } from '../common/database/queryable.js';
import { conflict } from '../common/errors/domain-error.js';
import type { OptimiserRunStatus } from '../shared/vocabulary/statuses.js';
import { OPTIMISER_RUN_TRANSITIONS, sourcesOf } from '../shared/vocabulary/transitions.js';

/** Where a run may fail or be cancelled from (OPTIMISER_RUN_TRANSITIONS; tr_optimiser_run_status_transition backs it). */
const MAY_FAIL = sourcesOf(OPTIMISER_RUN_TRANSITIONS, 'failed');
const MAY_CANCEL = sourcesOf(OPTIMISER_RUN_TRANSITIONS, 'cancelled');
import type { OptimiserInstance, Proposal } from './core/types.js';

export type { OptimiserRunStatus };

/** The planning scope and solve settings of a run, normalised (sorted lists, defaults filled in). */
export interface OptimiserRunParams {
  from: string;
  to: string;
  activityTypes: string[] | null;
  departmentIds: string[] | null;
  maxTravelKm: number;
  /** The solve's wall-clock safety net; null: one that fits the run's size (60 s plus 2 ms per programme item). */
  timeLimitSeconds: number | null;
  /** Whether sessions may take the time of unbooked published slots by withdrawing them; absent (older runs): true. */
  withdrawSlots?: boolean;
}

export interface OptimiserRunRow {
  id: string;
  params: OptimiserRunParams;
  origin: 'api' | 'nightly';
  status: OptimiserRunStatus;
  jobId: string;
  attempts: number;
  progress: number;
  cancelRequestedAt: Date | null;
  summary: Record<string, unknown> | null;
  error: string | null;
  requestedBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  appliedAt: Date | null;
  appliedBy: string | null;
  applyReport: Record<string, unknown> | null;
}

const COLUMNS = `id, params, origin, status, job_id AS "jobId", attempts, progress, cancel_requested_at AS "cancelRequestedAt", summary, error,
  requested_by AS "requestedBy", created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt",
  applied_at AS "appliedAt", applied_by AS "appliedBy", apply_report AS "applyReport"`;

@Injectable()
export class OptimiserRunsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  findById(id: string, db: Queryable = this.db): Promise<OptimiserRunRow | undefined> {
    return queryOne(db, `SELECT ${COLUMNS} FROM optimiser_run WHERE id = $1`, [id]);
  }

  findInFlight(paramsHash: string): Promise<OptimiserRunRow | undefined> {
    return queryOne(
      this.db,
      `SELECT ${COLUMNS} FROM optimiser_run WHERE params_hash = $1 AND status IN ('queued', 'running')`,
      [paramsHash],
    );
  }

  /**
   * Stores a new run, or answers the run of the same scope already queued or running (`created: false`):
   * uq_optimiser_run_in_flight (one unfinished run per parameters' hash) decides, as an ON CONFLICT target, so a
   * request racing another gets that one's row instead of a unique violation. Should the other finish between the
   * two statements (nothing in flight to return and none stored), 409 RUN_IN_FLIGHT: asking again starts a run.
   */
  async insertOrFindInFlight(run: {
    id: string;
    params: OptimiserRunParams;
    paramsHash: string;
    horizon: { start: Date; end: Date };
    origin: 'api' | 'nightly';
    jobId: string;
    requestedBy: string | null;
  }): Promise<{ run: OptimiserRunRow; created: boolean }> {
    const inserted = await queryOne<OptimiserRunRow>(
      this.db,
      `INSERT INTO optimiser_run (id, params, params_hash, horizon, origin, job_id, requested_by)
       VALUES ($1, $2::jsonb, $3, tstzrange($4, $5, '[)'), $6, $7, $8)
       ON CONFLICT (params_hash) WHERE status IN ('queued', 'running') DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        run.id,
        JSON.stringify(run.params),
        run.paramsHash,
        run.horizon.start,
        run.horizon.end,
        run.origin,
        run.jobId,
        run.requestedBy,
      ],
    );
    if (inserted) return { run: inserted, created: true };
    const existing = await this.findInFlight(run.paramsHash);
    if (existing) return { run: existing, created: false };
    throw conflict('RUN_IN_FLIGHT', 'A run for the same planning scope was started at the same moment. Try again.');
  }

  /** Claims a queued run, or a running one whose worker died (a re-delivered job); undefined when finished or cancelled. */
  claim(id: string): Promise<OptimiserRunRow | undefined> {
    return queryOne(
      this.db,
      `WITH claimed AS (
         UPDATE optimiser_run SET status = 'running', started_at = now(), attempts = attempts + 1, progress = 0
         WHERE id = $1 AND status IN ('queued', 'running') AND cancel_requested_at IS NULL RETURNING ${COLUMNS}
       ) SELECT * FROM claimed`,
      [id],
    );
  }

  setProgress(id: string, progress: number): Promise<unknown> {
    return this.db.query(`UPDATE optimiser_run SET progress = $2 WHERE id = $1 AND status = 'running'`, [id, progress]);
  }

  /** Stores the outcome; a second worker finishing the same run (after a stall) finds it finished and changes nothing. */
  async finish(
    id: string,
    outcome: { status: 'done' | 'cancelled'; summary: unknown; instance: OptimiserInstance; proposal: Proposal },
  ): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH finished AS (
         UPDATE optimiser_run SET status = CASE WHEN cancel_requested_at IS NULL THEN $2 ELSE 'cancelled' END, summary = $3::jsonb,
           instance = $4::jsonb, proposal = $5::jsonb, progress = 1, finished_at = now()
         WHERE id = $1 AND status = 'running' RETURNING id
       ) SELECT id FROM finished`,
      [
        id,
        outcome.status,
        JSON.stringify(outcome.summary),
        JSON.stringify(outcome.instance),
        JSON.stringify(outcome.proposal),
      ],
    );
    return rows.length === 1;
  }

  markFailed(id: string, error: string): Promise<unknown> {
    return this.db.query(
      `UPDATE optimiser_run SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status = ANY($3::text[])`,
      [id, error, MAY_FAIL],
    );
  }

  /** A queued run is cancelled at once; a running one is flagged, and its worker stops at the next check. */
  requestCancel(id: string): Promise<OptimiserRunRow | undefined> {
    return queryOne(
      this.db,
      `WITH cancelled AS (
         UPDATE optimiser_run SET cancel_requested_at = COALESCE(cancel_requested_at, now()),
           status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
           finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
         WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${COLUMNS}
       ) SELECT * FROM cancelled`,
      [id],
    );
  }

  /** Finishes a run whose cancellation was asked for before its solve started. */
  markCancelled(id: string): Promise<unknown> {
    return this.db.query(
      `UPDATE optimiser_run SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status = ANY($2::text[]) AND cancel_requested_at IS NOT NULL`,
      [id, MAY_CANCEL],
    );
  }

  isCancelRequested(id: string): Promise<boolean> {
    return queryOne<{ requested: boolean }>(
      this.db,
      `SELECT cancel_requested_at IS NOT NULL AS requested FROM optimiser_run WHERE id = $1`,
      [id],
    ).then((r) => r?.requested ?? true);
  }

  /** Runs left queued or running, older than a grace period (a request may be between its insert and its enqueue). */
  listUnfinished(olderThanMs: number): Promise<OptimiserRunRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM optimiser_run WHERE status IN ('queued', 'running') AND created_at < now() - make_interval(secs => $1) ORDER BY created_at`,
      [olderThanMs / 1000],
    );
  }

  async loadResult(
    id: string,
    db: Queryable = this.db,
  ): Promise<{ instance: OptimiserInstance; proposal: Proposal } | undefined> {
    const row = await queryOne<{ instance: OptimiserInstance | null; proposal: Proposal | null }>(
      db,
      `SELECT instance, proposal FROM optimiser_run WHERE id = $1`,
      [id],
    );
    return row?.instance && row.proposal ? { instance: row.instance, proposal: row.proposal } : undefined;
  }

  /**
   * Locks the run's row in the caller's transaction, waiting at most `waitMs` for an apply already holding it
   * (then 409 APPLY_IN_PROGRESS); the transaction's lock timeout is put back afterwards.
   */
  async lockForApply(id: string, db: Queryable, waitMs: number): Promise<OptimiserRunRow | undefined> {
    const [{ previous }] = (await db.query(
      `SELECT current_setting('lock_timeout') AS previous, set_config('lock_timeout', $1, true)`,
      [`${waitMs}ms`],
    )) as { previous: string }[];
    try {
      return await queryOne(db, `SELECT ${COLUMNS} FROM optimiser_run WHERE id = $1 FOR UPDATE`, [id]);
    } catch (error) {
      const code = ((error as { driverError?: { code?: string } }).driverError ?? (error as { code?: string })).code;
      // 55P03 lock_not_available: the lock timeout ran out.
      if (code === '55P03')
        throw conflict(
          'APPLY_IN_PROGRESS',
          'This run is being applied right now. Its report appears on the run when that is done.',
        );
      throw error;
    } finally {
      // After a lock timeout the transaction is aborted and refuses this too; the rollback then ends the setting.
      await db.query(`SELECT set_config('lock_timeout', $1, true)`, [previous]).catch(() => undefined);
    }
  }

  markApplied(id: string, appliedBy: string | null, report: unknown, db: Queryable): Promise<unknown> {
    return db.query(
      `UPDATE optimiser_run SET applied_at = now(), applied_by = $2, apply_report = $3::jsonb WHERE id = $1`,
      [id, appliedBy, JSON.stringify(report)],
    );
  }

  /** Names for the proposal view: offices, rooms, staff, activities and member numbers. */
  async describe(ids: { offices: string[]; rooms: string[]; staff: string[]; members: string[] }) {
    const [offices, rooms, staff, members, activities] = await Promise.all([
      this.db.query(`SELECT id, code, name FROM office WHERE id = ANY($1::uuid[])`, [ids.offices]) as Promise<
        { id: string; code: string; name: string }[]
      >,
      this.db.query(`SELECT id, name, seats FROM room WHERE id = ANY($1::uuid[])`, [ids.rooms]) as Promise<
        { id: string; name: string; seats: number }[]
      >,
      this.db.query(`SELECT id, name, role FROM staff WHERE id = ANY($1::uuid[])`, [ids.staff]) as Promise<
        { id: string; name: string; role: string }[]
      >,
      this.db.query(`SELECT id, member_number AS "memberNumber" FROM member WHERE id = ANY($1::uuid[])`, [
        ids.members,
      ]) as Promise<{ id: string; memberNumber: string }[]>,
      this.db.query(`SELECT code, name_da AS "nameDa" FROM activity_type`) as Promise<
        { code: string; nameDa: string }[]
      >,
    ]);
    return {
      offices: new Map(offices.map((o) => [o.id, o])),
      rooms: new Map(rooms.map((r) => [r.id, r])),
      staff: new Map(staff.map((s) => [s.id, s])),
      members: new Map(members.map((m) => [m.id, m.memberNumber])),
      activities: new Map(activities.map((a) => [a.code, a.nameDa])),
    };
  }
}
