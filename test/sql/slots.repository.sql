-- slots.findSlot
select "s"."id", "s"."office_id", "o"."department_id", "s"."staff_id", "s"."activity_codes", "s"."channel", lower("s"."during") as "start", upper("s"."during") as "end", "s"."status" from "slot" as "s" inner join "office" as "o" on "o"."id" = "s"."office_id" where "s"."id" = $1

-- slots.lockSlot
select "s"."id", "s"."office_id", "o"."department_id", "s"."staff_id", "s"."activity_codes", "s"."channel", lower("s"."during") as "start", upper("s"."during") as "end", "s"."status" from "slot" as "s" inner join "office" as "o" on "o"."id" = "s"."office_id" where "s"."id" = $1 for update of "s"

-- slots.findSession
select "s"."id", "s"."office_id", "o"."department_id", "s"."room_id", "r"."name" as "room_name", "s"."activity_code", "a"."name_da" as "activity_name", lower("s"."during") as "start", upper("s"."during") as "end", "s"."capacity", "s"."min_participants", "s"."booked", "s"."cutoff_at", "s"."status", "s"."origin", coalesce((select array_agg("l"."staff_id" order by "l"."staff_id") as "ids" from "session_leader" as "l" where "l"."session_id" = "s"."id"), '{}') as "leader_ids" from "session" as "s" inner join "office" as "o" on "o"."id" = "s"."office_id" inner join "room" as "r" on "r"."id" = "s"."room_id" inner join "activity_type" as "a" on "a"."code" = "s"."activity_code" where "s"."id" = $1

-- slots.lockSession
select "s"."id", "s"."office_id", "o"."department_id", "s"."room_id", "r"."name" as "room_name", "s"."activity_code", "a"."name_da" as "activity_name", lower("s"."during") as "start", upper("s"."during") as "end", "s"."capacity", "s"."min_participants", "s"."booked", "s"."cutoff_at", "s"."status", "s"."origin", coalesce((select array_agg("l"."staff_id" order by "l"."staff_id") as "ids" from "session_leader" as "l" where "l"."session_id" = "s"."id"), '{}') as "leader_ids" from "session" as "s" inner join "office" as "o" on "o"."id" = "s"."office_id" inner join "room" as "r" on "r"."id" = "s"."room_id" inner join "activity_type" as "a" on "a"."code" = "s"."activity_code" where "s"."id" = $1 for update of "s"

-- slots.lockSessionRows
select "id" from "session" where "id" in ($1) order by "id" for no key update

-- slots.insertSlots
insert into "slot" ("office_id", "staff_id", "activity_codes", "channel", "during") SELECT r.office_id, r.staff_id, r.activity_codes, r.channel, tstzrange(r.start_at, r.end_at, '[)')
            FROM jsonb_to_recordset($1::jsonb)
              AS r(office_id uuid, staff_id uuid, activity_codes text[], channel text, start_at timestamptz, end_at timestamptz) returning "id"

-- slots.hasBooking
select "id" from "booking" where "slot_id" = $1 and "status" <> $2 limit $3

-- slots.cancelSlot
update "slot" set "status" = $1, "updated_at" = now() where "id" = $2

-- slots.insertSession
insert into "session" ("office_id", "room_id", "activity_code", "during", "capacity", "min_participants", "cutoff_at", "origin") values ($1, $2, $3, tstzrange($4, $5, '[)'), $6, $7, $8, $9) returning "id"

-- slots.insertSession
insert into "session_leader" ("session_id", "staff_id") values ($1, $2)

-- slots.cancelSession
update "session" set "status" = $1, "updated_at" = now() where "id" = $2

-- slots.emptySession
update "session" set "booked" = $1 where "id" = $2

-- slots.reserveSeat
update "session" set "booked" = "booked" + $1, "updated_at" = now() where "id" = $2 and "status" = $3 and "booked" < "capacity"

-- slots.releaseSeat
update "session" set "booked" = "booked" - $1, "updated_at" = now() where "id" = $2 and "booked" > $3

-- slots.listOfficeSlots
select "s"."id", "s"."office_id", "o"."department_id", "s"."staff_id", "s"."activity_codes", "s"."channel", lower("s"."during") as "start", upper("s"."during") as "end", "s"."status", "st"."name" as "staff_name", "b"."id" as "booking_id", "b"."member_id", "b"."status" as "booking_status", "m"."member_number", "m"."name" as "member_name" from "slot" as "s" inner join "office" as "o" on "o"."id" = "s"."office_id" inner join "staff" as "st" on "st"."id" = "s"."staff_id" left join "booking" as "b" on "b"."slot_id" = "s"."id" and "b"."status" <> $1 left join "member" as "m" on "m"."id" = "b"."member_id" where "s"."office_id" = $2 and s.during && tstzrange($3, $4, '[)') order by lower("s"."during"), "st"."name"

-- slots.listOfficeSessions
select "s"."id", "s"."office_id", "o"."department_id", "s"."room_id", "r"."name" as "room_name", "s"."activity_code", "a"."name_da" as "activity_name", lower("s"."during") as "start", upper("s"."during") as "end", "s"."capacity", "s"."min_participants", "s"."booked", "s"."cutoff_at", "s"."status", "s"."origin", coalesce((select array_agg("l"."staff_id" order by "l"."staff_id") as "ids" from "session_leader" as "l" where "l"."session_id" = "s"."id"), '{}') as "leader_ids" from "session" as "s" inner join "office" as "o" on "o"."id" = "s"."office_id" inner join "room" as "r" on "r"."id" = "s"."room_id" inner join "activity_type" as "a" on "a"."code" = "s"."activity_code" where "s"."office_id" = $1 and s.during && tstzrange($2, $3, '[)') order by lower("s"."during")

-- slots.listSessionParticipants
select "b"."id" as "booking_id", "b"."member_id", "m"."member_number", "m"."name", "b"."status" from "booking" as "b" inner join "member" as "m" on "m"."id" = "b"."member_id" where "b"."session_id" = $1 and "b"."status" <> $2 order by "b"."created_at"

-- slots.listSessionWaitlist
select "w"."member_id", "m"."member_number", "m"."name" from "waitlist_entry" as "w" inner join "member" as "m" on "m"."id" = "w"."member_id" where "w"."session_id" = $1 and "w"."status" = $2 order by "w"."created_at", "w"."id"

-- slots.listStaffCommitments
select lower("s"."during") as "start", upper("s"."during") as "end", "sl"."office_id" as "slot_office_id" from "staff_commitment" as "s" left join "slot" as "sl" on "sl"."id" = "s"."slot_id" where "s"."staff_id" = $1 and s.during && tstzrange($2, $3, '[)')

-- slots.listStaffAbsenceDays
SELECT d::date::text AS day FROM staff_absence a, generate_series($1::date, $2::date, interval '1 day') AS d
      WHERE a.staff_id = $3 AND a.period @> d::date

-- slots.listClosureDays
select cast("day" as text) as "day" from "closure_day" where "office_id" = $1 and "day" between $2::date and $3::date

-- slots.listOpeningHours
select "weekday", to_char("opens", 'HH24:MI') as "opens", to_char("closes", 'HH24:MI') as "closes" from "office_opening_hours" where "office_id" = $1

-- slots.findRoom
select "id", "office_id", "seats" from "room" where "id" = $1

-- slots.listActivities
select "code", "name_da", "kind", "default_duration_minutes", "min_group_size", "max_group_size", "leader_roles", "leader_skill", "channels" from "activity_type" order by "code"
