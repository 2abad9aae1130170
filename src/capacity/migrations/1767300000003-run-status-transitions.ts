import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The optimiser run's and the allocation run's transition tables (src/shared/vocabulary/transitions.ts) as
 * triggers on `check_status_transition` (booking migration 1767300000002): a finished run stays finished and a
 * run never goes back to the queue, whoever writes. A re-claim of a running run (same status) is no move.
 */
const OPTIMISER_RUN = [
  'queued>cancelled',
  'queued>failed',
  'queued>running',
  'running>cancelled',
  'running>done',
  'running>failed',
];
const ALLOCATION = ['queued>failed', 'queued>running', 'running>done', 'running>failed'];

const args = (constraint: string, pairs: string[]) => [constraint, ...pairs].map((a) => `'${a}'`).join(', ');

export class RunStatusTransitions1767300000003 implements MigrationInterface {
  name = 'RunStatusTransitions1767300000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TRIGGER tr_optimiser_run_status_transition BEFORE UPDATE OF status ON optimiser_run
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION check_status_transition(${args('ck_optimiser_run_status_transition', OPTIMISER_RUN)})`);
    await db.query(`
      CREATE TRIGGER tr_capacity_allocation_status_transition BEFORE UPDATE OF status ON capacity_allocation
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION check_status_transition(${args('ck_capacity_allocation_status_transition', ALLOCATION)})`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS tr_capacity_allocation_status_transition ON capacity_allocation`);
    await db.query(`DROP TRIGGER IF EXISTS tr_optimiser_run_status_transition ON optimiser_run`);
  }
}
