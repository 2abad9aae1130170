import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scenarios and allocations. PostgreSQL keeps the invariants: scenario names are unique, only one queued or running
 * allocation per parameter set (uq_capacity_allocation_in_flight), and at most one accepted allocation — the plan of
 * record — for any week (ex_capacity_allocation_one_accepted).
 */
export class CapacityPlanning1763900300000 implements MigrationInterface {
  name = 'CapacityPlanning1763900300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE capacity_scenario (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        description text,
        adjustments jsonb NOT NULL,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_capacity_scenario_name UNIQUE (name),
        CONSTRAINT ck_capacity_scenario_name CHECK (length(name) BETWEEN 1 AND 80),
        CONSTRAINT ck_capacity_scenario_adjustments CHECK (jsonb_typeof(adjustments) = 'array')
      )`);
    await db.query(`
      CREATE TABLE capacity_allocation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        params jsonb NOT NULL,
        params_key text NOT NULL,
        period daterange NOT NULL,
        status text NOT NULL DEFAULT 'queued',
        job_id text NOT NULL,
        result jsonb,
        error text,
        attempts integer NOT NULL DEFAULT 0,
        requested_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        accepted_at timestamptz,
        accepted_by text,
        superseded_at timestamptz,
        CONSTRAINT ck_capacity_allocation_status CHECK (status IN ('queued', 'running', 'done', 'failed')),
        CONSTRAINT ck_capacity_allocation_period CHECK (NOT isempty(period) AND lower_inc(period) AND NOT upper_inc(period)),
        CONSTRAINT ck_capacity_allocation_accepted_done CHECK (accepted_at IS NULL OR status = 'done'),
        CONSTRAINT ck_capacity_allocation_superseded CHECK (superseded_at IS NULL OR accepted_at IS NOT NULL),
        CONSTRAINT ex_capacity_allocation_one_accepted EXCLUDE USING gist (period WITH &&)
          WHERE (accepted_at IS NOT NULL AND superseded_at IS NULL)
      )`);
    await db.query(`
      CREATE UNIQUE INDEX uq_capacity_allocation_in_flight ON capacity_allocation (params_key)
      WHERE status IN ('queued', 'running')`);
    await db.query(`
      CREATE TABLE capacity_allocation_assignment (
        allocation_id uuid NOT NULL REFERENCES capacity_allocation (id) ON DELETE CASCADE,
        staff_id uuid NOT NULL REFERENCES staff (id),
        office_id uuid NOT NULL REFERENCES office (id),
        week_start date NOT NULL,
        activity_code text NOT NULL REFERENCES activity_type (code),
        hours numeric(7,2) NOT NULL,
        CONSTRAINT pk_capacity_allocation_assignment PRIMARY KEY (allocation_id, staff_id, office_id, week_start, activity_code),
        CONSTRAINT ck_capacity_assignment_hours CHECK (hours > 0),
        CONSTRAINT ck_capacity_assignment_monday CHECK (extract(isodow FROM week_start) = 1)
      )`);
    await db.query(
      `CREATE INDEX ix_capacity_assignment_office_week ON capacity_allocation_assignment (office_id, week_start)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS capacity_allocation_assignment`);
    await db.query(`DROP TABLE IF EXISTS capacity_allocation`);
    await db.query(`DROP TABLE IF EXISTS capacity_scenario`);
  }
}
