-- bookings.findBooking
select "b"."id", "b"."member_id", "b"."programme_item_id", "b"."slot_id", "b"."session_id", "b"."office_id", "o"."department_id", "b"."activity_code", "b"."channel", lower("b"."during") as "start", upper("b"."during") as "end", "b"."status", "sl"."staff_id", "b"."created_at", "b"."updated_at" from "booking" as "b" inner join "office" as "o" on "o"."id" = "b"."office_id" left join "slot" as "sl" on "sl"."id" = "b"."slot_id" where "b"."id" = $1

-- bookings.findBookingDetails
select "b"."id", "b"."status", "b"."member_id", "b"."programme_item_id", "b"."slot_id", "b"."session_id", "b"."activity_code", "a"."name_da" as "activity_name_da", "a"."name_en" as "activity_name_en", "a"."kind" as "activity_kind", "b"."channel", lower(b.during) as "start", upper(b.during) as "end", "b"."created_at", "pi"."window_start", "pi"."window_end", json_build_object('id', o.id, 'name', o.name, 'street', o.street, 'postcode', o.postcode, 'city', o.city, 'lat', o.lat, 'lon', o.lon) as "office", "r"."name" as "room_name", COALESCE((SELECT json_agg(json_build_object('firstName', split_part(st.name, ' ', 1), 'role', st.role) ORDER BY st.name)
                  FROM staff st
                  WHERE st.id = sl.staff_id OR st.id IN (SELECT l.staff_id FROM session_leader l WHERE l.session_id = b.session_id)), '[]') as "staff", "b"."ical_uid", "b"."ical_sequence", COALESCE(sl.status = 'cancelled', false) as "slot_cancelled", COALESCE(se.status = 'cancelled', false) as "session_cancelled" from "booking" as "b" inner join "activity_type" as "a" on "a"."code" = "b"."activity_code" inner join "programme_item" as "pi" on "pi"."id" = "b"."programme_item_id" inner join "office" as "o" on "o"."id" = "b"."office_id" left join "slot" as "sl" on "sl"."id" = "b"."slot_id" left join "session" as "se" on "se"."id" = "b"."session_id" left join "room" as "r" on "r"."id" = "se"."room_id" where "b"."id" = $1

-- bookings.memberInSession
select (select "b"."id" from "booking" as "b" where "b"."session_id" = $1 and "b"."member_id" = $2 and "b"."status" <> $3 limit $4) as "booking_id", (SELECT w.position::int FROM (SELECT member_id, row_number() OVER (ORDER BY created_at, id) AS position
                            FROM waitlist_entry WHERE session_id = $5 AND status = 'waiting') w WHERE w.member_id = $6) as "waitlist_position"

-- bookings.memberWaitlist
select "w"."programme_item_id", "w"."session_id", "w"."status", "w"."booking_id", CASE WHEN w.status = 'waiting' THEN (SELECT count(*)::int FROM waitlist_entry o
                           WHERE o.session_id = w.session_id AND o.status = 'waiting' AND (o.created_at, o.id) <= (w.created_at, w.id)) END as "position" from "waitlist_entry" as "w" where "w"."member_id" = $1 and "w"."status" in ($2, $3) order by "w"."created_at"

-- bookings.findLiveBookingOfItem
select "b"."id", "b"."member_id", "b"."programme_item_id", "b"."slot_id", "b"."session_id", "b"."office_id", "o"."department_id", "b"."activity_code", "b"."channel", lower("b"."during") as "start", upper("b"."during") as "end", "b"."status", "sl"."staff_id", "b"."created_at", "b"."updated_at" from "booking" as "b" inner join "office" as "o" on "o"."id" = "b"."office_id" left join "slot" as "sl" on "sl"."id" = "b"."slot_id" where "b"."programme_item_id" = $1 and "b"."status" = $2

-- bookings.lockBooking
select "b"."id", "b"."member_id", "b"."programme_item_id", "b"."slot_id", "b"."session_id", "b"."office_id", "o"."department_id", "b"."activity_code", "b"."channel", lower("b"."during") as "start", upper("b"."during") as "end", "b"."status", "sl"."staff_id", "b"."created_at", "b"."updated_at" from "booking" as "b" inner join "office" as "o" on "o"."id" = "b"."office_id" left join "slot" as "sl" on "sl"."id" = "b"."slot_id" where "b"."id" = $1 for update of "b"

-- bookings.listMemberBookings
select "b"."id", "b"."member_id", "b"."programme_item_id", "b"."slot_id", "b"."session_id", "b"."office_id", "o"."department_id", "b"."activity_code", "b"."channel", lower("b"."during") as "start", upper("b"."during") as "end", "b"."status", "sl"."staff_id", "b"."created_at", "b"."updated_at" from "booking" as "b" inner join "office" as "o" on "o"."id" = "b"."office_id" left join "slot" as "sl" on "sl"."id" = "b"."slot_id" where "b"."member_id" = $1 order by lower("b"."during")

-- bookings.lockLiveBookingsOf
select "b"."id", "b"."member_id", "b"."programme_item_id", "b"."slot_id", "b"."session_id", "b"."office_id", "o"."department_id", "b"."activity_code", "b"."channel", lower("b"."during") as "start", upper("b"."during") as "end", "b"."status", "sl"."staff_id", "b"."created_at", "b"."updated_at" from "booking" as "b" inner join "office" as "o" on "o"."id" = "b"."office_id" left join "slot" as "sl" on "sl"."id" = "b"."slot_id" where "b"."status" = $1 and ("b"."slot_id" = $2 or "b"."session_id" = $3) order by "b"."created_at" for update of "b"

-- bookings.lockFutureBookingsOfMember
select "b"."id", "b"."member_id", "b"."programme_item_id", "b"."slot_id", "b"."session_id", "b"."office_id", "o"."department_id", "b"."activity_code", "b"."channel", lower("b"."during") as "start", upper("b"."during") as "end", "b"."status", "sl"."staff_id", "b"."created_at", "b"."updated_at" from "booking" as "b" inner join "office" as "o" on "o"."id" = "b"."office_id" left join "slot" as "sl" on "sl"."id" = "b"."slot_id" where "b"."member_id" = $1 and "b"."status" = $2 and lower("b"."during") > $3 for update of "b"

-- bookings.insertBooking
insert into "booking" ("member_id", "programme_item_id", "slot_id", "session_id", "office_id", "activity_code", "channel", "during", "booked_by_role") values ($1, $2, $3, $4, $5, $6, $7, tstzrange($8, $9, '[)'), $10) returning "id"

-- bookings.moveBooking
update "booking" set "slot_id" = $1, "session_id" = $2, "office_id" = $3, "channel" = $4, "during" = tstzrange($5, $6, '[)'), "updated_at" = now() where "id" = $7

-- bookings.setStatus
update "booking" set "status" = $1, "cancel_reason" = coalesce($2, "cancel_reason"), "updated_at" = now() where "id" = $3

-- bookings.audit
insert into "audit_event" ("actor_role", "actor_id", "entity", "entity_id", "action", "office_id", "before", "after") values ($1, $2, $3, $4, $5, $6, $7, $8)

-- bookings.insertWaitlistEntry
with "inserted" as (insert into "waitlist_entry" ("session_id", "member_id", "programme_item_id") values ($1, $2, $3) returning "id", "created_at") select "i"."id", 1 + (select cast(count(*) as integer) as "waiting" from "waitlist_entry" as "w" where "w"."session_id" = $4 and "w"."status" = $5) as "position" from "inserted" as "i"

-- bookings.nextWaiting
select "id", "member_id", "programme_item_id" from "waitlist_entry" where "session_id" = $1 and "status" = $2 and "id" not in ($3) order by "created_at", "id" limit $4 for update skip locked

-- bookings.markWaitlist
update "waitlist_entry" set "status" = $1, "booking_id" = $2, "skip_reason" = $3, "updated_at" = now() where "id" = $4

-- bookings.withdrawWaitlist
update "waitlist_entry" set "status" = $1, "updated_at" = now() where "session_id" = $2 and "status" = $3

-- bookings.listWaitlist
select "id", "member_id", "programme_item_id", "created_at" from "waitlist_entry" where "session_id" = $1 and "status" = $2 order by "created_at", "id"

-- bookings.listAudit
select cast("id" as text) as "id", "at", "actor_role", "actor_id", "entity", "entity_id", "action", "office_id", "before", "after" from "audit_event" where "entity" = $1 and "entity_id" = $2 and "office_id" = any($3) order by "at" desc, "id" desc limit $4
