-- smiley.lockMember
select "smiley", "status" from "member" where "id" = $1 for update

-- smiley.cvMeetingAdviser
select "sl"."staff_id" from "booking" as "b" inner join "slot" as "sl" on "sl"."id" = "b"."slot_id" where "b"."member_id" = $1 and "b"."activity_code" = $2 and "b"."status" <> $3 order by "b"."status" = $4 desc, lower("b"."during") desc limit $5

-- smiley.insertServiceCall
insert into "adviser_task" ("member_id", "staff_id", "office_id", "kind", "due_date") values ($1, $2, $3, $4, $5) on conflict ("member_id", "kind") where "status" = 'open' do nothing returning "id"

-- smiley.findOpenServiceCall
select "t"."id", "t"."member_id", "m"."member_number", "t"."staff_id", "t"."office_id", "o"."department_id", "t"."kind", "t"."status", cast("t"."due_date" as text) as "due_date", "t"."created_at" from "adviser_task" as "t" inner join "member" as "m" on "m"."id" = "t"."member_id" inner join "office" as "o" on "o"."id" = "t"."office_id" where "t"."member_id" = $1 and "t"."kind" = $2 and "t"."status" = $3

-- smiley.findTask
select "t"."id", "t"."member_id", "m"."member_number", "t"."staff_id", "t"."office_id", "o"."department_id", "t"."kind", "t"."status", cast("t"."due_date" as text) as "due_date", "t"."created_at" from "adviser_task" as "t" inner join "member" as "m" on "m"."id" = "t"."member_id" inner join "office" as "o" on "o"."id" = "t"."office_id" where "t"."id" = $1

-- smiley.closeOpenServiceCalls
update "adviser_task" set "status" = $1 where "member_id" = $2 and "kind" = $3 and "status" = $4 returning "id"

-- smiley.listTasks
select "t"."id", "t"."member_id", "m"."member_number", "t"."staff_id", "t"."office_id", "o"."department_id", "t"."kind", "t"."status", cast("t"."due_date" as text) as "due_date", "t"."created_at" from "adviser_task" as "t" inner join "member" as "m" on "m"."id" = "t"."member_id" inner join "office" as "o" on "o"."id" = "t"."office_id" where "t"."office_id" = $1 and "t"."status" = $2 order by "t"."due_date", "t"."created_at", "t"."id" limit $3

-- smiley.liveSummonsItem
select "id", "status" as "status", "window_start", "window_end" from "programme_item" where "member_id" = $1 and "origin" = $2 and "activity_code" = $3 and "status" in ($4, $5) and "window_end" > $6 order by "created_at" desc limit $7

-- smiley.liveBookingIdOfItem
select "id" from "booking" where "programme_item_id" = $1 and "status" in ($2, $3)

-- smiley.freeInPersonSlots
SELECT s.id, lower(s.during) AS start FROM slot s
      WHERE s.office_id = $1 AND s.status = 'open' AND s.channel = 'in-person' AND s.activity_codes && $2::text[]
        AND s.during && tstzrange($3, $4, '[)') AND lower(s.during) > $5 AND upper(s.during) <= $6
        AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')
        AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.member_id = $7 AND b.status = 'booked' AND b.during && s.during)
      ORDER BY lower(s.during), s.id LIMIT $8
