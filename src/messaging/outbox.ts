import type { Queryable } from '../common/database/queryable.js';
import type { BookingEvent } from './core/message-types.js';

/**
 * Decides the messages a change to a booking causes, inside the caller's transaction: call it after the
 * change, with the same transaction's query runner. One row per channel: the inbox always (delivered as it
 * commits), plus each of the member's chosen channels they have an address for. A rolled-back booking
 * therefore leaves no message, and a committed one always has its rows for the relay to send.
 *
 * The key carries the booking's iCalendar SEQUENCE (raised by PostgreSQL on every change of time, place or
 * status), so each change gets its own messages and a repeated call for the same change adds nothing.
 * `previous` is the time before a move (a session moved by the office), for the message to name both.
 */
export async function recordBookingMessage(db: Queryable, event: BookingEvent, bookingId: string, options: { reason?: string | null; previous?: { start: Date; end: Date } } = {}): Promise<void> {
  await db.query(
    `WITH target AS (
       SELECT b.id, b.member_id, b.office_id, b.activity_code, b.channel, lower(b.during) AS start, upper(b.during) AS "end",
              b.ical_uid, b.ical_sequence, coalesce(p.language, 'da') AS language,
              coalesce(p.channels, '{email,sms,push}'::text[]) AS channels, m.email, m.phone,
              EXISTS (SELECT 1 FROM push_subscription ps WHERE ps.member_id = b.member_id) AS has_push
       FROM booking b
       JOIN member m ON m.id = b.member_id AND m.status <> 'erased'
       LEFT JOIN message_preference p ON p.member_id = b.member_id
       WHERE b.id = $1
     )
     INSERT INTO message (event, event_key, member_id, channel, language, office_id, booking_id, payload, status, sent_at)
     SELECT $2, $2 || ':' || t.id || ':' || t.ical_sequence, t.member_id, c.channel, t.language, t.office_id, t.id,
            jsonb_build_object('bookingId', t.id, 'activityCode', t.activity_code, 'officeId', t.office_id, 'meetingChannel', t.channel,
                               'start', t.start, 'end', t."end", 'uid', t.ical_uid, 'sequence', t.ical_sequence, 'reason', $3::text)
              || CASE WHEN $4::timestamptz IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('previousStart', $4::timestamptz, 'previousEnd', $5::timestamptz) END,
            CASE WHEN c.channel = 'inbox' THEN 'sent' ELSE 'pending' END,
            CASE WHEN c.channel = 'inbox' THEN now() END
     FROM target t CROSS JOIN LATERAL unnest('{inbox}'::text[] || t.channels) AS c(channel)
     WHERE c.channel = 'inbox' OR (c.channel = 'email' AND t.email IS NOT NULL) OR (c.channel = 'sms' AND t.phone IS NOT NULL)
        OR (c.channel = 'push' AND t.has_push)
     ON CONFLICT (event_key, member_id, channel) DO NOTHING`,
    [bookingId, event, options.reason ?? null, options.previous?.start ?? null, options.previous?.end ?? null],
  );
}
