-- locations.listDepartments
select "d"."id", "d"."code", "d"."name", count("o"."id") as "office_count" from "department" as "d" left join "office" as "o" on "o"."department_id" = "d"."id" group by "d"."id" order by "d"."name"

-- locations.departmentExists
select "id" from "department" where "id" = $1

-- locations.listOffices
select "o"."id", "o"."code", "o"."name", "o"."kind", "o"."department_id", "d"."name" as "department_name", "o"."town", "o"."municipality_code", "o"."lat", "o"."lon", "o"."island", "o"."street", "o"."postcode", "o"."city", "o"."timezone", "o"."is_head_office", "o"."is_contact_centre" from "office" as "o" inner join "department" as "d" on "d"."id" = "o"."department_id" where "o"."department_id" = $1 and "o"."kind" = $2 order by "o"."name"

-- locations.findOffice
select "o"."id", "o"."code", "o"."name", "o"."kind", "o"."department_id", "d"."name" as "department_name", "o"."town", "o"."municipality_code", "o"."lat", "o"."lon", "o"."island", "o"."street", "o"."postcode", "o"."city", "o"."timezone", "o"."is_head_office", "o"."is_contact_centre" from "office" as "o" inner join "department" as "d" on "d"."id" = "o"."department_id" where "o"."id" = $1

-- locations.listStaff
select "s"."id", "s"."employee_number", "s"."name", "s"."email", "s"."role", "s"."office_id", "s"."department_id", "t"."code" as "team_code", "s"."skills", cast("s"."weekly_hours" as float8) as "weekly_hours", "s"."active" from "staff" as "s" left join "team" as "t" on "t"."id" = "s"."team_id" where "s"."office_id" = $1 and "s"."department_id" = $2 and "s"."role" = $3 and $4 = any("s"."skills") and ("s"."department_id" = $5 or "t"."works_across_departments" = $6) order by "s"."name"

-- locations.findStaff
select "s"."id", "s"."employee_number", "s"."name", "s"."email", "s"."role", "s"."office_id", "s"."department_id", "t"."code" as "team_code", "s"."skills", cast("s"."weekly_hours" as float8) as "weekly_hours", "s"."active" from "staff" as "s" left join "team" as "t" on "t"."id" = "s"."team_id" where "s"."id" = $1 and ("s"."department_id" = $2 or "t"."works_across_departments" = $3)

-- locations.findTeamIdByCode
select "id" from "team" where "code" = $1

-- locations.insertStaff
insert into "staff" ("employee_number", "name", "email", "role", "office_id", "department_id", "team_id", "skills", "weekly_hours") values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning "id"

-- locations.updateStaff
update "staff" set "email" = $1, "weekly_hours" = $2, "active" = $3, "updated_at" = now() where "id" = $4

-- locations.listAbsences
select "id", "staff_id", lower("period")::text as "from", (upper("period") - 1)::text as "to", "reason" from "staff_absence" where "staff_id" = $1 order by lower(period)

-- locations.insertAbsence
insert into "staff_absence" ("staff_id", "period", "reason") values ($1, daterange($2::date, $3::date, '[]'), $4) returning "id", "staff_id", lower("period")::text as "from", (upper("period") - 1)::text as "to", "reason"

-- locations.listClosureDays
select cast("day" as text) as "date", "reason" from "closure_day" where "office_id" = $1 and ("day" >= make_date($2, 1, 1) and "day" < make_date($3, 1, 1)) order by "day"

-- locations.listMunicipalities
select "code", "name", "region_code", "region_name", "contact_course_trial_2020", "scheme_2027", "lat", "lon", "island" from "municipality" where "region_code" = $1 and "contact_course_trial_2020" = $2 order by "code"
