import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A live booking sits on an open slot or a scheduled session, whoever writes (a member booking, a
 * reschedule, the waiting list, the optimiser's apply, a fix in psql) and whoever cancels.
 *
 * A CHECK cannot look at another row, and under READ COMMITTED a plain look is not enough either: a booker
 * that read the slot as open before the office's cancel committed would still insert. So both sides take
 * conflicting locks on the slot or session row and look again once they hold them:
 * - a booking that becomes live (insert, move, reopen) takes FOR SHARE on its slot or session and reads
 *   its status; FOR SHARE waits for a cancel in progress and then returns the committed row;
 * - cancelling a slot or session (its UPDATE holds the row lock) looks for live bookings with a fresh
 *   snapshot, which includes any booker that held FOR SHARE before it.
 * Whichever commits second sees the first: a booking on a cancelled slot fails with ck_booking_slot_open
 * (409 SLOT_CANCELLED), and a cancel that did not cancel the bookings first fails the same way.
 */
export class BookingTargetOpen1764100000000 implements MigrationInterface {
  name = 'BookingTargetOpen1764100000000';

  async up(db: QueryRunner): Promise<void> {
    // Bookings left live on cancelled slots by the race this closes: cancel them as the slot's cancel
    // should have (item open again, the member told), so the new rule holds for every row.
    await cancelStranded(db, 'slot');
    await cancelStranded(db, 'session');

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
      CREATE FUNCTION check_slot_cancel_leaves_no_booking() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM booking WHERE slot_id = NEW.id AND status = 'booked') THEN
          RAISE EXCEPTION 'slot % still has a live booking; cancel it first', NEW.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_booking_slot_open';
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_slot_cancel_leaves_no_booking AFTER UPDATE OF status ON slot
      FOR EACH ROW WHEN (NEW.status = 'cancelled' AND OLD.status <> 'cancelled') EXECUTE FUNCTION check_slot_cancel_leaves_no_booking()`);
    await db.query(`
      CREATE FUNCTION check_session_cancel_leaves_no_booking() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM booking WHERE session_id = NEW.id AND status = 'booked') THEN
          RAISE EXCEPTION 'session % still has live bookings; cancel them first', NEW.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_booking_session_open';
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_session_cancel_leaves_no_booking AFTER UPDATE OF status ON session
      FOR EACH ROW WHEN (NEW.status = 'cancelled' AND OLD.status <> 'cancelled') EXECUTE FUNCTION check_session_cancel_leaves_no_booking()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS tr_session_cancel_leaves_no_booking ON session`);
    await db.query(`DROP TRIGGER IF EXISTS tr_slot_cancel_leaves_no_booking ON slot`);
    await db.query(`DROP TRIGGER IF EXISTS tr_booking_target_open_update ON booking`);
    await db.query(`DROP TRIGGER IF EXISTS tr_booking_target_open ON booking`);
    await db.query(`DROP FUNCTION IF EXISTS check_session_cancel_leaves_no_booking, check_slot_cancel_leaves_no_booking, check_booking_target_open`);
  }
}

async function cancelStranded(db: QueryRunner, target: 'slot' | 'session'): Promise<void> {
  const reason = `${target}-cancelled`;
  await db.query(
    `WITH stranded AS (
       UPDATE booking b SET status = 'cancelled', cancel_reason = COALESCE(b.cancel_reason, $1), updated_at = now()
       FROM ${target} t WHERE t.id = b.${target}_id AND t.status = 'cancelled' AND b.status = 'booked'
       RETURNING b.id, b.member_id, b.programme_item_id, b.activity_code, lower(b.during) AS start, b.office_id
     ), reopened AS (
       UPDATE programme_item i SET status = 'open', updated_at = now() FROM stranded s WHERE i.id = s.programme_item_id AND i.status = 'booked'
     ), told AS (
       INSERT INTO notification_event (member_id, kind, payload)
       SELECT member_id, 'booking-cancelled-by-office', jsonb_build_object('bookingId', id, 'activityCode', activity_code, 'start', start, 'reason', $1::text) FROM stranded
     )
     INSERT INTO audit_event (actor_role, actor_id, entity, entity_id, action, office_id, before, after)
     SELECT 'system', 'migration', 'booking', id, 'cancel', office_id, '{"status":"booked"}', jsonb_build_object('status', 'cancelled', 'reason', $1::text) FROM stranded`,
    [reason],
  );
}
