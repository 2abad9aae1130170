import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A live booking sits on an open slot or a scheduled session, whoever writes (a member booking, a
 * reschedule, the waiting list, the optimiser's apply, a fix in psql) and whoever cancels.
 *
 * A CHECK cannot look at another row, and under READ COMMITTED a plain look is not enough either: a booker
 * that read the slot as open before the office's cancel committed would still insert. So both sides take
 * conflicting locks on the slot or session row and look again once they hold them:
 * - a booking that becomes live (insert, move, reopen) takes FOR SHARE on its slot or session and reads
 *   its status; FOR SHARE waits for a cancel in progress and then returns the committed row, so a booking
 *   on a cancelled slot fails with ck_booking_slot_open (409 SLOT_CANCELLED);
 * - cancelling a slot or session (its UPDATE holds the row lock, so it waited for every booker holding
 *   FOR SHARE) then cancels, with a fresh snapshot, whatever bookings are still live on it: their items
 *   open again and their members are told, as the service's own cancel does before it (which leaves the
 *   trigger nothing to do).
 */
export class BookingTargetOpen1764100000000 implements MigrationInterface {
  name = 'BookingTargetOpen1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION cancel_live_bookings_of(target_slot uuid, target_session uuid, reason text) RETURNS integer LANGUAGE sql AS $$
        WITH cancelled AS (
          UPDATE booking b SET status = 'cancelled', cancel_reason = COALESCE(b.cancel_reason, reason), updated_at = now()
          WHERE b.status = 'booked' AND (b.slot_id = target_slot OR b.session_id = target_session)
          RETURNING b.id, b.member_id, b.programme_item_id, b.activity_code, lower(b.during) AS start, b.office_id
        ), reopened AS (
          UPDATE programme_item i SET status = 'open', updated_at = now() FROM cancelled c WHERE i.id = c.programme_item_id AND i.status = 'booked'
        ), told AS (
          INSERT INTO notification_event (member_id, kind, payload)
          SELECT member_id, 'booking-cancelled-by-office', jsonb_build_object('bookingId', id, 'activityCode', activity_code, 'start', start, 'reason', reason) FROM cancelled
        ), audited AS (
          INSERT INTO audit_event (actor_role, actor_id, entity, entity_id, action, office_id, before, after)
          SELECT 'system', 'database', 'booking', id, 'cancel', office_id, '{"status":"booked"}', jsonb_build_object('status', 'cancelled', 'reason', reason) FROM cancelled
        )
        SELECT count(*)::int FROM cancelled
      $$`);
    // Bookings left live on cancelled slots by the race this closes get what the cancel owed them.
    await db.query(`
      SELECT cancel_live_bookings_of(s.id, NULL, 'slot-cancelled') FROM slot s
      WHERE s.status = 'cancelled' AND EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status = 'booked')`);
    await db.query(`
      SELECT cancel_live_bookings_of(NULL, s.id, 'session-cancelled') FROM session s
      WHERE s.status = 'cancelled' AND EXISTS (SELECT 1 FROM booking b WHERE b.session_id = s.id AND b.status = 'booked')`);

    await db.query(`
      CREATE FUNCTION check_booking_target_open() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target_status text;
      BEGIN
        IF NEW.slot_id IS NOT NULL THEN
          SELECT status INTO target_status FROM slot WHERE id = NEW.slot_id FOR SHARE;
          IF target_status = 'cancelled' THEN
            RAISE EXCEPTION 'slot % is cancelled; a booking on it cannot be live', NEW.slot_id
              USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_booking_slot_open';
          END IF;
        END IF;
        IF NEW.session_id IS NOT NULL THEN
          SELECT status INTO target_status FROM session WHERE id = NEW.session_id FOR SHARE;
          IF target_status = 'cancelled' THEN
            RAISE EXCEPTION 'session % is cancelled; a booking in it cannot be live', NEW.session_id
              USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_booking_session_open';
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_booking_target_open AFTER INSERT ON booking
      FOR EACH ROW WHEN (NEW.status = 'booked') EXECUTE FUNCTION check_booking_target_open()`);
    await db.query(`
      CREATE TRIGGER tr_booking_target_open_update AFTER UPDATE OF slot_id, session_id, status ON booking
      FOR EACH ROW WHEN (NEW.status = 'booked' AND (OLD.status <> 'booked' OR OLD.slot_id IS DISTINCT FROM NEW.slot_id OR OLD.session_id IS DISTINCT FROM NEW.session_id))
      EXECUTE FUNCTION check_booking_target_open()`);

    await db.query(`
      CREATE FUNCTION cancel_bookings_with_target() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'slot' THEN
          PERFORM cancel_live_bookings_of(NEW.id, NULL, 'slot-cancelled');
        ELSE
          PERFORM cancel_live_bookings_of(NULL, NEW.id, 'session-cancelled');
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_slot_cancel_cancels_bookings AFTER UPDATE OF status ON slot
      FOR EACH ROW WHEN (NEW.status = 'cancelled' AND OLD.status <> 'cancelled') EXECUTE FUNCTION cancel_bookings_with_target()`);
    await db.query(`
      CREATE TRIGGER tr_session_cancel_cancels_bookings AFTER UPDATE OF status ON session
      FOR EACH ROW WHEN (NEW.status = 'cancelled' AND OLD.status <> 'cancelled') EXECUTE FUNCTION cancel_bookings_with_target()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS tr_session_cancel_cancels_bookings ON session`);
    await db.query(`DROP TRIGGER IF EXISTS tr_slot_cancel_cancels_bookings ON slot`);
    await db.query(`DROP TRIGGER IF EXISTS tr_booking_target_open_update ON booking`);
    await db.query(`DROP TRIGGER IF EXISTS tr_booking_target_open ON booking`);
    await db.query(
      `DROP FUNCTION IF EXISTS cancel_bookings_with_target, check_booking_target_open, cancel_live_bookings_of`,
    );
  }
}
