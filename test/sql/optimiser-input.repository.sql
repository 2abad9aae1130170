-- optimiser-input.listGroupActivities
SELECT code, default_duration_minutes AS duration_minutes, min_group_size AS min_size, max_group_size AS max_size,
             leader_roles, leader_skill
      FROM activity_type WHERE kind = 'group' AND ($1::text[] IS NULL OR code = ANY($2::text[])) ORDER BY code

-- optimiser-input.listUnknownActivityCodes
SELECT c AS code FROM unnest($1::text[]) AS c
      WHERE NOT EXISTS (SELECT 1 FROM activity_type a WHERE a.code = c AND a.kind = 'group') ORDER BY c

-- optimiser-input.listUnknownDepartments
SELECT d AS id FROM unnest($1::uuid[]) AS d
      WHERE NOT EXISTS (SELECT 1 FROM department x WHERE x.id = d) ORDER BY d

-- optimiser-input.listOffices
SELECT id, department_id, lat, lon, island, is_head_office, active
      FROM office WHERE $1::uuid[] IS NULL OR department_id = ANY($2::uuid[]) OR is_head_office
      ORDER BY code

-- optimiser-input.listOpeningHours
select "office_id", "weekday", to_char(opens, 'HH24:MI') as "opens", to_char(closes, 'HH24:MI') as "closes" from "office_opening_hours"

-- optimiser-input.listClosureDays
select "office_id", day::text as "day" from "closure_day" where day BETWEEN $1 AND $2

-- optimiser-input.listRooms
select "id", "office_id", "seats" from "room" where "office_id" = ANY($1::uuid[]) order by "office_id", "name"

-- optimiser-input.listScheduledSessions
SELECT s.id, s.office_id, s.room_id, s.activity_code, lower(s.during) AS start, upper(s.during) AS "end", s.capacity, s.booked,
             COALESCE((SELECT array_agg(l.staff_id ORDER BY l.staff_id) FROM session_leader l WHERE l.session_id = s.id), '{}') AS leader_ids
      FROM session s
      WHERE s.status = 'scheduled' AND s.office_id = ANY($1::uuid[]) AND s.during && tstzrange($2, $3, '[)')
      ORDER BY s.id

-- optimiser-input.listOpenItems
SELECT i.id, i.member_id, i.activity_code, i.window_start, i.window_end
      FROM programme_item i JOIN member m ON m.id = i.member_id JOIN office o ON o.id = m.home_office_id
      WHERE i.status = 'open' AND m.status = 'active' AND i.activity_code = ANY($1::text[])
        AND i.window_start < $2 AND i.window_end > $3
        AND ($4::uuid[] IS NULL OR o.department_id = ANY($5::uuid[]))
      ORDER BY i.id

-- optimiser-input.listMemberHomes
SELECT m.id, COALESCE(mu.lat, o.lat) AS lat, COALESCE(mu.lon, o.lon) AS lon,
             CASE WHEN mu.code IS NULL THEN o.island ELSE mu.island END AS island
      FROM member m JOIN office o ON o.id = m.home_office_id LEFT JOIN municipality mu ON mu.code = m.municipality_code
      WHERE m.id = ANY($1::uuid[]) ORDER BY m.id

-- optimiser-input.listMemberBookings
SELECT member_id AS owner_id, lower(during) AS start, upper(during) AS "end" FROM booking
      WHERE status = 'booked' AND member_id = ANY($1::uuid[]) AND during && tstzrange($2, $3, '[)')
      ORDER BY member_id, lower(during)

-- optimiser-input.listLeaders
SELECT s.id, s.role, s.skills, s.office_id, COALESCE(s.department_id, o.department_id) AS department_id, t.code AS team_code
      FROM staff s LEFT JOIN office o ON o.id = s.office_id LEFT JOIN team t ON t.id = s.team_id
      WHERE s.active AND s.role IN ('adviser', 'job-consultant') ORDER BY s.id

-- optimiser-input.listStaffCommitments
SELECT staff_id AS owner_id, lower(during) AS start, upper(during) AS "end", slot_id FROM staff_commitment
      WHERE staff_id = ANY($1::uuid[]) AND during && tstzrange($2, $3, '[)')

-- optimiser-input.listWithdrawableSlots
SELECT s.id, s.staff_id, lower(s.during) AS start, upper(s.during) AS "end" FROM slot s
      WHERE s.status = 'open' AND s.staff_id = ANY($1::uuid[]) AND s.during && tstzrange($2, $3, '[)')
        AND lower(s.during) >= $4
        AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')
      ORDER BY s.id

-- optimiser-input.listAbsences
SELECT staff_id, lower(period)::text AS first_day, upper(period)::text AS last_day_exclusive FROM staff_absence
      WHERE staff_id = ANY($1::uuid[]) AND period && daterange($2::date, $3::date, '[]')

-- optimiser-input.listAcceptedAllocation
SELECT to_regclass('capacity_allocation') IS NOT NULL AND to_regclass('capacity_allocation_assignment') IS NOT NULL AS present

-- optimiser-input.listAcceptedAllocation
SELECT id, lower(period)::text AS first_day, upper(period)::text AS last_day_exclusive FROM capacity_allocation
      WHERE accepted_at IS NOT NULL AND superseded_at IS NULL AND period && daterange($1::date, $2::date, '[]')
      ORDER BY lower(period)

-- optimiser-input.listAcceptedAllocation
SELECT allocation_id, staff_id, week_start::text AS week_start, activity_code
      FROM capacity_allocation_assignment WHERE allocation_id = ANY($1::uuid[])
