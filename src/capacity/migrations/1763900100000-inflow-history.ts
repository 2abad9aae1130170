import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InflowHistory1763900100000 implements MigrationInterface {
  name = 'InflowHistory1763900100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE inflow_week (
        office_id uuid NOT NULL REFERENCES office (id) ON DELETE CASCADE,
        week_start date NOT NULL,
        target_group text NOT NULL,
        new_members integer NOT NULL,
        source text NOT NULL DEFAULT 'import',
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (office_id, week_start, target_group),
        CONSTRAINT ck_inflow_week_monday CHECK (extract(isodow FROM week_start) = 1),
        CONSTRAINT ck_inflow_week_count CHECK (new_members >= 0),
        CONSTRAINT ck_inflow_week_target_group CHECK (target_group IN
          ('plus50', 'plus50-it', 'it', 'newly-graduated', 'newly-graduated-it', 'other-at-risk', 'low-risk')),
        CONSTRAINT ck_inflow_week_source CHECK (source IN ('demo', 'import'))
      )`);
    await db.query(`CREATE INDEX ix_inflow_week_week ON inflow_week (week_start)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS inflow_week`);
  }
}
