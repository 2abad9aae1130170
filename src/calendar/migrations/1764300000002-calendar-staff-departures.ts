import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A staff feed lists the bookings on the staff member's slots. When a booking moves to another
 * adviser's slot (reschedule), or the slot itself is handed to another adviser, it would simply vanish
 * from the old adviser's feed, and apps that keep what disappears would keep showing it as on. So the
 * old adviser is remembered, with the time, place and channel the feed last showed: the feed shows the
 * event there as cancelled for the cancellation grace period. The rows are written by triggers, whoever
 * moves the booking; a booking moving back removes its row. The existing triggers already move both
 * advisers' feed revisions in the same transaction.
 */
export class CalendarStaffDepartures1764300000002 implements MigrationInterface {
  name = 'CalendarStaffDepartures1764300000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE calendar_staff_departure (
        booking_id uuid NOT NULL,
        staff_id uuid NOT NULL,
        office_id uuid NOT NULL,
        activity_code text NOT NULL,
        channel text NOT NULL,
        during tstzrange NOT NULL,
        ical_sequence integer NOT NULL,
        departed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_calendar_staff_departure PRIMARY KEY (booking_id, staff_id),
        CONSTRAINT fk_calendar_staff_departure_booking FOREIGN KEY (booking_id) REFERENCES booking (id) ON DELETE CASCADE,
        CONSTRAINT fk_calendar_staff_departure_staff FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE,
        CONSTRAINT fk_calendar_staff_departure_office FOREIGN KEY (office_id) REFERENCES office (id) ON DELETE CASCADE,
        CONSTRAINT fk_calendar_staff_departure_activity FOREIGN KEY (activity_code) REFERENCES activity_type (code)
      )`);
    await db.query(
      `CREATE INDEX ix_calendar_staff_departure_staff ON calendar_staff_departure (staff_id, departed_at)`,
    );

    // NEW.ical_sequence is already raised by the BEFORE trigger, so the old adviser's app sees a newer
    // version of the event it had.
    await db.query(`
      CREATE FUNCTION calendar_booking_left_staff() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_staff uuid := (SELECT staff_id FROM slot WHERE id = OLD.slot_id);
        new_staff uuid := (SELECT staff_id FROM slot WHERE id = NEW.slot_id);
      BEGIN
        DELETE FROM calendar_staff_departure WHERE booking_id = NEW.id AND staff_id = new_staff;
        IF old_staff IS NOT NULL AND old_staff IS DISTINCT FROM new_staff THEN
          INSERT INTO calendar_staff_departure AS d (booking_id, staff_id, office_id, activity_code, channel, during, ical_sequence)
          VALUES (NEW.id, old_staff, OLD.office_id, OLD.activity_code, OLD.channel, OLD.during, NEW.ical_sequence)
          ON CONFLICT (booking_id, staff_id) DO UPDATE SET office_id = EXCLUDED.office_id, activity_code = EXCLUDED.activity_code,
            channel = EXCLUDED.channel, during = EXCLUDED.during, ical_sequence = EXCLUDED.ical_sequence, departed_at = now();
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_booking_calendar_staff_departure AFTER UPDATE OF slot_id ON booking FOR EACH ROW
      WHEN (OLD.slot_id IS DISTINCT FROM NEW.slot_id) EXECUTE FUNCTION calendar_booking_left_staff()`);

    // Handing a booked slot to someone else changes nothing the member sees, but the bookings' SEQUENCE
    // is raised so the old adviser's cancelled copy, and the event if the slot comes back, are newer.
    await db.query(`
      CREATE FUNCTION calendar_slot_left_staff() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM calendar_staff_departure d USING booking b WHERE b.slot_id = NEW.id AND d.booking_id = b.id AND d.staff_id = NEW.staff_id;
        WITH raised AS (
          UPDATE booking SET ical_sequence = ical_sequence + 1 WHERE slot_id = NEW.id
          RETURNING id, office_id, activity_code, channel, during, ical_sequence)
        INSERT INTO calendar_staff_departure AS d (booking_id, staff_id, office_id, activity_code, channel, during, ical_sequence)
        SELECT id, OLD.staff_id, office_id, activity_code, channel, during, ical_sequence FROM raised
        ON CONFLICT (booking_id, staff_id) DO UPDATE SET office_id = EXCLUDED.office_id, activity_code = EXCLUDED.activity_code,
          channel = EXCLUDED.channel, during = EXCLUDED.during, ical_sequence = EXCLUDED.ical_sequence, departed_at = now();
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tr_slot_calendar_staff_departure AFTER UPDATE OF staff_id ON slot FOR EACH ROW
      WHEN (OLD.staff_id IS DISTINCT FROM NEW.staff_id) EXECUTE FUNCTION calendar_slot_left_staff()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS tr_slot_calendar_staff_departure ON slot`);
    await db.query(`DROP TRIGGER IF EXISTS tr_booking_calendar_staff_departure ON booking`);
    await db.query(`DROP FUNCTION IF EXISTS calendar_slot_left_staff, calendar_booking_left_staff`);
    await db.query(`DROP TABLE IF EXISTS calendar_staff_departure`);
  }
}
