import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An erased member has no live feed link: their own feed and the session feeds they made would keep
 * serving their bookings to whoever holds the URL. PostgreSQL keeps this, whatever code path erases:
 * - erasing (status becomes 'erased') revokes those links in the same transaction, so the URLs serve an
 *   empty calendar for the revocation grace period and subscribed apps drop the events;
 * - a link cannot be made (or brought back) for an erased member. The member row is locked FOR SHARE, so
 *   a link made while an erasure runs either waits for it and fails, or commits first and is revoked by
 *   it. A rotation (token only) is not checked: it would lock the link before the member, the other way
 *   round from an erasure, and deadlock with one.
 */
export class CalendarErasedMembers1764300000000 implements MigrationInterface {
  name = 'CalendarErasedMembers1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION calendar_member_erased() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE calendar_feed SET revoked_at = now()
        WHERE revoked_at IS NULL AND (member_id = NEW.id OR (created_by_role = 'member' AND created_by = NEW.id));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_member_erased_calendar_feeds AFTER UPDATE OF status ON member FOR EACH ROW
      WHEN (NEW.status = 'erased' AND OLD.status IS DISTINCT FROM 'erased') EXECUTE FUNCTION calendar_member_erased()`);
    await db.query(`
      CREATE FUNCTION calendar_feed_member_not_erased() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        erased boolean;
      BEGIN
        SELECT bool_or(status = 'erased') INTO erased FROM (
          SELECT status FROM member
          WHERE id IN (NEW.member_id, CASE WHEN NEW.created_by_role = 'member' THEN NEW.created_by END)
          ORDER BY id FOR SHARE) m;
        IF erased THEN
          RAISE EXCEPTION 'feed link for an erased member'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_calendar_feed_member_not_erased', TABLE = 'calendar_feed';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_calendar_feed_member_not_erased
      BEFORE INSERT OR UPDATE OF revoked_at, member_id, created_by, created_by_role ON calendar_feed FOR EACH ROW
      WHEN (NEW.revoked_at IS NULL) EXECUTE FUNCTION calendar_feed_member_not_erased()`);
    // Links of members erased before this migration: revoked now, so their subscriptions clear too.
    await db.query(`
      UPDATE calendar_feed f SET revoked_at = now() FROM member m
      WHERE f.revoked_at IS NULL AND m.status = 'erased'
        AND (f.member_id = m.id OR (f.created_by_role = 'member' AND f.created_by = m.id))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS tr_calendar_feed_member_not_erased ON calendar_feed`);
    await db.query(`DROP TRIGGER IF EXISTS tr_member_erased_calendar_feeds ON member`);
    await db.query(`DROP FUNCTION IF EXISTS calendar_feed_member_not_erased, calendar_member_erased`);
  }
}
