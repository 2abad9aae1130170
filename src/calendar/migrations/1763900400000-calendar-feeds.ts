import type { MigrationInterface, QueryRunner } from 'typeorm';

const BOOKING_RENDERED = [
  'member_id',
  'slot_id',
  'session_id',
  'office_id',
  'activity_code',
  'channel',
  'during',
  'status',
  'ical_uid',
  'ical_sequence',
  'created_at',
  'updated_at',
];
const SESSION_RENDERED = [
  'office_id',
  'room_id',
  'activity_code',
  'during',
  'capacity',
  'booked',
  'status',
  'ical_uid',
  'ical_sequence',
  'created_at',
  'updated_at',
];
const SLOT_RENDERED = ['staff_id', 'office_id', 'during', 'status', 'updated_at'];

/** `(OLD.a, OLD.b) IS DISTINCT FROM (NEW.a, NEW.b)` for a trigger's WHEN clause. */
function changed(columns: string[]): string {
  return `(${columns.map((c) => `OLD.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `NEW.${c}`).join(', ')})`;
}

/**
 * Feed links, and the two facts a feed's ETag and SEQUENCE rest on, kept by PostgreSQL so no code path
 * (booking service, optimiser, a manual fix in psql) can forget them:
 * - BEFORE UPDATE triggers on booking, session and slot raise ical_sequence (and updated_at) when time,
 *   place or status change, and updated_at alone on other changes a feed shows;
 * - AFTER triggers bump calendar_feed_revision for every feed a changed row appears in, in the same
 *   transaction, so a revision read together with the rows always describes exactly those rows.
 * A trigger fires only when a column some feed renders changed, so the revision (and the ETag) moves
 * exactly when a feed body can.
 */
export class CalendarFeeds1763900400000 implements MigrationInterface {
  name = 'CalendarFeeds1763900400000';

  async up(db: QueryRunner): Promise<void> {
    // Office feeds are public and carry no token, so only member, staff and session feeds have links.
    // One nullable reference per kind lets PostgreSQL check the subject exists; subject_id is derived.
    await db.query(`
      CREATE TABLE calendar_feed (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        member_id uuid REFERENCES member (id) ON DELETE CASCADE,
        staff_id uuid REFERENCES staff (id) ON DELETE CASCADE,
        session_id uuid REFERENCES session (id) ON DELETE CASCADE,
        subject_id uuid GENERATED ALWAYS AS (coalesce(member_id, staff_id, session_id)) STORED,
        token_hash bytea NOT NULL,
        created_by_role text NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        rotated_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT uq_calendar_feed_token UNIQUE (token_hash),
        CONSTRAINT ck_calendar_feed_token_hash CHECK (octet_length(token_hash) = 32),
        CONSTRAINT ck_calendar_feed_subject CHECK (
          (kind = 'member' AND member_id IS NOT NULL AND staff_id IS NULL AND session_id IS NULL)
          OR (kind = 'staff' AND staff_id IS NOT NULL AND member_id IS NULL AND session_id IS NULL)
          OR (kind = 'session' AND session_id IS NOT NULL AND member_id IS NULL AND staff_id IS NULL))
      )`);
    await db.query(`CREATE INDEX ix_calendar_feed_subject ON calendar_feed (kind, subject_id)`);
    await db.query(`CREATE INDEX ix_calendar_feed_created_by ON calendar_feed (created_by)`);
    await db.query(`
      CREATE TABLE calendar_feed_revision (
        kind text NOT NULL,
        subject_id uuid NOT NULL,
        revision bigint NOT NULL,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (kind, subject_id),
        CONSTRAINT ck_calendar_feed_revision_kind CHECK (kind IN ('member', 'staff', 'office', 'session'))
      )`);
    // DISTINCT because one ON CONFLICT statement may not update the same row twice; ORDER BY so two
    // transactions bumping the same feeds lock their rows in the same order.
    await db.query(`
      CREATE FUNCTION bump_calendar_feed_revision(feed_kind text, subjects uuid[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO calendar_feed_revision AS r (kind, subject_id, revision, changed_at)
        SELECT feed_kind, s.id, 1, now()
        FROM (SELECT DISTINCT id FROM unnest(subjects) AS u (id) WHERE id IS NOT NULL) s
        ORDER BY s.id
        ON CONFLICT (kind, subject_id) DO UPDATE SET revision = r.revision + 1, changed_at = now()
      $$`);

    // GREATEST: a service that bumps ical_sequence itself does not get a double bump.
    await db.query(`
      CREATE FUNCTION calendar_booking_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.during, NEW.office_id, NEW.slot_id, NEW.session_id, NEW.channel, NEW.status)
           IS DISTINCT FROM (OLD.during, OLD.office_id, OLD.slot_id, OLD.session_id, OLD.channel, OLD.status) THEN
          NEW.ical_sequence := GREATEST(NEW.ical_sequence, OLD.ical_sequence + 1);
          NEW.updated_at := now();
        ELSIF (NEW.member_id, NEW.activity_code, NEW.ical_uid) IS DISTINCT FROM (OLD.member_id, OLD.activity_code, OLD.ical_uid) THEN
          NEW.updated_at := now();
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER tr_booking_ical_sequence BEFORE UPDATE ON booking FOR EACH ROW EXECUTE FUNCTION calendar_booking_sequence()`,
    );
    await db.query(`
      CREATE FUNCTION calendar_session_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.during, NEW.office_id, NEW.room_id, NEW.status) IS DISTINCT FROM (OLD.during, OLD.office_id, OLD.room_id, OLD.status) THEN
          NEW.ical_sequence := GREATEST(NEW.ical_sequence, OLD.ical_sequence + 1);
          NEW.updated_at := now();
        ELSIF (NEW.activity_code, NEW.capacity, NEW.booked, NEW.ical_uid) IS DISTINCT FROM (OLD.activity_code, OLD.capacity, OLD.booked, OLD.ical_uid) THEN
          NEW.updated_at := now();
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER tr_session_ical_sequence BEFORE UPDATE ON session FOR EACH ROW EXECUTE FUNCTION calendar_session_sequence()`,
    );
    await db.query(`
      CREATE FUNCTION calendar_slot_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.during, NEW.office_id, NEW.status) IS DISTINCT FROM (OLD.during, OLD.office_id, OLD.status) THEN
          NEW.ical_sequence := GREATEST(NEW.ical_sequence, OLD.ical_sequence + 1);
          NEW.updated_at := now();
        ELSIF NEW.staff_id IS DISTINCT FROM OLD.staff_id THEN
          NEW.updated_at := now();
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER tr_slot_ical_sequence BEFORE UPDATE ON slot FOR EACH ROW EXECUTE FUNCTION calendar_slot_sequence()`,
    );

    // A booking shows in its member's feed and, for a slot, in the slot's staff feed. Session feeds and
    // leaders' feeds show session.booked, which the session trigger covers.
    await db.query(`
      CREATE FUNCTION calendar_booking_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        members uuid[] := '{}';
        slots uuid[] := '{}';
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          members := members || OLD.member_id;
          slots := slots || OLD.slot_id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          members := members || NEW.member_id;
          slots := slots || NEW.slot_id;
        END IF;
        PERFORM bump_calendar_feed_revision('member', members);
        PERFORM bump_calendar_feed_revision('staff', ARRAY(SELECT staff_id FROM slot WHERE id = ANY (slots)));
        RETURN NULL;
      END $$`);
    await db.query(
      `CREATE TRIGGER tr_booking_calendar_feeds AFTER INSERT OR DELETE ON booking FOR EACH ROW EXECUTE FUNCTION calendar_booking_changed()`,
    );
    await db.query(`
      CREATE TRIGGER tr_booking_calendar_feeds_update AFTER UPDATE ON booking FOR EACH ROW
      WHEN (${changed(BOOKING_RENDERED)}) EXECUTE FUNCTION calendar_booking_changed()`);

    // A session shows in its office's feed, its own feed, its leaders' feeds and (room, status, updated_at)
    // in the feeds of members booked on it.
    await db.query(`
      CREATE FUNCTION calendar_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        row_id uuid;
        offices uuid[] := '{}';
      BEGIN
        IF TG_OP = 'DELETE' THEN
          row_id := OLD.id;
        ELSE
          row_id := NEW.id;
          offices := offices || NEW.office_id;
        END IF;
        IF TG_OP <> 'INSERT' THEN
          offices := offices || OLD.office_id;
        END IF;
        PERFORM bump_calendar_feed_revision('office', offices);
        PERFORM bump_calendar_feed_revision('session', ARRAY[row_id]);
        PERFORM bump_calendar_feed_revision('staff', ARRAY(SELECT staff_id FROM session_leader WHERE session_id = row_id));
        PERFORM bump_calendar_feed_revision('member', ARRAY(SELECT member_id FROM booking WHERE session_id = row_id));
        RETURN NULL;
      END $$`);
    await db.query(
      `CREATE TRIGGER tr_session_calendar_feeds AFTER INSERT OR DELETE ON session FOR EACH ROW EXECUTE FUNCTION calendar_session_changed()`,
    );
    await db.query(`
      CREATE TRIGGER tr_session_calendar_feeds_update AFTER UPDATE ON session FOR EACH ROW
      WHEN (${changed(SESSION_RENDERED)}) EXECUTE FUNCTION calendar_session_changed()`);

    await db.query(`
      CREATE FUNCTION calendar_session_leader_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN PERFORM bump_calendar_feed_revision('staff', ARRAY[OLD.staff_id]); END IF;
        IF TG_OP <> 'DELETE' THEN PERFORM bump_calendar_feed_revision('staff', ARRAY[NEW.staff_id]); END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_session_leader_calendar_feeds AFTER INSERT OR UPDATE OR DELETE ON session_leader
      FOR EACH ROW EXECUTE FUNCTION calendar_session_leader_changed()`);

    // An unbooked slot is in no feed; a booked slot cannot be deleted (booking.slot_id has no cascade),
    // so only updates of booked slots matter.
    await db.query(`
      CREATE FUNCTION calendar_slot_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        members uuid[] := ARRAY(SELECT member_id FROM booking WHERE slot_id = NEW.id);
      BEGIN
        IF cardinality(members) > 0 THEN
          PERFORM bump_calendar_feed_revision('member', members);
          PERFORM bump_calendar_feed_revision('staff', ARRAY[OLD.staff_id, NEW.staff_id]);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_slot_calendar_feeds AFTER UPDATE ON slot FOR EACH ROW
      WHEN (${changed(SLOT_RENDERED)}) EXECUTE FUNCTION calendar_slot_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS tr_slot_calendar_feeds ON slot`);
    await db.query(`DROP TRIGGER IF EXISTS tr_session_leader_calendar_feeds ON session_leader`);
    await db.query(`DROP TRIGGER IF EXISTS tr_session_calendar_feeds_update ON session`);
    await db.query(`DROP TRIGGER IF EXISTS tr_session_calendar_feeds ON session`);
    await db.query(`DROP TRIGGER IF EXISTS tr_booking_calendar_feeds_update ON booking`);
    await db.query(`DROP TRIGGER IF EXISTS tr_booking_calendar_feeds ON booking`);
    await db.query(`DROP TRIGGER IF EXISTS tr_slot_ical_sequence ON slot`);
    await db.query(`DROP TRIGGER IF EXISTS tr_session_ical_sequence ON session`);
    await db.query(`DROP TRIGGER IF EXISTS tr_booking_ical_sequence ON booking`);
    await db.query(`
      DROP FUNCTION IF EXISTS calendar_slot_changed, calendar_session_leader_changed, calendar_session_changed,
        calendar_booking_changed, calendar_slot_sequence, calendar_session_sequence, calendar_booking_sequence,
        bump_calendar_feed_revision`);
    await db.query(`DROP TABLE IF EXISTS calendar_feed_revision`);
    await db.query(`DROP TABLE IF EXISTS calendar_feed`);
  }
}
