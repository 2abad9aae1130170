import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The status transition tables of src/shared/vocabulary/transitions.ts as a database guard, so a writer that skips
 * the services (a fix in psql, the demo loader, a bug) cannot make a move the table forbids. One trigger function for
 * every table: its first argument names the constraint it raises (mapped to a stable 409 code by the module's
 * catalogue), the rest are the allowed moves as `from>to`. It runs only when the status changes, so re-claims and
 * updates of other columns cost nothing. test/integration/status-transitions.test.ts checks the arguments still
 * match the TypeScript tables. This migration adds the function and the booking tables' triggers (programme item,
 * session); the capacity migration 1767300000003 adds the runs'.
 */
const PROGRAMME_ITEM = [
  'booked>done',
  'booked>open',
  'done>open',
  'open>booked',
  'open>done',
  'open>missed',
  'open>waived',
];
const SESSION = ['scheduled>cancelled'];

const args = (constraint: string, pairs: string[]) => [constraint, ...pairs].map((a) => `'${a}'`).join(', ');

export class StatusTransitions1767300000002 implements MigrationInterface {
  name = 'StatusTransitions1767300000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION check_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT (OLD.status || '>' || NEW.status) = ANY (TG_ARGV[1:TG_NARGS - 1]) THEN
          RAISE EXCEPTION '% % cannot go from % to %', TG_TABLE_NAME, OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = TG_ARGV[0];
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_programme_item_status_transition BEFORE UPDATE OF status ON programme_item
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION check_status_transition(${args('ck_programme_item_status_transition', PROGRAMME_ITEM)})`);
    await db.query(`
      CREATE TRIGGER tr_session_status_transition BEFORE UPDATE OF status ON session
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION check_status_transition(${args('ck_session_status_transition', SESSION)})`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS tr_session_status_transition ON session`);
    await db.query(`DROP TRIGGER IF EXISTS tr_programme_item_status_transition ON programme_item`);
    await db.query(`DROP FUNCTION IF EXISTS check_status_transition`);
  }
}
