-- organisation.addDefaultClosureDays
insert into "closure_day" ("office_id", "day", "reason") values ($1, $2, $3), ($4, $5, $6), ($7, $8, $9), ($10, $11, $12), ($13, $14, $15), ($16, $17, $18), ($19, $20, $21), ($22, $23, $24), ($25, $26, $27) on conflict do nothing

-- organisation.audit
insert into "audit_event" ("actor_role", "actor_id", "entity", "entity_id", "action", "office_id", "before", "after") values ($1, $2, $3, $4, $5, $6, $7, $8)

-- organisation.findDepartment
select "d"."id", "d"."code", "d"."name", "d"."active", cast(count("o"."id") as integer) as "office_count", cast(count("o"."id") filter(where "o"."active" = $1) as integer) as "active_office_count" from "department" as "d" left join "office" as "o" on "o"."department_id" = "d"."id" where "d"."id" = $2 group by "d"."id"

-- organisation.findDepartmentForUpdate
select "id" from "department" where "id" = $1 for update

-- organisation.insertDepartment
insert into "department" ("code", "name") values ($1, $2) returning "id"

-- organisation.updateDepartment
update "department" set "name" = $1, "active" = $2 where "id" = $3

-- organisation.findOffice
select "id", "code", "name", "kind", "department_id", "town", "municipality_code", "lat", "lon", "island", "street", "postcode", "city", "is_head_office", "is_contact_centre", "active" from "office" where "id" = $1 for update

-- organisation.updateOffice
update "office" set "name" = $1, "kind" = $2, "department_id" = $3, "town" = $4, "municipality_code" = $5, "lat" = $6, "lon" = $7, "island" = $8, "street" = $9, "postcode" = $10, "city" = $11, "is_head_office" = $12, "is_contact_centre" = $13, "active" = $14, "updated_at" = now() where "id" = $15

-- organisation.roomsInUse
select distinct "r"."name" from "room" as "r" inner join "session" as "s" on "s"."room_id" = "r"."id" where "r"."office_id" = $1 and "r"."name" in ($2) order by "r"."name"

-- organisation.replaceRooms
delete from "room" where "office_id" = $1 and "name" not in ($2)

-- organisation.replaceRooms
insert into "room" ("office_id", "name", "seats") values ($1, $2, $3) on conflict ("office_id", "name") do update set "seats" = "excluded"."seats"

-- organisation.replaceRooms
update "office" set "updated_at" = now() where "id" = $1

-- organisation.replaceOpeningHours
delete from "office_opening_hours" where "office_id" = $1

-- organisation.replaceOpeningHours
insert into "office_opening_hours" ("office_id", "weekday", "opens", "closes") values ($1, $2, $3, $4)

-- organisation.replaceOpeningHours
update "office" set "updated_at" = now() where "id" = $1

-- organisation.listOpeningHours
select "weekday", to_char("opens", 'HH24:MI') as "opens", to_char("closes", 'HH24:MI') as "closes" from "office_opening_hours" where "office_id" = $1 order by "weekday"
