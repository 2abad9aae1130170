-- bookings.findBooking
select "b"."id", "b"."member_id", "b"."programme_item_id", "b"."slot_id", "b"."session_id", "b"."office_id", "o"."department_id", "b"."activity_code", "b"."channel", lower("b"."during") as "start", upper("b"."during") as "end", "b"."status", "sl"."staff_id", "b"."created_at", "b"."updated_at" from "booking" as "b" inner join "office" as "o" on "o"."id" = "b"."office_id" left join "slot" as "sl" on "sl"."id" = "b"."slot_id" where "b"."id" = $1

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

-- bookings.notify
insert into "notification_event" ("member_id", "kind", "payload") values ($1, $2, $3)

-- bookings.dropUnsentNotifications
delete from "notification_event" where "member_id" = $1 and "sent_at" is null

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
