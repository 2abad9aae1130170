-- messaging.claimDue
WITH due AS (
        SELECT id, channel, status FROM message WHERE status IN ('pending', 'retrying') AND not_before <= $1 ORDER BY not_before, id LIMIT $2 FOR UPDATE SKIP LOCKED
      ), numbered AS (
        SELECT id, channel, status, (row_number() OVER (PARTITION BY channel ORDER BY id) - 1) / ($3::jsonb ->> channel)::int AS part FROM due
      ), batches AS MATERIALIZED (
        SELECT channel, part, nextval('message_job_key_seq') AS job_key FROM (SELECT DISTINCT channel, part FROM numbered) b
      ), claimed AS (
        UPDATE message m SET status = 'queued', job_key = b.job_key, queued_at = now(), updated_at = now()
        FROM numbered n JOIN batches b ON b.channel = n.channel AND b.part = n.part
        WHERE m.id = n.id RETURNING m.id, m.channel, m.job_key, n.status AS was
      ), logged AS (
        INSERT INTO message_delivery (message_id, state) SELECT id, 'queued' FROM claimed WHERE was = 'pending'
      )
      SELECT job_key::text AS job_key, channel, count(*)::int AS size FROM claimed GROUP BY job_key, channel ORDER BY job_key

-- messaging.listInFlight
select distinct cast("job_key" as text) as "job_key", "channel" from "message" where status IN ('queued', 'sending') and "job_key" is not null and "updated_at" < now() - make_interval(secs => $1::float8 / 1000) order by 1 limit $2

-- messaging.claimBatch
WITH claimed AS (
        UPDATE message SET status = 'sending', attempts = attempts + 1, updated_at = now()
        WHERE job_key = $1 AND (status = 'queued' OR (status = 'sending' AND updated_at < now() - make_interval(secs => $2::float8 / 1000)))
        RETURNING *
      ), logged AS (
        INSERT INTO message_delivery (message_id, state, detail) SELECT id, 'sending', 'attempt ' || attempts FROM claimed
      )
      SELECT msg.id::text, msg.event, msg.channel, msg.language, msg.payload, msg.member_id, msg.staff_id,
             CASE WHEN msg.staff_id IS NOT NULL THEN coalesce(st.active AND sp.adviser_day, false) END AS staff_wants_adviser_day,
             st.active AS staff_active, msg.attempts,
             msg.not_before, coalesce(m.email, st.email) AS email, m.phone, t.subject, t.body, 
  CASE WHEN msg.language = 'en' THEN a.name_en ELSE a.name_da END AS activity_name,
  o.name AS office_name, o.street, o.postcode, o.city,
             b.status AS booking_status, lower(b.during) AS booking_start
      FROM claimed msg
      LEFT JOIN member m ON m.id = msg.member_id
      LEFT JOIN staff st ON st.id = msg.staff_id
      LEFT JOIN staff_message_preference sp ON sp.staff_id = msg.staff_id
      LEFT JOIN message_template t ON t.event = msg.event AND t.channel = msg.channel AND t.language = msg.language
      LEFT JOIN activity_type a ON a.code = msg.payload->>'activityCode'
      LEFT JOIN office o ON o.id = msg.office_id
      LEFT JOIN booking b ON b.id = msg.booking_id
      ORDER BY msg.id

-- messaging.finishMany
WITH r AS (
        SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, attempts int, status text, state text, detail text, retry_in_ms float8)
      ), done AS (
        UPDATE message m SET status = r.status, updated_at = now(), sent_at = CASE WHEN r.status = 'sent' THEN now() ELSE m.sent_at END,
               last_error = CASE WHEN r.state IN ('failed', 'dead') THEN r.detail ELSE m.last_error END,
               not_before = CASE WHEN r.status = 'retrying' THEN now() + make_interval(secs => coalesce(r.retry_in_ms, 0) / 1000) ELSE m.not_before END
        FROM r WHERE m.id = r.id AND m.id = ANY($2::bigint[]) AND m.status = 'sending' AND m.attempts = r.attempts RETURNING m.id, r.state, r.detail
      )
      INSERT INTO message_delivery (message_id, state, detail) SELECT id, state, left(detail, 1000) FROM done

-- messaging.defer
WITH done AS (UPDATE message SET status = 'pending', not_before = $1, updated_at = now() WHERE id = $2 AND status = 'sending' RETURNING id)
      INSERT INTO message_delivery (message_id, state, detail)
      SELECT id, 'deferred', 'quiet hours until ' || to_char($3::timestamptz AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD HH24:MI') FROM done

-- messaging.listInbox
select cast("msg"."id" as text) as "id", "msg"."event", "msg"."language", "msg"."payload", "msg"."created_at", "msg"."read_at", "t"."subject", "t"."body", CASE WHEN msg.language = 'en' THEN a.name_en ELSE a.name_da END as "activity_name", "o"."name" as "office_name", "o"."street", "o"."postcode", "o"."city" from "message" as "msg" inner join "message_template" as "t" on "t"."event" = "msg"."event" and "t"."channel" = $1 and "t"."language" = "msg"."language" left join "activity_type" as "a" on a.code = msg.payload->>'activityCode' left join "office" as "o" on "o"."id" = "msg"."office_id" where "msg"."member_id" = $2 and "msg"."channel" = $3 order by "msg"."created_at" desc, "msg"."id" desc limit $4

-- messaging.markRead
update "message" set "read_at" = coalesce(read_at, now()) where "id" = $1 and "member_id" = $2 and "channel" = $3 returning "id"

-- messaging.listMemberMessages
select cast("id" as text) as "id", "event", "channel", "status", "attempts", "created_at", "sent_at", "last_error" from "message" where "member_id" = $1 order by "created_at" desc, "id" desc limit $2

-- messaging.preferences
select "channels", "reminder_hours", "language" from "message_preference" where "member_id" = $1

-- messaging.savePreferences
insert into "message_preference" ("member_id", "channels", "reminder_hours", "language") values ($1, $2, $3, $4) on conflict ("member_id") do update set "channels" = "excluded"."channels", "reminder_hours" = "excluded"."reminder_hours", "language" = "excluded"."language", "updated_at" = now()

-- messaging.unsubscribe
select "channels", "reminder_hours", "language" from "message_preference" where "member_id" = $1

-- messaging.unsubscribe
insert into "message_preference" ("member_id", "channels", "reminder_hours", "language") values ($1, $2, $3, $4) on conflict ("member_id") do update set "channels" = "excluded"."channels", "reminder_hours" = "excluded"."reminder_hours", "language" = "excluded"."language", "updated_at" = now()

-- messaging.unsubscribe
WITH done AS (UPDATE message SET status = 'skipped', updated_at = now() WHERE member_id = $1 AND channel = $2 AND status = 'pending' RETURNING id)
        INSERT INTO message_delivery (message_id, state, detail) SELECT id, 'skipped', 'unsubscribed' FROM done

-- messaging.memberDepartment
select "o"."department_id", "m"."status" from "member" as "m" inner join "office" as "o" on "o"."id" = "m"."home_office_id" where "m"."id" = $1

-- messaging.memberContact
select "m"."email" is not null as "email", "m"."phone" is not null as "phone", exists (select 1 as "one" from "push_subscription" as "p" where "p"."member_id" = "m"."id") as "push" from "member" as "m" where "m"."id" = $1

-- messaging.listDead
select cast("msg"."id" as text) as "id", "msg"."event", "msg"."channel", "msg"."member_id", "msg"."office_id", "msg"."attempts", "msg"."last_error", "msg"."created_at", "msg"."updated_at" as "failed_at" from "message" as "msg" left join "office" as "o" on "o"."id" = "msg"."office_id" where "msg"."status" = $1 order by "msg"."updated_at" desc limit $2

-- messaging.listDeadOfDepartment
select cast("msg"."id" as text) as "id", "msg"."event", "msg"."channel", "msg"."member_id", "msg"."office_id", "msg"."attempts", "msg"."last_error", "msg"."created_at", "msg"."updated_at" as "failed_at" from "message" as "msg" left join "office" as "o" on "o"."id" = "msg"."office_id" where "msg"."status" = $1 and "o"."department_id" = $2 order by "msg"."updated_at" desc limit $3

-- messaging.findMessageOffice
select "msg"."status", "o"."department_id" from "message" as "msg" left join "office" as "o" on "o"."id" = "msg"."office_id" where "msg"."id" = $1

-- messaging.retryDead
WITH done AS (UPDATE message SET status = 'pending', attempts = 0, not_before = now(), updated_at = now() WHERE id = $1 AND status = 'dead' RETURNING id)
      INSERT INTO message_delivery (message_id, state, detail) SELECT id, 'queued', 'retried by a coordinator' FROM done RETURNING message_id

-- messaging.insertDueReminders
WITH due AS (
        SELECT DISTINCT ON (b.id) b.id, b.member_id, b.office_id, b.activity_code, b.channel, lower(b.during) AS start, upper(b.during) AS end_at,
               h.hours, coalesce(p.language, 'da') AS language, coalesce(p.channels, '{email,sms,push}'::text[]) AS channels,
               m.email, m.phone, EXISTS (SELECT 1 FROM push_subscription ps WHERE ps.member_id = b.member_id) AS has_push
        FROM booking b
        JOIN member m ON m.id = b.member_id AND m.status = 'active'
        LEFT JOIN message_preference p ON p.member_id = b.member_id
        CROSS JOIN LATERAL unnest(coalesce(p.reminder_hours, '{24,2}'::int[])) AS h(hours)
        CROSS JOIN LATERAL (SELECT CASE WHEN h.hours % 24 = 0
                 THEN ((lower(b.during) AT TIME ZONE 'Europe/Copenhagen') - make_interval(days => h.hours / 24)) AT TIME ZONE 'Europe/Copenhagen'
                 ELSE lower(b.during) - make_interval(hours => h.hours) END AS at) d
        WHERE b.status = 'booked' AND lower(b.during) > $1::timestamptz AND lower(b.during) <= $2::timestamptz + interval '4 days'
          AND d.at <= $3::timestamptz AND d.at >= b.updated_at
        ORDER BY b.id, h.hours
      ), undecided AS (
        -- Every decision writes its inbox row with its other channels in one statement: a reminder whose inbox
        -- row exists is decided, so the scan every minute skips it before building its rows.
        SELECT * FROM due d
        WHERE NOT EXISTS (SELECT 1 FROM message x WHERE x.event_key = 'reminder:' || d.id || ':' || d.hours || 'h:' || extract(epoch FROM d.start)::bigint
                            AND x.member_id = d.member_id AND x.channel = 'inbox')
      )
      INSERT INTO message (event, event_key, member_id, channel, language, office_id, booking_id, payload, status, sent_at)
      SELECT 'reminder', 'reminder:' || d.id || ':' || d.hours || 'h:' || extract(epoch FROM d.start)::bigint, d.member_id, c.channel, d.language,
             d.office_id, d.id,
             jsonb_build_object('bookingId', d.id, 'activityCode', d.activity_code, 'officeId', d.office_id, 'meetingChannel', d.channel,
                                'start', d.start, 'end', d.end_at, 'hoursBefore', d.hours),
             CASE WHEN c.channel = 'inbox' THEN 'sent' ELSE 'pending' END, CASE WHEN c.channel = 'inbox' THEN now() END
      FROM undecided d CROSS JOIN LATERAL unnest('{inbox}'::text[] || d.channels) AS c(channel)
      WHERE c.channel = 'inbox' OR (c.channel = 'email' AND d.email IS NOT NULL) OR (c.channel = 'sms' AND d.phone IS NOT NULL) OR (c.channel = 'push' AND d.has_push)
      ON CONFLICT (event_key, member_id, channel) DO NOTHING
      RETURNING id

-- messaging.insertBookNow
WITH due AS (
        SELECT i.id, i.member_id, i.activity_code, i.window_end, m.home_office_id, e.event,
               coalesce(p.language, 'da') AS language, coalesce(p.channels, '{email,sms,push}'::text[]) AS channels,
               m.email, m.phone, EXISTS (SELECT 1 FROM push_subscription ps WHERE ps.member_id = i.member_id) AS has_push
        FROM programme_item i
        JOIN member m ON m.id = i.member_id AND m.status = 'active'
        LEFT JOIN message_preference p ON p.member_id = i.member_id
        CROSS JOIN LATERAL (
          SELECT 'book-now-open' AS event WHERE i.window_start > $1::timestamptz - interval '14 days'
          UNION ALL SELECT 'book-now-closing' WHERE i.window_end <= $2::timestamptz
        ) e
        WHERE i.status = 'open' AND i.window_start <= $3::timestamptz AND i.window_end > $4::timestamptz
          AND (i.window_start > $5::timestamptz - interval '14 days' OR i.window_end <= $6::timestamptz)
          AND NOT EXISTS (SELECT 1 FROM message x WHERE x.event_key = e.event || ':' || i.id AND x.member_id = i.member_id AND x.channel = 'inbox')
      )
      INSERT INTO message (event, event_key, member_id, channel, language, office_id, payload, status, sent_at)
      SELECT d.event, d.event || ':' || d.id, d.member_id, c.channel, d.language, d.home_office_id,
             jsonb_build_object('programmeItemId', d.id, 'activityCode', d.activity_code, 'officeId', d.home_office_id, 'bookBy', d.window_end),
             CASE WHEN c.channel = 'inbox' THEN 'sent' ELSE 'pending' END, CASE WHEN c.channel = 'inbox' THEN now() END
      FROM due d CROSS JOIN LATERAL unnest('{inbox}'::text[] || d.channels) AS c(channel)
      WHERE c.channel = 'inbox' OR (c.channel = 'email' AND d.email IS NOT NULL) OR (c.channel = 'sms' AND d.phone IS NOT NULL) OR (c.channel = 'push' AND d.has_push)
      ON CONFLICT (event_key, member_id, channel) DO NOTHING
      RETURNING id

-- messaging.staffPreferences
select "adviser_day", "language" from "staff_message_preference" where "staff_id" = $1

-- messaging.saveStaffPreferences
insert into "staff_message_preference" ("staff_id", "adviser_day", "language") values ($1, $2, $3) on conflict ("staff_id") do update set "adviser_day" = "excluded"."adviser_day", "language" = "excluded"."language", "updated_at" = now()

-- messaging.findStaff
select "id", "active" from "staff" where "id" = $1

-- messaging.insertAdviserDays
WITH opted AS (
        SELECT st.id, st.office_id, sp.language
        FROM staff_message_preference sp JOIN staff st ON st.id = sp.staff_id AND st.active
        WHERE sp.adviser_day
      ), appointments AS (
        SELECT o.id AS staff_id, lower(b.during) AS start, upper(b.during) AS end_at, b.activity_code, b.office_id, NULL::text AS room, 'slot' AS kind, NULL::int AS participants
        FROM opted o
        JOIN slot sl ON sl.staff_id = o.id AND sl.status = 'open' AND sl.during && tstzrange($1::timestamptz, $2::timestamptz)
        JOIN booking b ON b.slot_id = sl.id AND b.status = 'booked'
        WHERE lower(b.during) >= $3::timestamptz AND lower(b.during) < $4::timestamptz
        UNION ALL
        SELECT o.id, lower(se.during), upper(se.during), se.activity_code, se.office_id, r.name, 'session', se.booked
        FROM opted o
        JOIN session_leader l ON l.staff_id = o.id
        JOIN session se ON se.id = l.session_id AND se.status = 'scheduled' AND lower(se.during) >= $5::timestamptz AND lower(se.during) < $6::timestamptz
        JOIN room r ON r.id = se.room_id
      )
      INSERT INTO message (event, event_key, staff_id, channel, language, office_id, payload)
      SELECT 'adviser-day', 'adviser-day:' || $7::text, o.id, 'email', o.language, o.office_id,
             jsonb_build_object('activityCode', 'adviser-day', 'date', $8::text, 'appointments',
               jsonb_agg(jsonb_strip_nulls(jsonb_build_object('start', a.start, 'end', a.end_at, 'activityCode', a.activity_code, 'officeId', a.office_id,
                                                              'room', a.room, 'kind', a.kind, 'participants', a.participants)) ORDER BY a.start))
      FROM appointments a JOIN opted o ON o.id = a.staff_id
      GROUP BY o.id, o.office_id, o.language
      ON CONFLICT (event_key, staff_id, channel) WHERE staff_id IS NOT NULL DO NOTHING
      RETURNING id

-- messaging.names
select "code", CASE WHEN $1 = 'en' THEN name_en ELSE name_da END as "name" from "activity_type" where "code" = any($2)

-- messaging.names
select "id", "name" from "office" where "id" = any($1::uuid[])

-- messaging.names
select "id", "name" from "staff" where "id" = any($1::uuid[])

-- messaging.officeDepartment
select "department_id" from "office" where "id" = $1

-- messaging.messagesPerDay
select to_char(created_at AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD') as "day", "channel", count(*) FILTER (WHERE status = 'sent')::int as "sent", count(*) FILTER (WHERE status = 'dead')::int as "failed", count(*) FILTER (WHERE status = 'skipped')::int as "skipped", count(*) FILTER (WHERE status IN ('pending', 'queued', 'sending', 'retrying'))::int as "in_flight" from "message" where "office_id" = $1 and "created_at" >= $2 and "created_at" < $3 group by 1, 2 order by 1, 2

-- messaging.noShowsByReminder
SELECT r.reminded, count(*)::int AS appointments, count(*) FILTER (WHERE b.status = 'no-show')::int AS no_shows
      FROM booking b
      CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM message m WHERE m.booking_id = b.id AND m.event = 'reminder' AND m.channel <> 'inbox' AND m.status = 'sent') AS reminded) r
      WHERE b.office_id = $1 AND lower(b.during) >= $2 AND lower(b.during) < $3 AND b.status IN ('attended', 'no-show')
      GROUP BY r.reminded

-- messaging.deliveryLog
select "at", "state", "detail" from "message_delivery" where "message_id" = $1 order by "at", "id"

-- messaging.recordBookingMessage
WITH target AS (
      SELECT b.id, b.member_id, b.office_id, b.activity_code, b.channel, lower(b.during) AS start, upper(b.during) AS end_at,
             b.ical_uid, b.ical_sequence, coalesce(p.language, 'da') AS language,
             coalesce(p.channels, '{email,sms,push}'::text[]) AS channels, m.email, m.phone,
             EXISTS (SELECT 1 FROM push_subscription ps WHERE ps.member_id = b.member_id) AS has_push
      FROM booking b
      JOIN member m ON m.id = b.member_id AND m.status <> 'erased'
      LEFT JOIN message_preference p ON p.member_id = b.member_id
      WHERE b.id = $1
    )
    INSERT INTO message (event, event_key, member_id, channel, language, office_id, booking_id, payload, status, sent_at)
    SELECT $2::text, $3::text || ':' || t.id || ':' || t.ical_sequence, t.member_id, c.channel, t.language, t.office_id, t.id,
           jsonb_build_object('bookingId', t.id, 'activityCode', t.activity_code, 'officeId', t.office_id, 'meetingChannel', t.channel,
                              'start', t.start, 'end', t.end_at, 'uid', t.ical_uid, 'sequence', t.ical_sequence, 'reason', $4::text)
             || CASE WHEN $5::timestamptz IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('previousStart', $6::timestamptz, 'previousEnd', $7::timestamptz) END,
           CASE WHEN c.channel = 'inbox' THEN 'sent' ELSE 'pending' END,
           CASE WHEN c.channel = 'inbox' THEN now() END
    FROM target t CROSS JOIN LATERAL unnest('{inbox}'::text[] || t.channels) AS c(channel)
    WHERE c.channel = 'inbox' OR (c.channel = 'email' AND t.email IS NOT NULL) OR (c.channel = 'sms' AND t.phone IS NOT NULL)
       OR (c.channel = 'push' AND t.has_push)
    ON CONFLICT (event_key, member_id, channel) DO NOTHING

-- messaging.recordBookingMessageMoved
WITH target AS (
      SELECT b.id, b.member_id, b.office_id, b.activity_code, b.channel, lower(b.during) AS start, upper(b.during) AS end_at,
             b.ical_uid, b.ical_sequence, coalesce(p.language, 'da') AS language,
             coalesce(p.channels, '{email,sms,push}'::text[]) AS channels, m.email, m.phone,
             EXISTS (SELECT 1 FROM push_subscription ps WHERE ps.member_id = b.member_id) AS has_push
      FROM booking b
      JOIN member m ON m.id = b.member_id AND m.status <> 'erased'
      LEFT JOIN message_preference p ON p.member_id = b.member_id
      WHERE b.id = $1
    )
    INSERT INTO message (event, event_key, member_id, channel, language, office_id, booking_id, payload, status, sent_at)
    SELECT $2::text, $3::text || ':' || t.id || ':' || t.ical_sequence, t.member_id, c.channel, t.language, t.office_id, t.id,
           jsonb_build_object('bookingId', t.id, 'activityCode', t.activity_code, 'officeId', t.office_id, 'meetingChannel', t.channel,
                              'start', t.start, 'end', t.end_at, 'uid', t.ical_uid, 'sequence', t.ical_sequence, 'reason', $4::text)
             || CASE WHEN $5::timestamptz IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('previousStart', $6::timestamptz, 'previousEnd', $7::timestamptz) END,
           CASE WHEN c.channel = 'inbox' THEN 'sent' ELSE 'pending' END,
           CASE WHEN c.channel = 'inbox' THEN now() END
    FROM target t CROSS JOIN LATERAL unnest('{inbox}'::text[] || t.channels) AS c(channel)
    WHERE c.channel = 'inbox' OR (c.channel = 'email' AND t.email IS NOT NULL) OR (c.channel = 'sms' AND t.phone IS NOT NULL)
       OR (c.channel = 'push' AND t.has_push)
    ON CONFLICT (event_key, member_id, channel) DO NOTHING

-- messaging.recordSlotsWithdrawnMessages
WITH w AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS w(slot_id uuid, session_id uuid)
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
    SELECT 'slots-withdrawn', 'slots-withdrawn:' || $2::text, st.id, 'email', coalesce(sp.language, 'da'), (array_agg(l.office_id ORDER BY l.start, l.slot_id))[1],
           jsonb_build_object('activityCode', 'slots-withdrawn', 'runId', $3::text, 'withdrawals',
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
    RETURNING id

-- messaging.unsubscribeTokenKey
select "key" from "message_link_key" where "id" = $1
