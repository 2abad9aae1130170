import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery in batches: the relay gives each batch of up to 50 messages of one channel a job key (from
 * `message_job_key_seq`) in the statement that marks them `queued`, and enqueues one BullMQ job per key; the
 * worker claims its batch by that key. A failed message waits as `retrying` until its `not_before` and then
 * goes into a later batch, so the relay's claim covers `retrying` rows too (hence the due index's predicate).
 * Rows queued by the previous one-job-per-message relay have no key: they become `retrying`, due now, and the
 * relay batches them (without a second `queued` log entry).
 */
export class MessageJobBatches1767000000000 implements MigrationInterface {
  name = 'MessageJobBatches1767000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE message_job_key_seq AS bigint`);
    await db.query(`ALTER TABLE message ADD COLUMN job_key bigint`);
    await db.query(`CREATE INDEX ix_message_job_key ON message (job_key) WHERE status IN ('queued', 'sending')`);
    await db.query(`DROP INDEX IF EXISTS ix_message_due`);
    await db.query(`CREATE INDEX ix_message_due ON message (not_before, id) WHERE status IN ('pending', 'retrying')`);
    await db.query(`UPDATE message SET status = 'retrying', updated_at = now() WHERE status IN ('queued', 'sending')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS ix_message_due`);
    await db.query(`CREATE INDEX ix_message_due ON message (not_before, id) WHERE status = 'pending'`);
    await db.query(`DROP INDEX IF EXISTS ix_message_job_key`);
    await db.query(`ALTER TABLE message DROP COLUMN IF EXISTS job_key`);
    await db.query(`DROP SEQUENCE IF EXISTS message_job_key_seq`);
  }
}
