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

-- organisation.listRooms
select "id", "name", "seats" from "room" where "office_id" = $1 order by "name"

-- organisation.lockImport
SELECT pg_advisory_xact_lock(hashtext('organisation-import'))

-- organisation.findOfficeIdByCode
select "id" from "office" where "code" = $1

-- organisation.upsert
INSERT INTO department (code, name) SELECT code, name FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name

-- organisation.upsert
UPDATE department d SET active = r.active FROM jsonb_to_recordset($1::jsonb) AS r(code text, active boolean)
         WHERE d.code = r.code AND r.active IS NOT NULL AND d.active IS DISTINCT FROM r.active

-- organisation.upsert
UPDATE office o SET is_head_office = o.is_head_office AND r."isHeadOffice", is_contact_centre = o.is_contact_centre AND r."isContactCentre"
         FROM jsonb_to_recordset($1::jsonb) AS r(code text, "isHeadOffice" boolean, "isContactCentre" boolean)
         WHERE o.code = r.code AND ((o.is_head_office AND NOT r."isHeadOffice") OR (o.is_contact_centre AND NOT r."isContactCentre"))

-- organisation.upsert
INSERT INTO office (code, name, kind, department_id, town, municipality_code, lat, lon, island, street, postcode, city,
           is_head_office, is_contact_centre, active)
         SELECT r.code, r.name, r.kind, d.id, r.town, r."municipalityCode", r.lat, r.lon, r.island, r.street, r.postcode, r.city,
           r."isHeadOffice", r."isContactCentre", COALESCE(r.active, true)
         FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, kind text, "departmentCode" text, town text, "municipalityCode" text,
           lat float8, lon float8, island text, street text, postcode text, city text, "isHeadOffice" boolean, "isContactCentre" boolean, active boolean)
         JOIN department d ON d.code = r."departmentCode"
         ON CONFLICT (code) DO NOTHING
         RETURNING id

-- organisation.upsert
UPDATE office o SET name = r.name, kind = r.kind, department_id = d.id, town = r.town, municipality_code = r."municipalityCode",
           lat = r.lat, lon = r.lon, island = r.island, street = r.street, postcode = r.postcode, city = r.city,
           is_head_office = r."isHeadOffice", is_contact_centre = r."isContactCentre", active = COALESCE(r.active, o.active), updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, kind text, "departmentCode" text, town text, "municipalityCode" text,
           lat float8, lon float8, island text, street text, postcode text, city text, "isHeadOffice" boolean, "isContactCentre" boolean, active boolean)
         JOIN department d ON d.code = r."departmentCode"
         WHERE o.code = r.code AND NOT (o.id = ANY($2::uuid[]))

-- organisation.upsert
insert into "closure_day" ("office_id", "day", "reason") values ($1, $2, $3), ($4, $5, $6), ($7, $8, $9), ($10, $11, $12), ($13, $14, $15), ($16, $17, $18), ($19, $20, $21), ($22, $23, $24), ($25, $26, $27) on conflict do nothing

-- organisation.upsert
INSERT INTO room (office_id, name, seats)
         SELECT o.id, r.name, r.seats FROM jsonb_to_recordset($1::jsonb) AS r("officeCode" text, name text, seats int)
         JOIN office o ON o.code = r."officeCode"
         ON CONFLICT (office_id, name) DO UPDATE SET seats = EXCLUDED.seats

-- organisation.upsert
INSERT INTO office_opening_hours (office_id, weekday, opens, closes)
         SELECT o.id, r.weekday, r.opens::time, r.closes::time
         FROM jsonb_to_recordset($1::jsonb) AS r("officeCode" text, weekday int, opens text, closes text)
         JOIN office o ON o.code = r."officeCode"
         ON CONFLICT (office_id, weekday) DO UPDATE SET opens = EXCLUDED.opens, closes = EXCLUDED.closes

-- organisation.upsert
INSERT INTO staff (employee_number, name, email, role, office_id, department_id, team_id, skills, weekly_hours, active)
         SELECT r."employeeNumber", r.name, r.email, r.role, o.id, d.id, t.id, r.skills, r."weeklyHours", COALESCE(r.active, true)
         FROM jsonb_to_recordset($1::jsonb) AS r("employeeNumber" text, name text, email text, role text, "officeCode" text,
           "departmentCode" text, "teamCode" text, skills text[], "weeklyHours" numeric, active boolean)
         LEFT JOIN office o ON o.code = r."officeCode"
         LEFT JOIN department d ON d.code = r."departmentCode"
         LEFT JOIN team t ON t.code = r."teamCode"
         ON CONFLICT (employee_number) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, role = EXCLUDED.role,
           office_id = EXCLUDED.office_id, department_id = EXCLUDED.department_id, team_id = EXCLUDED.team_id, skills = EXCLUDED.skills,
           weekly_hours = EXCLUDED.weekly_hours, updated_at = now()

-- organisation.upsert
UPDATE staff s SET active = r.active, updated_at = now() FROM jsonb_to_recordset($1::jsonb) AS r("employeeNumber" text, active boolean)
         WHERE s.employee_number = r."employeeNumber" AND r.active IS NOT NULL AND s.active IS DISTINCT FROM r.active
