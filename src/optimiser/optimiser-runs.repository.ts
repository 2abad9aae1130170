import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql } from 'kysely';
import { kysely } from '../common/database/kysely.js';
import type { Queryable } from '../common/database/queryable.js';
import { anyOf, json, tstzrange } from '../common/database/sql-fragments.js';
import { conflict } from '../common/errors/domain-error.js';
import { isLockNotAvailable } from '../common/errors/postgres-errors.js';
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

const COLUMNS = [
  'id',
  'params',
  'origin',
  'status',
  'jobId',
  'attempts',
  'progress',
  'cancelRequestedAt',
  'summary',
  'error',
  'requestedBy',
  'createdAt',
  'startedAt',
  'finishedAt',
  'appliedAt',
  'appliedBy',
  'applyReport',
] as const;

const now = sql<Date>`now()`;
/** A literal, not parameters: PostgreSQL matches it to uq_optimiser_run_in_flight's predicate (ON CONFLICT needs that). */
const inFlight = sql<boolean>`status IN ('queued', 'running')`;

/** Rows as the service reads them: the generated types say unknown where this interface names the JSON's shape. */
const asRow = (row: unknown) => row as OptimiserRunRow;

@Injectable()
export class OptimiserRunsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async findById(id: string, db: Queryable = this.db): Promise<OptimiserRunRow | undefined> {
    const row = await kysely(db).selectFrom('optimiserRun').select(COLUMNS).where('id', '=', id).executeTakeFirst();
    return row && asRow(row);
  }

  async findInFlight(paramsHash: string): Promise<OptimiserRunRow | undefined> {
    const row = await kysely(this.db)
      .selectFrom('optimiserRun')
      .select(COLUMNS)
      .where('paramsHash', '=', paramsHash)
      .where(inFlight)
      .executeTakeFirst();
    return row && asRow(row);
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
    const inserted = await kysely(this.db)
      .insertInto('optimiserRun')
      .values({
        id: run.id,
        params: sql<string>`${json(run.params)}::jsonb`,
        paramsHash: run.paramsHash,
        horizon: tstzrange(run.horizon.start, run.horizon.end),
        origin: run.origin,
        jobId: run.jobId,
        requestedBy: run.requestedBy,
      })
      .onConflict((oc) => oc.column('paramsHash').where(inFlight).doNothing())
      .returning(COLUMNS)
      .executeTakeFirst();
    if (inserted) return { run: asRow(inserted), created: true };
    const existing = await this.findInFlight(run.paramsHash);
    if (existing) return { run: existing, created: false };
    throw conflict('RUN_IN_FLIGHT', 'A run for the same planning scope was started at the same moment. Try again.');
  }

  /** Claims a queued run, or a running one whose worker died (a re-delivered job); undefined when finished or cancelled. */
  async claim(id: string): Promise<OptimiserRunRow | undefined> {
    const row = await kysely(this.db)
      .updateTable('optimiserRun')
      .set((eb) => ({ status: 'running', startedAt: now, attempts: eb('attempts', '+', 1), progress: 0 }))
      .where('id', '=', id)
      .where(inFlight)
      .where('cancelRequestedAt', 'is', null)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && asRow(row);
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await kysely(this.db)
      .updateTable('optimiserRun')
      .set({ progress })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  }

  /** Stores the outcome; a second worker finishing the same run (after a stall) finds it finished and changes nothing. */
  async finish(
    id: string,
    outcome: { status: 'done' | 'cancelled'; summary: unknown; instance: OptimiserInstance; proposal: Proposal },
  ): Promise<boolean> {
    const row = await kysely(this.db)
      .updateTable('optimiserRun')
      .set((eb) => ({
        status: eb
          .case()
          .when('cancelRequestedAt', 'is', null)
          .then(outcome.status)
          .else('cancelled')
          .end()
          .$castTo<OptimiserRunStatus>(),
        summary: sql<string>`${json(outcome.summary)}::jsonb`,
        instance: sql<string>`${json(outcome.instance)}::jsonb`,
        proposal: sql<string>`${json(outcome.proposal)}::jsonb`,
        progress: 1,
        finishedAt: now,
      }))
      .where('id', '=', id)
      .where('status', '=', 'running')
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async markFailed(id: string, error: string): Promise<void> {
    await kysely(this.db)
      .updateTable('optimiserRun')
      .set({ status: 'failed', error, finishedAt: now })
      .where('id', '=', id)
      .where('status', 'in', MAY_FAIL)
      .execute();
  }

  /** A queued run is cancelled at once; a running one is flagged, and its worker stops at the next check. */
  async requestCancel(id: string): Promise<OptimiserRunRow | undefined> {
    const row = await kysely(this.db)
      .updateTable('optimiserRun')
      .set((eb) => ({
        cancelRequestedAt: eb.fn.coalesce('cancelRequestedAt', now),
        status: eb
          .case()
          .when('status', '=', 'queued')
          .then('cancelled')
          .else(eb.ref('status'))
          .end()
          .$castTo<OptimiserRunStatus>(),
        finishedAt: eb.case().when('status', '=', 'queued').then(now).else(eb.ref('finishedAt')).end(),
      }))
      .where('id', '=', id)
      .where(inFlight)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && asRow(row);
  }

  /** Finishes a run whose cancellation was asked for before its solve started. */
  async markCancelled(id: string): Promise<void> {
    await kysely(this.db)
      .updateTable('optimiserRun')
      .set({ status: 'cancelled', finishedAt: now })
      .where('id', '=', id)
      .where('status', 'in', MAY_CANCEL)
      .where('cancelRequestedAt', 'is not', null)
      .execute();
  }

  async isCancelRequested(id: string): Promise<boolean> {
    const row = await kysely(this.db)
      .selectFrom('optimiserRun')
      .select((eb) => eb('cancelRequestedAt', 'is not', null).$castTo<boolean>().as('requested'))
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.requested ?? true;
  }

  /** Runs left queued or running, older than a grace period (a request may be between its insert and its enqueue). */
  async listUnfinished(olderThanMs: number): Promise<OptimiserRunRow[]> {
    const rows = await kysely(this.db)
      .selectFrom('optimiserRun')
      .select(COLUMNS)
      .where(inFlight)
      .where('createdAt', '<', sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000})`)
      .orderBy('createdAt')
      .execute();
    return rows.map(asRow);
  }

  async loadResult(
    id: string,
    db: Queryable = this.db,
  ): Promise<{ instance: OptimiserInstance; proposal: Proposal } | undefined> {
    const row = (await kysely(db)
      .selectFrom('optimiserRun')
      .select(['instance', 'proposal'])
      .where('id', '=', id)
      .executeTakeFirst()) as { instance: OptimiserInstance | null; proposal: Proposal | null } | undefined;
    return row?.instance && row.proposal ? { instance: row.instance, proposal: row.proposal } : undefined;
  }

  /**
   * Locks the run's row in the caller's transaction, waiting at most `waitMs` for an apply already holding it
   * (then 409 APPLY_IN_PROGRESS); the transaction's lock timeout is put back afterwards.
   */
  async lockForApply(id: string, db: Queryable, waitMs: number): Promise<OptimiserRunRow | undefined> {
    const k = kysely(db);
    const {
      rows: [{ previous }],
    } = await sql<{
      previous: string;
    }>`SELECT current_setting('lock_timeout') AS previous, set_config('lock_timeout', ${`${waitMs}ms`}, true)`.execute(
      k,
    );
    try {
      const row = await k
        .selectFrom('optimiserRun')
        .select(COLUMNS)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row && asRow(row);
    } catch (error) {
      if (isLockNotAvailable(error))
        throw conflict(
          'APPLY_IN_PROGRESS',
          'This run is being applied right now. Its report appears on the run when that is done.',
        );
      throw error;
    } finally {
      // After a lock timeout the transaction is aborted and refuses this too; the rollback then ends the setting.
      await sql`SELECT set_config('lock_timeout', ${previous}, true)`.execute(k).catch(() => undefined);
    }
  }

  async markApplied(id: string, appliedBy: string | null, report: unknown, db: Queryable): Promise<void> {
    await kysely(db)
      .updateTable('optimiserRun')
      .set({ appliedAt: now, appliedBy, applyReport: sql<string>`${json(report)}::jsonb` })
      .where('id', '=', id)
      .execute();
  }

  /** Names for the proposal view: offices, rooms, staff, activities and member numbers. */
  async describe(ids: { offices: string[]; rooms: string[]; staff: string[]; members: string[] }) {
    const k = kysely(this.db);
    const [offices, rooms, staff, members, activities] = await Promise.all([
      k.selectFrom('office').select(['id', 'code', 'name']).where('id', '=', anyOf(ids.offices, 'uuid')).execute(),
      k.selectFrom('room').select(['id', 'name', 'seats']).where('id', '=', anyOf(ids.rooms, 'uuid')).execute(),
      k.selectFrom('staff').select(['id', 'name', 'role']).where('id', '=', anyOf(ids.staff, 'uuid')).execute(),
      k.selectFrom('member').select(['id', 'memberNumber']).where('id', '=', anyOf(ids.members, 'uuid')).execute(),
      k.selectFrom('activityType').select(['code', 'nameDa']).execute(),
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
