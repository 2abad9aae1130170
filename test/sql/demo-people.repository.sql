-- demo-people.staffDepartment
select coalesce("s"."department_id", "o"."department_id") as "department_id" from "staff" as "s" left join "office" as "o" on "o"."id" = "s"."office_id" where "s"."id" = $1

-- demo-people.listMembers
WITH next_day AS (
    SELECT min((lower(b.during) AT TIME ZONE 'Europe/Copenhagen')::date) AS day FROM booking b
    WHERE b.status = 'booked' AND b.slot_id IS NOT NULL
      AND lower(b.during) >= (($1::timestamptz AT TIME ZONE 'Europe/Copenhagen')::date + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen'
  ),
  active AS (SELECT m.* FROM member m WHERE m.status = 'active' AND m.name IS NOT NULL),
  staged AS (
    (SELECT m.id, 'done-with-cv-adviser' AS stage, 0 AS rank, m.member_number FROM active m WHERE m.smiley = 'green'
    AND EXISTS (SELECT 1 FROM booking b WHERE b.member_id = m.id AND b.activity_code = 'cv-meeting' AND b.status = 'attended' AND b.slot_id IS NOT NULL)
    AND (SELECT count(*) FROM programme_item i WHERE i.member_id = m.id AND i.status = 'done') >= 2
    AND EXISTS (SELECT 1 FROM programme_item i WHERE i.member_id = m.id AND i.status = 'open' AND i.window_start <= $2 AND i.window_end > $3) ORDER BY m.member_number LIMIT 2)
    UNION ALL
    (SELECT m.id, 'booking-tomorrow' AS stage, 1 AS rank, m.member_number FROM active m WHERE EXISTS (SELECT 1 FROM booking b, next_day WHERE b.member_id = m.id AND b.status = 'booked' AND b.slot_id IS NOT NULL
    AND (lower(b.during) AT TIME ZONE 'Europe/Copenhagen')::date = next_day.day) ORDER BY m.member_number LIMIT 2)
    UNION ALL
    (SELECT m.id, 'waiting-list' AS stage, 2 AS rank, m.member_number FROM active m WHERE EXISTS (SELECT 1 FROM waitlist_entry w WHERE w.member_id = m.id AND w.status = 'waiting') ORDER BY m.member_number LIMIT 2)
    UNION ALL
    (SELECT m.id, 'yellow-smiley' AS stage, 3 AS rank, m.member_number FROM active m WHERE m.smiley = 'yellow' ORDER BY m.member_number LIMIT 2)
    UNION ALL
    (SELECT m.id, 'red-smiley' AS stage, 4 AS rank, m.member_number FROM active m WHERE m.smiley = 'red' ORDER BY m.member_number LIMIT 2)
  ),
  shown AS (SELECT DISTINCT ON (id) id, stage, rank, member_number FROM staged ORDER BY id, rank),
  chosen AS (
    SELECT id, stage, rank, member_number, NULL::timestamptz AS created_at FROM shown
    UNION ALL
    (SELECT m.id, NULL, 5, m.member_number, m.created_at FROM active m WHERE m.id NOT IN (SELECT id FROM shown)
     ORDER BY m.created_at DESC, m.member_number LIMIT $4)
  )
  SELECT m.id AS subject_id, m.name, m.member_number AS reference, d.id AS department_id, d.name AS department_name, o.name AS office_name, c.stage
  FROM chosen c JOIN member m ON m.id = c.id JOIN office o ON o.id = m.home_office_id JOIN department d ON d.id = o.department_id
  ORDER BY c.rank, c.created_at DESC NULLS LAST, c.member_number
  LIMIT $5

-- demo-people.listStaff
select "s"."id" as "subject_id", "s"."name", "s"."employee_number" as "reference", "d"."id" as "department_id", "d"."name" as "department_name", "o"."name" as "office_name" from "staff" as "s" left join "office" as "o" on "o"."id" = "s"."office_id" left join "department" as "d" on "d"."id" = coalesce("s"."department_id", "o"."department_id") where "s"."role" = $1 and "s"."active" order by ("o"."kind" = 'main') DESC NULLS LAST, "d"."name" NULLS LAST, "s"."name" limit $2
