import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rotated token keeps answering with an empty calendar for the revocation grace period, like a revoked
 * link, so an app still subscribed to the old URL drops the events instead of keeping its last copy
 * forever. Every token a link had is kept (hashed) with the time it was replaced: the trigger does it
 * whoever replaces the token, and drops the link's entries that have aged out.
 */
export class CalendarRetiredTokens1764300000001 implements MigrationInterface {
  name = 'CalendarRetiredTokens1764300000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE calendar_feed_retired_token (
        token_hash bytea NOT NULL,
        feed_id uuid NOT NULL,
        retired_at timestamptz NOT NULL,
        CONSTRAINT pk_calendar_feed_retired_token PRIMARY KEY (token_hash),
        CONSTRAINT fk_calendar_feed_retired_token_feed FOREIGN KEY (feed_id) REFERENCES calendar_feed (id) ON DELETE CASCADE,
        CONSTRAINT ck_calendar_feed_retired_token_hash CHECK (octet_length(token_hash) = 32)
      )`);
    await db.query(
      `CREATE INDEX ix_calendar_feed_retired_token_feed ON calendar_feed_retired_token (feed_id, retired_at)`,
    );
    await db.query(`
      CREATE FUNCTION calendar_feed_token_retired() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM calendar_feed_retired_token WHERE feed_id = NEW.id AND retired_at < now() - interval '31 days';
        INSERT INTO calendar_feed_retired_token (token_hash, feed_id, retired_at) VALUES (OLD.token_hash, NEW.id, now())
        ON CONFLICT (token_hash) DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_calendar_feed_token_retired AFTER UPDATE OF token_hash ON calendar_feed FOR EACH ROW
      WHEN (OLD.token_hash IS DISTINCT FROM NEW.token_hash) EXECUTE FUNCTION calendar_feed_token_retired()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS tr_calendar_feed_token_retired ON calendar_feed`);
    await db.query(`DROP FUNCTION IF EXISTS calendar_feed_token_retired`);
    await db.query(`DROP TABLE IF EXISTS calendar_feed_retired_token`);
  }
}
