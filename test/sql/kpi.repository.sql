-- kpi.counts
WITH offices AS (
    SELECT o.id, o.code, o.name, o.department_id, d.name AS department_name
    FROM office o JOIN department d ON d.id = o.department_id
    WHERE ($1::uuid IS NULL OR o.department_id = $2)
  ),
  items AS (
    SELECT m.home_office_id AS office_id, count(*) AS due,
           count(*) FILTER (WHERE i.status = 'done' AND EXISTS (
             SELECT 1 FROM booking b WHERE b.programme_item_id = i.id AND b.status = 'attended'
               AND lower(b.during) >= i.window_start AND upper(b.during) <= i.window_end)) AS held
    FROM programme_item i JOIN member m ON m.id = i.member_id
    WHERE i.window_end > $3 AND i.window_end <= $4 AND i.required AND i.status <> 'waived'
    GROUP BY 1
  ),
  first_meetings AS (
    SELECT m.home_office_id AS office_id, count(*) AS due,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM booking b WHERE b.member_id = m.id AND b.activity_code = $5 AND b.status = 'attended' AND b.channel = $6
               AND lower(b.during) < (m.first_unemployment_day + $7::int)::timestamp AT TIME ZONE 'Europe/Copenhagen')) AS held
    FROM member m
    WHERE m.first_unemployment_day + ($8::int - 1) BETWEEN $9::date AND $10::date
      AND (m.referred_at IS NULL OR m.referred_at >= (m.first_unemployment_day + $11::int)::timestamp AT TIME ZONE 'Europe/Copenhagen')
    GROUP BY 1
  ),
  active AS (
    SELECT m.home_office_id AS office_id, count(*) AS members
    FROM member m
    CROSS JOIN LATERAL (SELECT COALESCE(m.referred_at, CASE m.status WHEN 'closed' THEN m.updated_at WHEN 'erased' THEN m.erased_at END) AS left_at) l
    WHERE m.first_unemployment_day <= $12::date AND (l.left_at IS NULL OR l.left_at >= $13)
    GROUP BY 1
  ),
  job_meetings AS (
    SELECT m.home_office_id AS office_id, count(*) AS meetings
    FROM booking b JOIN member m ON m.id = b.member_id JOIN activity_type a ON a.code = b.activity_code
    WHERE a.counts_as_job_meeting AND b.status = 'attended'
      AND b.during && tstzrange($14, $15, '[)') AND lower(b.during) >= $16 AND lower(b.during) < $17
    GROUP BY 1
  ),
  held_bookings AS (
    SELECT b.office_id, count(*) FILTER (WHERE b.status <> 'cancelled') AS bookings,
           count(*) FILTER (WHERE b.status = 'attended') AS attended, count(*) FILTER (WHERE b.status = 'no-show') AS no_shows
    FROM booking b
    WHERE b.during && tstzrange($18, $19, '[)') AND lower(b.during) >= $20 AND lower(b.during) < $21
    GROUP BY 1
  ),
  waiting AS (
    SELECT s.office_id, count(*) AS entries
    FROM waitlist_entry w JOIN session s ON s.id = w.session_id
    WHERE w.created_at < $22 AND (w.status = 'waiting' OR w.updated_at >= $23) AND lower(s.during) >= $24
    GROUP BY 1
  ),
  published_slots AS (
    SELECT s.office_id, sum(minutes) AS published,
           sum(minutes) FILTER (WHERE EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')) AS booked
    FROM slot s CROSS JOIN LATERAL (SELECT round(extract(epoch FROM upper(s.during) - lower(s.during)) / 60) AS minutes) d
    WHERE s.status = 'open' AND s.during && tstzrange($25, $26, '[)') AND lower(s.during) >= $27 AND lower(s.during) < $28
    GROUP BY 1
  ),
  sessions AS (
    SELECT s.office_id, sum(s.capacity) AS seats,
           sum((SELECT count(*) FROM booking b WHERE b.session_id = s.id AND b.status <> 'cancelled')) AS seats_booked
    FROM session s
    WHERE s.status = 'scheduled' AND s.during && tstzrange($29, $30, '[)') AND lower(s.during) >= $31 AND lower(s.during) < $32
    GROUP BY 1
  ),
  per_office AS (
    SELECT o.*,
           COALESCE(i.due, 0) AS items_due, COALESCE(i.held, 0) AS items_held,
           COALESCE(f.due, 0) AS first_due, COALESCE(f.held, 0) AS first_held,
           COALESCE(a.members, 0) AS active_members, COALESCE(j.meetings, 0) AS job_meetings,
           COALESCE(hb.bookings, 0) AS bookings, COALESCE(hb.attended, 0) AS attended, COALESCE(hb.no_shows, 0) AS no_shows,
           COALESCE(w.entries, 0) AS waiting,
           COALESCE(ps.published, 0) AS published_minutes, COALESCE(ps.booked, 0) AS booked_minutes,
           COALESCE(se.seats, 0) AS seats, COALESCE(se.seats_booked, 0) AS seats_booked
    FROM offices o
    LEFT JOIN items i ON i.office_id = o.id
    LEFT JOIN first_meetings f ON f.office_id = o.id
    LEFT JOIN active a ON a.office_id = o.id
    LEFT JOIN job_meetings j ON j.office_id = o.id
    LEFT JOIN held_bookings hb ON hb.office_id = o.id
    LEFT JOIN waiting w ON w.office_id = o.id
    LEFT JOIN published_slots ps ON ps.office_id = o.id
    LEFT JOIN sessions se ON se.office_id = o.id
  ),
  summed AS (
    SELECT GROUPING(p.id) AS is_total, p.id, p.code, p.name, p.department_id, p.department_name,
           sum(items_due) AS items_due, sum(items_held) AS items_held, sum(first_due) AS first_due, sum(first_held) AS first_held,
           sum(active_members) AS active_members, sum(job_meetings) AS job_meetings,
           sum(bookings) AS bookings, sum(attended) AS attended, sum(no_shows) AS no_shows, sum(waiting) AS waiting,
           sum(published_minutes) AS published_minutes, sum(booked_minutes) AS booked_minutes,
           sum(seats) AS seats, sum(seats_booked) AS seats_booked
    FROM per_office p
    GROUP BY GROUPING SETS ((p.id, p.code, p.name, p.department_id, p.department_name), ())
  )
  SELECT id AS office_id, code AS office_code, name AS office_name, department_id, department_name,
         items_due::int AS items_due, items_held::int AS items_held_in_window, round(items_held::numeric / NULLIF(items_due, 0), 4)::float8 AS items_held_in_window_share,
         first_due::int AS first_meetings_due, first_held::int AS first_meetings_on_time, round(first_held::numeric / NULLIF(first_due, 0), 4)::float8 AS first_meetings_on_time_share,
         active_members::int AS active_members, job_meetings::int AS job_meetings, round(job_meetings::numeric / NULLIF(active_members, 0), 4)::float8 AS job_meetings_per_member,
         bookings::int AS bookings, attended::int AS attended, no_shows::int AS no_shows, round(no_shows::numeric / NULLIF(attended + no_shows, 0), 4)::float8 AS no_show_rate,
         waiting::int AS waitlist_length,
         published_minutes::int AS published_slot_minutes, booked_minutes::int AS booked_slot_minutes, round(booked_minutes::numeric / NULLIF(published_minutes, 0), 4)::float8 AS slot_minutes_used_share,
         seats::int AS session_seats, seats_booked::int AS session_seats_booked, round(seats_booked::numeric / NULLIF(seats, 0), 4)::float8 AS session_seats_used_share
  FROM summed
  ORDER BY is_total, department_name, name

-- kpi.bookingsByActivity
select "b"."office_id", "b"."activity_code", count(*)::int as "bookings" from "booking" as "b" inner join "office" as "o" on "o"."id" = "b"."office_id" where "b"."status" <> $1 and "b"."during" && tstzrange($2, $3, '[)') and lower(b.during) >= $4 and lower(b.during) < $5 and "o"."department_id" = $6 group by GROUPING SETS ((b.office_id, b.activity_code), (b.activity_code))

-- kpi.bookingsByActivityAllDepartments
select "b"."office_id", "b"."activity_code", count(*)::int as "bookings" from "booking" as "b" inner join "office" as "o" on "o"."id" = "b"."office_id" where "b"."status" <> $1 and "b"."during" && tstzrange($2, $3, '[)') and lower(b.during) >= $4 and lower(b.during) < $5 group by GROUPING SETS ((b.office_id, b.activity_code), (b.activity_code))

-- kpi.activityCodes
select "code" from "activity_type" order by "code"
