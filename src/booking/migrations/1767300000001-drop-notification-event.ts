import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The cancel of bookings left live on a slot or session being cancelled, as of 1764100000000 (its `down`). */
const OLD_CANCEL_LIVE = `
  CREATE OR REPLACE FUNCTION cancel_live_bookings_of(target_slot uuid, target_session uuid, reason text) RETURNS integer LANGUAGE sql AS $$
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
  $$`;

/**
 * `notification_event` was written and never read: the messaging outbox (`message`) is the channel members hear
 * from. The table goes, and the database's own cancel of bookings left live on a cancelled slot or session tells
 * the member through the outbox instead, with the rows `recordBookingMessage` (src/messaging/outbox.ts) writes for
 * `booking-cancelled-by-office`: the inbox, plus each chosen channel the member has an address for, keyed by the
 * booking's new iCalendar SEQUENCE (raised by tr_booking_ical_sequence before RETURNING sees the row).
 */
export class DropNotificationEvent1767300000001 implements MigrationInterface {
  name = 'DropNotificationEvent1767300000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION cancel_live_bookings_of(target_slot uuid, target_session uuid, reason text) RETURNS integer LANGUAGE sql AS $$
        WITH cancelled AS (
          UPDATE booking b SET status = 'cancelled', cancel_reason = COALESCE(b.cancel_reason, reason), updated_at = now()
          WHERE b.status = 'booked' AND (b.slot_id = target_slot OR b.session_id = target_session)
          RETURNING b.id, b.member_id, b.programme_item_id, b.activity_code, b.channel, lower(b.during) AS start, upper(b.during) AS "end",
                    b.office_id, b.ical_uid, b.ical_sequence
        ), reopened AS (
          UPDATE programme_item i SET status = 'open', updated_at = now() FROM cancelled c WHERE i.id = c.programme_item_id AND i.status = 'booked'
        ), told AS (
          INSERT INTO message (event, event_key, member_id, channel, language, office_id, booking_id, payload, status, sent_at)
          SELECT 'booking-cancelled-by-office', 'booking-cancelled-by-office:' || c.id || ':' || c.ical_sequence, c.member_id, ch.channel,
                 coalesce(p.language, 'da'), c.office_id, c.id,
                 jsonb_build_object('bookingId', c.id, 'activityCode', c.activity_code, 'officeId', c.office_id, 'meetingChannel', c.channel,
                                    'start', c.start, 'end', c."end", 'uid', c.ical_uid, 'sequence', c.ical_sequence, 'reason', reason),
                 CASE WHEN ch.channel = 'inbox' THEN 'sent' ELSE 'pending' END,
                 CASE WHEN ch.channel = 'inbox' THEN now() END
          FROM cancelled c
          JOIN member m ON m.id = c.member_id AND m.status <> 'erased'
          LEFT JOIN message_preference p ON p.member_id = c.member_id
          CROSS JOIN LATERAL unnest('{inbox}'::text[] || coalesce(p.channels, '{email,sms,push}'::text[])) AS ch(channel)
          WHERE ch.channel = 'inbox' OR (ch.channel = 'email' AND m.email IS NOT NULL) OR (ch.channel = 'sms' AND m.phone IS NOT NULL)
             OR (ch.channel = 'push' AND EXISTS (SELECT 1 FROM push_subscription ps WHERE ps.member_id = c.member_id))
          ON CONFLICT (event_key, member_id, channel) DO NOTHING
        ), audited AS (
          INSERT INTO audit_event (actor_role, actor_id, entity, entity_id, action, office_id, before, after)
          SELECT 'system', 'database', 'booking', id, 'cancel', office_id, '{"status":"booked"}', jsonb_build_object('status', 'cancelled', 'reason', reason) FROM cancelled
        )
        SELECT count(*)::int FROM cancelled
      $$`);
    await db.query(`DROP TABLE notification_event`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notification_event (
        id bigserial PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        kind text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX ix_notification_unsent ON notification_event (created_at) WHERE sent_at IS NULL`);
    await db.query(OLD_CANCEL_LIVE);
  }
}
