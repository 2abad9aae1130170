import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Any fixed number: the one advisory lock that lets a single transaction at a time fold the log. */
const COMPACTION_LOCK = 1764100010;

/**
 * Feed revisions become append-only, so bumping them can never deadlock or wait.
 *
 * Before, every bump was an upsert into one row per feed, held until commit. A booking's cancel bumped
 * its member's row, then waited for the session row (releasing the seat), whose trigger bumps every
 * participant's row: two cancels in one session each held a member row the other needed, and PostgreSQL
 * broke the cycle with a deadlock error (409 CONCURRENT_UPDATE). The office's row was also a hot spot
 * that every booking in any of its sessions waited for.
 *
 * Now a bump inserts a row into calendar_feed_change, and a feed's revision is the sum of its rows' bumps
 * (calendar_feed_revision, a view with the same columns as the old table, so the numbers and ETags carry
 * on unchanged). Inserts take no row locks that others wait for, and the sum moves exactly when a
 * change commits, whatever order transactions commit in (a max of sequence numbers would not).
 *
 * Every 256th row, the bump folds the rows of recently changed feeds into one row per feed (the same
 * sum), under a try-lock so only one transaction folds at a time and none waits for it. Folding deletes
 * only rows no one else locks, and readers see the sum before or after, never between.
 */
export class CalendarRevisionLog1764100010000 implements MigrationInterface {
  name = 'CalendarRevisionLog1764100010000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE calendar_feed_change (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind text NOT NULL,
        subject_id uuid NOT NULL,
        bumps bigint NOT NULL DEFAULT 1,
        changed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_calendar_feed_change_kind CHECK (kind IN ('member', 'staff', 'office', 'session')),
        CONSTRAINT ck_calendar_feed_change_bumps CHECK (bumps > 0)
      )`);
    await db.query(
      `CREATE INDEX ix_calendar_feed_change_subject ON calendar_feed_change (kind, subject_id) INCLUDE (bumps, changed_at)`,
    );
    await db.query(`
      INSERT INTO calendar_feed_change (kind, subject_id, bumps, changed_at)
      SELECT kind, subject_id, revision, changed_at FROM calendar_feed_revision WHERE revision > 0 ORDER BY changed_at`);
    await db.query(`DROP TABLE calendar_feed_revision`);
    await db.query(`
      CREATE VIEW calendar_feed_revision AS
      SELECT kind, subject_id, sum(bumps)::bigint AS revision, max(changed_at) AS changed_at
      FROM calendar_feed_change GROUP BY kind, subject_id`);
    // A feed's revision read with an index, also from a join (a join cannot push its keys into the view).
    await db.query(`
      CREATE FUNCTION calendar_feed_revision_of(feed_kind text, subject uuid) RETURNS TABLE (revision bigint, changed_at timestamptz)
      LANGUAGE sql STABLE AS $$
        SELECT sum(bumps)::bigint, max(changed_at) FROM calendar_feed_change WHERE kind = feed_kind AND subject_id = subject HAVING count(*) > 0
      $$`);

    await db.query(`
      CREATE FUNCTION compact_calendar_feed_changes() RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE
        folded integer;
      BEGIN
        -- A snapshot older than another folder's commit would try to delete its rows again.
        IF current_setting('transaction_isolation') <> 'read committed' OR NOT pg_try_advisory_xact_lock(${COMPACTION_LOCK}) THEN
          RETURN 0;
        END IF;
        WITH recent AS (
          SELECT kind, subject_id FROM calendar_feed_change
          WHERE id > (SELECT max(id) FROM calendar_feed_change) - 2048
          GROUP BY kind, subject_id
        ), crowded AS (
          SELECT c.kind, c.subject_id FROM calendar_feed_change c JOIN recent r USING (kind, subject_id)
          GROUP BY c.kind, c.subject_id HAVING count(*) > 1
        ), doomed AS (
          DELETE FROM calendar_feed_change c USING crowded d
          WHERE c.kind = d.kind AND c.subject_id = d.subject_id
          RETURNING c.kind, c.subject_id, c.bumps, c.changed_at
        ), kept AS (
          INSERT INTO calendar_feed_change (kind, subject_id, bumps, changed_at)
          SELECT kind, subject_id, sum(bumps), max(changed_at) FROM doomed GROUP BY kind, subject_id
          RETURNING 1
        )
        SELECT count(*) INTO folded FROM kept;
        RETURN folded;
      END $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION bump_calendar_feed_revision(feed_kind text, subjects uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        due boolean;
      BEGIN
        WITH inserted AS (
          INSERT INTO calendar_feed_change (kind, subject_id)
          SELECT DISTINCT feed_kind, u.id FROM unnest(subjects) AS u (id) WHERE u.id IS NOT NULL
          RETURNING id
        )
        SELECT bool_or(id % 256 = 0) INTO due FROM inserted;
        IF due THEN
          PERFORM compact_calendar_feed_changes();
        END IF;
      END $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION calendar_activity_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO calendar_feed_change (kind, subject_id) SELECT DISTINCT kind, subject_id FROM calendar_feed_change;
        RETURN NULL;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION calendar_activity_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE calendar_feed_revision SET revision = revision + 1, changed_at = now();
        RETURN NULL;
      END $$`);
    await db.query(`DROP FUNCTION bump_calendar_feed_revision(text, uuid[])`);
    await db.query(`DROP FUNCTION IF EXISTS compact_calendar_feed_changes, calendar_feed_revision_of`);
    await db.query(`DROP VIEW calendar_feed_revision`);
    await db.query(`
      CREATE TABLE calendar_feed_revision (
        kind text NOT NULL,
        subject_id uuid NOT NULL,
        revision bigint NOT NULL,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (kind, subject_id),
        CONSTRAINT ck_calendar_feed_revision_kind CHECK (kind IN ('member', 'staff', 'office', 'session'))
      )`);
    await db.query(`
      INSERT INTO calendar_feed_revision (kind, subject_id, revision, changed_at)
      SELECT kind, subject_id, sum(bumps), max(changed_at) FROM calendar_feed_change GROUP BY kind, subject_id`);
    await db.query(`DROP TABLE calendar_feed_change`);
    await db.query(`
      CREATE FUNCTION bump_calendar_feed_revision(feed_kind text, subjects uuid[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO calendar_feed_revision AS r (kind, subject_id, revision, changed_at)
        SELECT feed_kind, s.id, 1, now()
        FROM (SELECT DISTINCT id FROM unnest(subjects) AS u (id) WHERE id IS NOT NULL) s
        ORDER BY s.id
        ON CONFLICT (kind, subject_id) DO UPDATE SET revision = r.revision + 1, changed_at = now()
      $$`);
  }
}
