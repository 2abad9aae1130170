-- members.findMember
select "m"."id", "m"."member_number", "m"."name", "m"."email", "m"."phone", "m"."municipality_code", "m"."home_office_id", "m"."home_office_overridden", "o"."department_id", cast("m"."first_unemployment_day" as text) as "first_unemployment_day", "m"."risk", "m"."target_group", "m"."basic_it_needs", "m"."status", "m"."smiley", "m"."programme_template_id", "m"."created_at", "m"."updated_at" from "member" as "m" inner join "office" as "o" on "o"."id" = "m"."home_office_id" where "m"."id" = $1 and "o"."department_id" = $2

-- members.lockMember
select "id" from "member" where "id" = $1 for update

-- members.listMembers
select "m"."id", "m"."member_number", "m"."name", "m"."email", "m"."phone", "m"."municipality_code", "m"."home_office_id", "m"."home_office_overridden", "o"."department_id", cast("m"."first_unemployment_day" as text) as "first_unemployment_day", "m"."risk", "m"."target_group", "m"."basic_it_needs", "m"."status", "m"."smiley", "m"."programme_template_id", "m"."created_at", "m"."updated_at" from "member" as "m" inner join "office" as "o" on "o"."id" = "m"."home_office_id" where "m"."home_office_id" = $1 and "m"."status" = $2 order by "m"."first_unemployment_day" desc, "m"."member_number" limit $3

-- members.insertMember
insert into "member" ("member_number", "name", "email", "phone", "municipality_code", "home_office_id", "home_office_overridden", "first_unemployment_day", "risk", "target_group", "basic_it_needs", "programme_template_id") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning "id"

-- members.updateMember
update "member" set "email" = $1, "target_group" = $2, "risk" = $3, "updated_at" = now() where "id" = $4

-- members.setStatus
update "member" set "status" = $1, "referred_at" = now(), "updated_at" = now() where "id" = $2

-- members.anonymise
update "member" set "name" = $1, "email" = $2, "phone" = $3, "member_number" = 'erased-' || cast("id" as text), "status" = $4, "erased_at" = now(), "updated_at" = now() where "id" = $5

-- members.setSmiley
update "member" set "smiley" = $1, "updated_at" = now() where "id" = $2

-- members.latestTemplateId
select "id" from "programme_template" where "target_group" = $1 order by "version" desc limit $2

-- members.templateItems
select "activity_code", "required", "from_week", "to_week", "condition" as "condition" from "programme_template_item" where "template_id" = $1 order by "position"

-- members.listItems
select "i"."id", "i"."member_id", "i"."activity_code", "a"."name_da" as "activity_name", "a"."kind" as "activity_kind", "i"."required", "i"."window_start", "i"."window_end", "i"."channels", "i"."status", "i"."origin" from "programme_item" as "i" inner join "activity_type" as "a" on "a"."code" = "i"."activity_code" where "i"."member_id" = $1 order by "i"."window_start", "i"."window_end", "a"."code"

-- members.findItem
select "i"."id", "i"."member_id", "i"."activity_code", "a"."name_da" as "activity_name", "a"."kind" as "activity_kind", "i"."required", "i"."window_start", "i"."window_end", "i"."channels", "i"."status", "i"."origin" from "programme_item" as "i" inner join "activity_type" as "a" on "a"."code" = "i"."activity_code" where "i"."id" = $1

-- members.lockItem
select "i"."id", "i"."member_id", "i"."activity_code", "a"."name_da" as "activity_name", "a"."kind" as "activity_kind", "i"."required", "i"."window_start", "i"."window_end", "i"."channels", "i"."status", "i"."origin" from "programme_item" as "i" inner join "activity_type" as "a" on "a"."code" = "i"."activity_code" where "i"."id" = $1 and "i"."member_id" = $2 for update of "i"

-- members.lockItemNoWait
select "i"."id", "i"."member_id", "i"."activity_code", "a"."name_da" as "activity_name", "a"."kind" as "activity_kind", "i"."required", "i"."window_start", "i"."window_end", "i"."channels", "i"."status", "i"."origin" from "programme_item" as "i" inner join "activity_type" as "a" on "a"."code" = "i"."activity_code" where "i"."id" = $1 and "i"."member_id" = $2 for update of "i" nowait

-- members.setItemStatus
update "programme_item" set "status" = $1, "updated_at" = now() where "id" = $2

-- members.deleteItems
delete from "programme_item" where "id" in ($1) and "status" = $2

-- members.insertItems
insert into "programme_item" ("member_id", "activity_code", "required", "window_start", "window_end", "channels", "origin") SELECT $1::uuid, r.activity_code, r.required, r.window_start, r.window_end, r.channels, $2
            FROM jsonb_to_recordset($3::jsonb)
              AS r(activity_code text, required boolean, window_start timestamptz, window_end timestamptz, channels text[]) returning "id"

-- members.waiveOpenItems
update "programme_item" set "status" = $1, "updated_at" = now() where "member_id" = $2 and "status" = $3
