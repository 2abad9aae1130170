import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feeds print an office's name and address, a room's name and an activity's name, so renaming one of
 * them must move the revision (and so the ETag) of every feed that shows it; otherwise calendar apps
 * keep the old text until something else changes. Renames are rare, so bumping broadly is cheap.
 */
export class CalendarRenames1763900600000 implements MigrationInterface {
  name = 'CalendarRenames1763900600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION calendar_office_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM bump_calendar_feed_revision('office', ARRAY[NEW.id]);
        PERFORM bump_calendar_feed_revision('session', ARRAY(SELECT id FROM session WHERE office_id = NEW.id));
        PERFORM bump_calendar_feed_revision('member', ARRAY(SELECT member_id FROM booking WHERE office_id = NEW.id));
        PERFORM bump_calendar_feed_revision('staff', ARRAY(
          SELECT staff_id FROM slot WHERE office_id = NEW.id
          UNION SELECT l.staff_id FROM session_leader l JOIN session s ON s.id = l.session_id WHERE s.office_id = NEW.id));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_office_calendar_feeds AFTER UPDATE ON office FOR EACH ROW
      WHEN ((OLD.name, OLD.street, OLD.postcode, OLD.city, OLD.timezone) IS DISTINCT FROM (NEW.name, NEW.street, NEW.postcode, NEW.city, NEW.timezone))
      EXECUTE FUNCTION calendar_office_renamed()`);
    await db.query(`
      CREATE FUNCTION calendar_room_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM bump_calendar_feed_revision('office', ARRAY[NEW.office_id]);
        PERFORM bump_calendar_feed_revision('session', ARRAY(SELECT id FROM session WHERE room_id = NEW.id));
        PERFORM bump_calendar_feed_revision('member', ARRAY(SELECT b.member_id FROM booking b JOIN session s ON s.id = b.session_id WHERE s.room_id = NEW.id));
        PERFORM bump_calendar_feed_revision('staff', ARRAY(SELECT l.staff_id FROM session_leader l JOIN session s ON s.id = l.session_id WHERE s.room_id = NEW.id));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_room_calendar_feeds AFTER UPDATE ON room FOR EACH ROW
      WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION calendar_room_renamed()`);
    // An activity's name is in every feed that lists it; a rename touches every revision there is.
    await db.query(`
      CREATE FUNCTION calendar_activity_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE calendar_feed_revision SET revision = revision + 1, changed_at = now();
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_activity_calendar_feeds AFTER UPDATE ON activity_type FOR EACH ROW
      WHEN ((OLD.name_da, OLD.name_en) IS DISTINCT FROM (NEW.name_da, NEW.name_en)) EXECUTE FUNCTION calendar_activity_renamed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS tr_activity_calendar_feeds ON activity_type`);
    await db.query(`DROP TRIGGER IF EXISTS tr_room_calendar_feeds ON room`);
    await db.query(`DROP TRIGGER IF EXISTS tr_office_calendar_feeds ON office`);
    await db.query(`DROP FUNCTION IF EXISTS calendar_activity_renamed, calendar_room_renamed, calendar_office_renamed`);
  }
}
