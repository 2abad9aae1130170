import { sql } from 'kysely';
import { kysely } from '../common/database/kysely.js';
import type { Queryable } from '../common/database/queryable.js';
import { json } from '../common/database/sql-fragments.js';
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
export async function recordBookingMessage(
  db: Queryable,
  event: BookingEvent,
  bookingId: string,
  options: { reason?: string | null; previous?: { start: Date; end: Date } } = {},
): Promise<void> {
  const kind = sql<string>`${event}::text`;
  const previousStart = sql<Date | null>`${options.previous?.start ?? null}::timestamptz`;
  const previousEnd = sql<Date | null>`${options.previous?.end ?? null}::timestamptz`;
  await sql`
    WITH target AS (
      SELECT b.id, b.member_id, b.office_id, b.activity_code, b.channel, lower(b.during) AS start, upper(b.during) AS end_at,
             b.ical_uid, b.ical_sequence, coalesce(p.language, 'da') AS language,
             coalesce(p.channels, '{email,sms,push}'::text[]) AS channels, m.email, m.phone,
             EXISTS (SELECT 1 FROM push_subscription ps WHERE ps.member_id = b.member_id) AS has_push
      FROM booking b
      JOIN member m ON m.id = b.member_id AND m.status <> 'erased'
      LEFT JOIN message_preference p ON p.member_id = b.member_id
      WHERE b.id = ${bookingId}
    )
    INSERT INTO message (event, event_key, member_id, channel, language, office_id, booking_id, payload, status, sent_at)
    SELECT ${kind}, ${kind} || ':' || t.id || ':' || t.ical_sequence, t.member_id, c.channel, t.language, t.office_id, t.id,
           jsonb_build_object('bookingId', t.id, 'activityCode', t.activity_code, 'officeId', t.office_id, 'meetingChannel', t.channel,
                              'start', t.start, 'end', t.end_at, 'uid', t.ical_uid, 'sequence', t.ical_sequence, 'reason', ${options.reason ?? null}::text)
             || CASE WHEN ${previousStart} IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('previousStart', ${previousStart}, 'previousEnd', ${previousEnd}) END,
           CASE WHEN c.channel = 'inbox' THEN 'sent' ELSE 'pending' END,
           CASE WHEN c.channel = 'inbox' THEN now() END
    FROM target t CROSS JOIN LATERAL unnest('{inbox}'::text[] || t.channels) AS c(channel)
    WHERE c.channel = 'inbox' OR (c.channel = 'email' AND t.email IS NOT NULL) OR (c.channel = 'sms' AND t.phone IS NOT NULL)
       OR (c.channel = 'push' AND t.has_push)
    ON CONFLICT (event_key, member_id, channel) DO NOTHING`.execute(kysely(db));
}

/**
 * Tells staff that an optimiser apply withdrew unbooked slots to open group sessions, inside the apply's
 * transaction: one e-mail per staff member per apply (keyed by the run), to each staff member whose slots
 * went and to the active office coordinators of the departments the slots belonged to, listing each
 * withdrawn time and the session that took it. A coordinator who also lost slots gets one message. A
 * rolled-back apply leaves no message; a repeated call for the same run adds nothing.
 */
export async function recordSlotsWithdrawnMessages(
  db: Queryable,
  runId: string,
  withdrawals: { slotId: string; sessionId: string }[],
): Promise<number> {
  if (withdrawals.length === 0) return 0;
  const run = sql<string>`${runId}::text`;
  const records = withdrawals.map((w) => ({ slot_id: w.slotId, session_id: w.sessionId }));
  const { rows } = await sql<{ id: string }>`
    WITH w AS (
      SELECT * FROM jsonb_to_recordset(${json(records)}::jsonb) AS w(slot_id uuid, session_id uuid)
    ), lines AS (
      SELECT sl.id AS slot_id, sl.staff_id, sl.office_id, o.department_id, lower(sl.during) AS start, upper(sl.during) AS end_at,
             se.id AS session_id, lower(se.during) AS session_start, upper(se.during) AS session_end, se.activity_code, se.office_id AS session_office_id, r.name AS room
      FROM w
      JOIN slot sl ON sl.id = w.slot_id
      JOIN office o ON o.id = sl.office_id
      JOIN session se ON se.id = w.session_id
      LEFT JOIN room r ON r.id = se.room_id
    ), recipients AS (
      SELECT l.staff_id AS recipient, l.slot_id FROM lines l
      UNION
      SELECT c.id, l.slot_id FROM lines l JOIN staff c ON c.role = 'office-coordinator' AND c.active AND c.department_id = l.department_id
    )
    INSERT INTO message (event, event_key, staff_id, channel, language, office_id, payload)
    SELECT 'slots-withdrawn', 'slots-withdrawn:' || ${run}, st.id, 'email', coalesce(sp.language, 'da'), (array_agg(l.office_id ORDER BY l.start, l.slot_id))[1],
           jsonb_build_object('activityCode', 'slots-withdrawn', 'runId', ${run}, 'withdrawals',
             jsonb_agg(jsonb_strip_nulls(jsonb_build_object('slotId', l.slot_id, 'staffId', l.staff_id, 'start', l.start, 'end', l.end_at, 'officeId', l.office_id,
                                                            'sessionId', l.session_id, 'sessionStart', l.session_start, 'sessionEnd', l.session_end,
                                                            'sessionActivityCode', l.activity_code, 'sessionOfficeId', l.session_office_id, 'room', l.room))
                       ORDER BY l.start, l.slot_id))
    FROM recipients rc
    JOIN lines l ON l.slot_id = rc.slot_id
    JOIN staff st ON st.id = rc.recipient AND st.active
    LEFT JOIN staff_message_preference sp ON sp.staff_id = st.id
    GROUP BY st.id, sp.language
    ON CONFLICT (event_key, staff_id, channel) WHERE staff_id IS NOT NULL DO NOTHING
    RETURNING id`.execute(kysely(db));
  return rows.length;
}
