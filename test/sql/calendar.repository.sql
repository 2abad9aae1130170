-- calendar.findTokenFeed
select "f"."id", "f"."kind", "f"."subject_id", "f"."revoked_at", coalesce("r"."revision", 0) as "revision", "r"."changed_at" from "calendar_feed" as "f" left join lateral calendar_feed_revision_of("f"."kind", "f"."subject_id") as "r" on true where "f"."token_hash" = $1

-- calendar.findRetiredToken
select "feed_id", "retired_at" from "calendar_feed_retired_token" where "token_hash" = $1

-- calendar.findOfficeFeed
select "o"."name", coalesce("r"."revision", 0) as "revision", "r"."changed_at" from "office" as "o" left join lateral calendar_feed_revision_of('office', "o"."id") as "r" on true where "o"."id" = $1

-- calendar.bookingEvent
select "e".*, "e"."cancelled_at" is not null as "cancelled" from (select "b"."id" as "booking_id", "b"."ical_uid" as "uid", "b"."ical_sequence" as "sequence", lower("b"."during") as "start", upper("b"."during") as "end", "b"."channel" as "channel", "a"."name_da" as "activity", "o"."name" as "office_name", "o"."street", "o"."postcode", "o"."city", "o"."timezone", "r"."name" as "room_name", "b"."created_at", greatest("b"."updated_at", "s"."updated_at", "sl"."updated_at") as "updated_at", case when "b"."status" = $1 then "b"."updated_at" when "s"."status" = $2 then "s"."updated_at" when "sl"."status" = $3 then "sl"."updated_at" end as "cancelled_at" from "booking" as "b" inner join "activity_type" as "a" on "a"."code" = "b"."activity_code" inner join "office" as "o" on "o"."id" = "b"."office_id" left join "session" as "s" on "s"."id" = "b"."session_id" left join "room" as "r" on "r"."id" = "s"."room_id" left join "slot" as "sl" on "sl"."id" = "b"."slot_id" where "b"."id" = $4) as "e"

-- calendar.memberBookingEvents
select "e".*, "e"."cancelled_at" is not null as "cancelled" from (select "b"."id" as "booking_id", "b"."ical_uid" as "uid", "b"."ical_sequence" as "sequence", lower("b"."during") as "start", upper("b"."during") as "end", "b"."channel" as "channel", "a"."name_da" as "activity", "o"."name" as "office_name", "o"."street", "o"."postcode", "o"."city", "o"."timezone", "r"."name" as "room_name", "b"."created_at", greatest("b"."updated_at", "s"."updated_at", "sl"."updated_at") as "updated_at", case when "b"."status" = $1 then "b"."updated_at" when "s"."status" = $2 then "s"."updated_at" when "sl"."status" = $3 then "sl"."updated_at" end as "cancelled_at" from "booking" as "b" inner join "activity_type" as "a" on "a"."code" = "b"."activity_code" inner join "office" as "o" on "o"."id" = "b"."office_id" left join "session" as "s" on "s"."id" = "b"."session_id" left join "room" as "r" on "r"."id" = "s"."room_id" left join "slot" as "sl" on "sl"."id" = "b"."slot_id" where "b"."member_id" = $4 and "b"."during" && tstzrange($5, $6, '[)')) as "e" where ("e"."cancelled_at" is null or "e"."cancelled_at" >= $7)

-- calendar.staffAppointmentEvents
select "e".*, "e"."cancelled_at" is not null as "cancelled" from (select "b"."id" as "booking_id", "b"."ical_uid" as "uid", "b"."ical_sequence" as "sequence", lower("b"."during") as "start", upper("b"."during") as "end", "b"."channel" as "channel", "a"."name_da" as "activity", "o"."name" as "office_name", "o"."street", "o"."postcode", "o"."city", "o"."timezone", "r"."name" as "room_name", "b"."created_at", greatest("b"."updated_at", "s"."updated_at", "sl"."updated_at") as "updated_at", case when "b"."status" = $1 then "b"."updated_at" when "s"."status" = $2 then "s"."updated_at" when "sl"."status" = $3 then "sl"."updated_at" end as "cancelled_at" from "booking" as "b" inner join "activity_type" as "a" on "a"."code" = "b"."activity_code" inner join "office" as "o" on "o"."id" = "b"."office_id" left join "session" as "s" on "s"."id" = "b"."session_id" left join "room" as "r" on "r"."id" = "s"."room_id" left join "slot" as "sl" on "sl"."id" = "b"."slot_id" where "sl"."staff_id" = $4 and "b"."during" && tstzrange($5, $6, '[)')) as "e" where ("e"."cancelled_at" is null or "e"."cancelled_at" >= $7)

-- calendar.staffDepartureEvents
select "b"."id" as "booking_id", "b"."ical_uid" as "uid", "d"."ical_sequence" as "sequence", lower("d"."during") as "start", upper("d"."during") as "end", "d"."channel" as "channel", "a"."name_da" as "activity", "o"."name" as "office_name", "o"."street", "o"."postcode", "o"."city", "o"."timezone", NULL as "room_name", "b"."created_at", "d"."departed_at" as "updated_at", true as "cancelled" from "calendar_staff_departure" as "d" inner join "booking" as "b" on "b"."id" = "d"."booking_id" inner join "activity_type" as "a" on "a"."code" = "d"."activity_code" inner join "office" as "o" on "o"."id" = "d"."office_id" where "d"."staff_id" = $1 and "d"."during" && tstzrange($2, $3, '[)') and "d"."departed_at" >= $4 and not exists (select 1 as "one" from "slot" as "sl" where "sl"."id" = "b"."slot_id" and "sl"."staff_id" = "d"."staff_id")

-- calendar.ledSessionEvents
select "e".* from (select "s"."id" as "session_id", "s"."ical_uid" as "uid", "s"."ical_sequence" as "sequence", lower("s"."during") as "start", upper("s"."during") as "end", "a"."name_da" as "activity", "o"."name" as "office_name", "o"."street", "o"."postcode", "o"."city", "o"."timezone", "r"."name" as "room_name", "s"."capacity", "s"."booked", "s"."status" = $1 as "cancelled", "s"."created_at", "s"."updated_at" from "session" as "s" inner join "activity_type" as "a" on "a"."code" = "s"."activity_code" inner join "office" as "o" on "o"."id" = "s"."office_id" inner join "room" as "r" on "r"."id" = "s"."room_id" where exists (select 1 as "one" from "session_leader" as "l" where "l"."session_id" = "s"."id" and "l"."staff_id" = $2) and "s"."during" && tstzrange($3, $4, '[)')) as "e" where (not "e"."cancelled" or "e"."updated_at" >= $5)

-- calendar.officeSessionEvents
select "e".* from (select "s"."id" as "session_id", "s"."ical_uid" as "uid", "s"."ical_sequence" as "sequence", lower("s"."during") as "start", upper("s"."during") as "end", "a"."name_da" as "activity", "o"."name" as "office_name", "o"."street", "o"."postcode", "o"."city", "o"."timezone", "r"."name" as "room_name", "s"."capacity", "s"."booked", "s"."status" = $1 as "cancelled", "s"."created_at", "s"."updated_at" from "session" as "s" inner join "activity_type" as "a" on "a"."code" = "s"."activity_code" inner join "office" as "o" on "o"."id" = "s"."office_id" inner join "room" as "r" on "r"."id" = "s"."room_id" where "s"."office_id" = $2 and "s"."during" && tstzrange($3, $4, '[)')) as "e" where (not "e"."cancelled" or "e"."updated_at" >= $5)

-- calendar.sessionFeedEvents
select "e".* from (select "s"."id" as "session_id", "s"."ical_uid" as "uid", "s"."ical_sequence" as "sequence", lower("s"."during") as "start", upper("s"."during") as "end", "a"."name_da" as "activity", "o"."name" as "office_name", "o"."street", "o"."postcode", "o"."city", "o"."timezone", "r"."name" as "room_name", "s"."capacity", "s"."booked", "s"."status" = $1 as "cancelled", "s"."created_at", "s"."updated_at" from "session" as "s" inner join "activity_type" as "a" on "a"."code" = "s"."activity_code" inner join "office" as "o" on "o"."id" = "s"."office_id" inner join "room" as "r" on "r"."id" = "s"."room_id" where "s"."id" = $2 and "s"."during" && tstzrange($3, $4, '[)')) as "e" where (not "e"."cancelled" or "e"."updated_at" >= $5)

-- calendar.sessionTitle
select "a"."name_da" as "activity", "o"."name" as "office_name" from "session" as "s" inner join "activity_type" as "a" on "a"."code" = "s"."activity_code" inner join "office" as "o" on "o"."id" = "s"."office_id" where "s"."id" = $1

-- calendar.memberScope
select "o"."department_id", false as "visible_to_all_staff", ARRAY["m"."id"] as "owner_ids" from "member" as "m" inner join "office" as "o" on "o"."id" = "m"."home_office_id" where "m"."id" = $1

-- calendar.staffScope
select coalesce("s"."department_id", "o"."department_id") as "department_id", coalesce("t"."works_across_departments", false) as "visible_to_all_staff", ARRAY["s"."id"] as "owner_ids" from "staff" as "s" left join "office" as "o" on "o"."id" = "s"."office_id" left join "team" as "t" on "t"."id" = "s"."team_id" where "s"."id" = $1

-- calendar.sessionScope
select "o"."department_id", true as "visible_to_all_staff", ARRAY((select "staff_id" as "owner_id" from "session_leader" where "session_id" = "s"."id" union select "member_id" as "owner_id" from "booking" where "session_id" = "s"."id" and "status" <> $1)) as "owner_ids" from "session" as "s" inner join "office" as "o" on "o"."id" = "s"."office_id" where "s"."id" = $2

-- calendar.insertFeedLink
insert into "calendar_feed" ("kind", "member_id", "token_hash", "created_by_role", "created_by") values ($1, $2, $3, $4, $5) returning "id", "kind", "subject_id", "created_by_role", "created_by", "created_at", "rotated_at", "revoked_at"

-- calendar.findFeedLink
select "id", "kind", "subject_id", "created_by_role", "created_by", "created_at", "rotated_at", "revoked_at" from "calendar_feed" where "id" = $1

-- calendar.rotateFeedLink
update "calendar_feed" set "token_hash" = $1, "rotated_at" = now() where "id" = $2 and "revoked_at" is null returning "id", "kind", "subject_id", "created_by_role", "created_by", "created_at", "rotated_at", "revoked_at"

-- calendar.revokeFeedLink
update "calendar_feed" set "revoked_at" = coalesce("revoked_at", now()) where "id" = $1 returning "id", "kind", "subject_id", "created_by_role", "created_by", "created_at", "rotated_at", "revoked_at"

-- calendar.listFeedLinks
select "id", "kind", "subject_id", "created_by_role", "created_by", "created_at", "rotated_at", "revoked_at" from "calendar_feed" where "kind" = $1 and "subject_id" = $2 and ("created_by" = $3 or ("kind" in ($4, $5) and "subject_id" = $6)) order by "created_at", "id"
