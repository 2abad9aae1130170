import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The capacity plan's inputs version, so a computed plan can be kept until one of its input tables changes.
 *
 * Every registered input table has one statement-level trigger (`capacity_plan_input_changed`, after INSERT, UPDATE,
 * DELETE and TRUNCATE) that records the writing transaction in `capacity_plan_input_change`, once per transaction
 * (ON CONFLICT on the transaction id): no row is shared between writers, so the trigger adds no lock waits or
 * deadlocks to the tables it watches. The version is the sum of the committed rows' weights: every transaction that
 * commits a change to an input adds one, and a rolled-back one adds nothing. Compaction folds old rows into one row
 * of their summed weight, which leaves the version as it was.
 *
 * A new input table is registered with one line in a later migration:
 *   SELECT capacity_plan_input_register('slot');
 */
export class CapacityPlanInputs1766600000000 implements MigrationInterface {
  name = 'CapacityPlanInputs1766600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE capacity_plan_input_change (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        xact xid8 NOT NULL DEFAULT pg_current_xact_id(),
        weight bigint NOT NULL DEFAULT 1,
        CONSTRAINT uq_capacity_plan_input_change_xact UNIQUE (xact),
        CONSTRAINT ck_capacity_plan_input_change_weight CHECK (weight > 0)
      )`);
    await db.query(`
      CREATE FUNCTION capacity_plan_input_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO capacity_plan_input_change (xact) VALUES (pg_current_xact_id()) ON CONFLICT (xact) DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION capacity_plan_input_register(input regclass) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format(
          'CREATE OR REPLACE TRIGGER capacity_plan_input_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
          'FOR EACH STATEMENT EXECUTE FUNCTION capacity_plan_input_changed()', input);
      END $$`);
    for (const table of [
      'office',
      'closure_day',
      'staff',
      'staff_absence',
      'inflow_week',
      'capacity_scenario',
      'capacity_allocation',
      'capacity_allocation_assignment',
      'member',
      'activity_type',
      'programme_template',
      'programme_template_item',
    ]) {
      await db.query(`SELECT capacity_plan_input_register($1)`, [table]);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    const tables: { name: string }[] = await db.query(
      `SELECT tgrelid::regclass::text AS name FROM pg_trigger WHERE tgname = 'capacity_plan_input_changed'`,
    );
    for (const { name } of tables) await db.query(`DROP TRIGGER capacity_plan_input_changed ON ${name}`);
    await db.query(`DROP FUNCTION capacity_plan_input_register(regclass)`);
    await db.query(`DROP FUNCTION capacity_plan_input_changed()`);
    await db.query(`DROP TABLE capacity_plan_input_change`);
  }
}
