-- demo-data.isEmpty
select count(*)::int as "count" from "office"

-- demo-data.load
SELECT pg_advisory_xact_lock(hashtext('demo-data'))

-- demo-data.load
select count(*)::int as "count" from "office"

-- demo-data.load
insert into "department" ("code", "name") SELECT code, name FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text)

-- demo-data.load
insert into "office" ("code", "name", "kind", "department_id", "town", "municipality_code", "lat", "lon", "island", "street", "postcode", "city", "is_head_office", "is_contact_centre") SELECT r.code, r.name, r.kind, d.id, r.town, r.municipality_code, r.lat, r.lon, r.island, r.street, r.postcode, r.city, r.head, r.centre
       FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, kind text, department_code text, town text, municipality_code text,
         lat float8, lon float8, island text, street text, postcode text, city text, head boolean, centre boolean)
       JOIN department d ON d.code = r.department_code

-- demo-data.load
insert into "room" ("office_id", "name", "seats") SELECT o.id, r.name, r.seats FROM jsonb_to_recordset($1::jsonb) AS r(office_code text, name text, seats int) JOIN office o ON o.code = r.office_code

-- demo-data.load
insert into "office_opening_hours" ("office_id", "weekday", "opens", "closes") SELECT o.id, r.weekday, r.opens::time, r.closes::time
       FROM jsonb_to_recordset($1::jsonb) AS r(office_code text, weekday int, opens text, closes text) JOIN office o ON o.code = r.office_code

-- demo-data.load
insert into "closure_day" ("office_id", "day", "reason") SELECT o.id, r.day, r.reason FROM jsonb_to_recordset($1::jsonb) AS r(day date, reason text) CROSS JOIN office o

-- demo-data.load
insert into "staff" ("employee_number", "name", "email", "role", "office_id", "department_id", "team_id", "skills", "weekly_hours") SELECT r.employee_number, r.name, r.email, r.role, o.id, d.id, t.id, r.skills, r.weekly_hours
       FROM jsonb_to_recordset($1::jsonb) AS r(employee_number text, name text, email text, role text, office_code text,
         department_code text, team_code text, skills text[], weekly_hours numeric)
       LEFT JOIN office o ON o.code = r.office_code
       LEFT JOIN department d ON d.code = r.department_code
       LEFT JOIN team t ON t.code = r.team_code

-- demo-data.load
insert into "staff_absence" ("staff_id", "period", "reason") SELECT s.id, daterange(make_date(y, 6, 29) + stagger * 7, make_date(y, 6, 29) + stagger * 7 + 21), 'vacation'
            FROM (SELECT id, (row_number() OVER (ORDER BY employee_number) % 4)::int AS stagger FROM staff) AS s
            CROSS JOIN (VALUES ($1::int), ($2::int + 1)) AS years(y)

-- demo-data.load
insert into "inflow_week" ("office_id", "week_start", "target_group", "new_members", "source") SELECT o.id, r.week_start, r.target_group, r.new_members, 'demo'
         FROM jsonb_to_recordset($1::jsonb) AS r(office_code text, week_start date, target_group text, new_members int)
         JOIN office o ON o.code = r.office_code

-- demo-data.load
insert into "inflow_week" ("office_id", "week_start", "target_group", "new_members", "source") SELECT o.id, r.week_start, r.target_group, r.new_members, 'demo'
         FROM jsonb_to_recordset($1::jsonb) AS r(office_code text, week_start date, target_group text, new_members int)
         JOIN office o ON o.code = r.office_code

-- demo-data.load
select "o"."code", "c"."day"::text as "day" from "closure_day" as "c" inner join "office" as "o" on "o"."id" = "c"."office_id"

-- demo-data.load
select "s"."employee_number" as "number", lower("a"."period")::text as "from", upper("a"."period")::text as "to" from "staff_absence" as "a" inner join "staff" as "s" on "s"."id" = "a"."staff_id"

-- demo-data.load
insert into "member" ("id", "member_number", "name", "municipality_code", "home_office_id", "first_unemployment_day", "risk", "target_group", "basic_it_needs", "programme_template_id", "created_at", "updated_at") SELECT r.id, r.member_number, r.name, r.municipality_code, o.id, r.first_day, CASE WHEN r.target_group = 'low-risk' THEN 'low' ELSE 'high' END,
         r.target_group, r.basic_it_needs, t.id, r.first_day::timestamptz, r.first_day::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, member_number text, name text, municipality_code text, office_code text, first_day date,
         target_group text, basic_it_needs boolean)
       JOIN office o ON o.code = r.office_code
       JOIN LATERAL (SELECT id FROM programme_template WHERE target_group = r.target_group ORDER BY version DESC LIMIT 1) t ON true

-- demo-data.load
insert into "programme_item" ("id", "member_id", "activity_code", "required", "window_start", "window_end", "channels", "status", "origin") SELECT r.id, r.member_id, r.activity_code, r.required, r.window_start, r.window_end, r.channels, r.status, r.origin
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, member_id uuid, activity_code text, required boolean, window_start timestamptz,
         window_end timestamptz, channels text[], status text, origin text)

-- demo-data.load
insert into "slot" ("id", "office_id", "staff_id", "activity_codes", "channel", "during") SELECT r.id, o.id, s.id, r.activity_codes, r.channel, tstzrange(r.start_at, r.end_at, '[)')
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, office_code text, staff_number text, activity_codes text[], channel text,
         start_at timestamptz, end_at timestamptz)
       JOIN office o ON o.code = r.office_code
       JOIN staff s ON s.employee_number = r.staff_number

-- demo-data.load
insert into "slot" ("id", "office_id", "staff_id", "activity_codes", "channel", "during") SELECT r.id, o.id, s.id, r.activity_codes, r.channel, tstzrange(r.start_at, r.end_at, '[)')
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, office_code text, staff_number text, activity_codes text[], channel text,
         start_at timestamptz, end_at timestamptz)
       JOIN office o ON o.code = r.office_code
       JOIN staff s ON s.employee_number = r.staff_number

-- demo-data.load
insert into "slot" ("id", "office_id", "staff_id", "activity_codes", "channel", "during") SELECT r.id, o.id, s.id, r.activity_codes, r.channel, tstzrange(r.start_at, r.end_at, '[)')
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, office_code text, staff_number text, activity_codes text[], channel text,
         start_at timestamptz, end_at timestamptz)
       JOIN office o ON o.code = r.office_code
       JOIN staff s ON s.employee_number = r.staff_number

-- demo-data.load
insert into "session" ("id", "office_id", "room_id", "activity_code", "during", "capacity", "min_participants", "booked", "cutoff_at") SELECT r.id, o.id, room.id, r.activity_code, tstzrange(r.start_at, r.end_at, '[)'), r.capacity, r.min_participants, r.booked,
         r.start_at - interval '3 days'
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, office_code text, room_name text, activity_code text, start_at timestamptz,
         end_at timestamptz, capacity int, min_participants int, booked int)
       JOIN office o ON o.code = r.office_code
       JOIN room ON room.office_id = o.id AND room.name = r.room_name

-- demo-data.load
insert into "session_leader" ("session_id", "staff_id") SELECT r.session_id, s.id FROM jsonb_to_recordset($1::jsonb) AS r(session_id uuid, staff_number text)
       JOIN staff s ON s.employee_number = r.staff_number

-- demo-data.load
insert into "booking" ("id", "member_id", "programme_item_id", "slot_id", "session_id", "office_id", "activity_code", "channel", "during", "status", "booked_by_role", "cancel_reason", "created_at", "updated_at") SELECT r.id, r.member_id, r.item_id, r.slot_id, r.session_id, o.id, r.activity_code, r.channel, tstzrange(r.start_at, r.end_at, '[)'),
         r.status, r.booked_by_role, r.cancel_reason, r.created_at, r.updated_at
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, member_id uuid, item_id uuid, slot_id uuid, session_id uuid, office_code text,
         activity_code text, channel text, start_at timestamptz, end_at timestamptz, status text, booked_by_role text, cancel_reason text,
         created_at timestamptz, updated_at timestamptz)
       JOIN office o ON o.code = r.office_code

-- demo-data.load
update "member" as "m" set "smiley" = "r"."smiley" from jsonb_to_recordset($1::jsonb) as r(member_id uuid, smiley text) where "m"."id" = "r"."member_id"

-- demo-data.load
insert into "adviser_task" ("kind", "member_id", "office_id", "staff_id", "due_date") SELECT 'service-call', r.member_id, o.id, s.id, r.due_date
       FROM jsonb_to_recordset($1::jsonb) AS r(member_id uuid, office_code text, staff_number text, due_date date)
       JOIN office o ON o.code = r.office_code
       LEFT JOIN staff s ON s.employee_number = r.staff_number

-- demo-data.load
ANALYZE member, programme_item, slot, session, session_leader, staff_commitment, booking
