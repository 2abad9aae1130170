import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Optimiser runs. The row is written before the BullMQ job, so a run survives a Redis restart (the
 * worker's reconciler re-enqueues it). PostgreSQL keeps the invariants: one queued or running run per
 * planning scope (uq_optimiser_run_in_flight on the parameters' hash), a finished run has a finish
 * time, only a done run carries a proposal to apply, and it is applied at most once (applied_at, set
 * under FOR UPDATE).
 */
export class OptimiserRuns1763900500000 implements MigrationInterface {
  name = 'OptimiserRuns1763900500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE optimiser_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        params jsonb NOT NULL,
        params_hash text NOT NULL,
        horizon tstzrange NOT NULL,
        origin text NOT NULL DEFAULT 'api',
        status text NOT NULL DEFAULT 'queued',
        job_id text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        progress real NOT NULL DEFAULT 0,
        cancel_requested_at timestamptz,
        summary jsonb,
        instance jsonb,
        proposal jsonb,
        allocation_id uuid,
        error text,
        requested_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        applied_at timestamptz,
        applied_by text,
        apply_report jsonb,
        CONSTRAINT ck_optimiser_run_status CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
        CONSTRAINT ck_optimiser_run_origin CHECK (origin IN ('api', 'nightly')),
        CONSTRAINT ck_optimiser_run_horizon CHECK (NOT isempty(horizon) AND lower_inc(horizon) AND NOT upper_inc(horizon)),
        CONSTRAINT ck_optimiser_run_progress CHECK (progress BETWEEN 0 AND 1),
        CONSTRAINT ck_optimiser_run_finished CHECK ((status IN ('done', 'failed', 'cancelled')) = (finished_at IS NOT NULL)),
        CONSTRAINT ck_optimiser_run_done_has_proposal CHECK (status <> 'done' OR proposal IS NOT NULL),
        CONSTRAINT ck_optimiser_run_applied CHECK ((applied_at IS NULL OR status = 'done') AND ((applied_at IS NULL) = (apply_report IS NULL))),
        CONSTRAINT uq_optimiser_run_job UNIQUE (job_id)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX uq_optimiser_run_in_flight ON optimiser_run (params_hash) WHERE status IN ('queued', 'running')`,
    );
    await db.query(
      `CREATE INDEX ix_optimiser_run_unfinished ON optimiser_run (created_at) WHERE status IN ('queued', 'running')`,
    );
    await db.query(`CREATE INDEX ix_optimiser_run_created ON optimiser_run (created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS optimiser_run`);
  }
}
