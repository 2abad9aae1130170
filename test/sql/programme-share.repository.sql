-- programme-share.listAll
select "id", "staff_id", "role", "note", "created_by", share::float8 as "share", valid_from::text as "valid_from", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "created_at" from "programme_share" order by "valid_from", "created_at"

-- programme-share.listForStaff
select "id", "staff_id", "role", "note", "created_by", share::float8 as "share", valid_from::text as "valid_from", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "created_at" from "programme_share" where "staff_id" = $1 order by "valid_from"

-- programme-share.listForRole
select "id", "staff_id", "role", "note", "created_by", share::float8 as "share", valid_from::text as "valid_from", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "created_at" from "programme_share" where "role" = $1 order by "valid_from"

-- programme-share.listLeaders
select "id", "name", "role", "office_id", "department_id" from "staff" where "active" = $1 and "role" in ($2, $3, $4) and "department_id" = $5 order by "employee_number"

-- programme-share.findStaff
select "id", "name", "role", "office_id", "department_id" from "staff" where "id" = $1

-- programme-share.upsertForStaff
insert into "programme_share" ("staff_id", "role", "share", "valid_from", "note", "created_by") values ($1, $2, $3, $4, $5, $6) on conflict ("staff_id", "valid_from") where "staff_id" is not null do update set "share" = "excluded"."share", "note" = "excluded"."note", "created_by" = "excluded"."created_by", "created_at" = now() returning "id"

-- programme-share.upsertForRole
insert into "programme_share" ("staff_id", "role", "share", "valid_from", "note", "created_by") values ($1, $2, $3, $4, $5, $6) on conflict ("role", "valid_from") where "role" is not null do update set "share" = "excluded"."share", "note" = "excluded"."note", "created_by" = "excluded"."created_by", "created_at" = now() returning "id"
