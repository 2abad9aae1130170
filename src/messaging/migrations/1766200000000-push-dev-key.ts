import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `push_dev_key`: the VAPID key pair that development and demo installations generate once (PUSH_DEV_KEYS),
 * so `npm start` on localhost can show Web Push with nothing configured. Kept in the database so the API
 * and every worker process sign with the same key, and browsers' subscriptions survive restarts.
 * Production never reads it: there the keys come from VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY.
 */
export class PushDevKey1766200000000 implements MigrationInterface {
  name = 'PushDevKey1766200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE push_dev_key (
        id integer PRIMARY KEY DEFAULT 1,
        public_key text NOT NULL,
        private_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_push_dev_key_single CHECK (id = 1)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS push_dev_key`);
  }
}
