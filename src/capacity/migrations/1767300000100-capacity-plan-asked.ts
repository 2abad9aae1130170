import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The capacity plans coordinators asked for (who as role and department scope, and the query), so that a process
 * started afresh (a deploy, a restart) computes them in the background before the first coordinator asks again. One
 * row per plan, its last asking; no person is named. Not a plan input.
 */
export class CapacityPlanAsked1767300000100 implements MigrationInterface {
  name = 'CapacityPlanAsked1767300000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE capacity_plan_asked (
        asked_key text PRIMARY KEY,
        role text NOT NULL,
        department_id uuid REFERENCES department (id) ON DELETE CASCADE,
        query jsonb NOT NULL,
        asked_at timestamptz NOT NULL,
        CONSTRAINT ck_capacity_plan_asked_query CHECK (jsonb_typeof(query) = 'object')
      )`);
    await db.query(`CREATE INDEX ix_capacity_plan_asked_at ON capacity_plan_asked (asked_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE capacity_plan_asked`);
  }
}
