-- capacity.listOffices
select "id", "code", "name", "department_id", "lat", "lon", "island", "is_head_office" from "office" order by "code"

-- capacity.historyBounds
select min("week_start")::text as "first", max("week_start")::text as "last" from "inflow_week"

-- capacity.historyFingerprint
select (select count(*)::text || ':' || coalesce(sum("new_members"), 0)::text || ':' || coalesce(max("updated_at")::text, '') as "part" from "inflow_week") || ':' || (select coalesce(md5(string_agg(concat_ws('|', "id", "code", "name", "department_id", "lat", "lon", "island", "is_head_office"), ',' ORDER BY "id")), '') as "part" from "office") as "fingerprint"

-- capacity.inflowTotals
select "office_id", "week_start"::text as "week_start", sum("new_members")::int as "new_members" from "inflow_week" group by "office_id", "week_start"

-- capacity.inflowByGroupSince
select "office_id", "week_start"::text as "week_start", "target_group", "new_members" from "inflow_week" where "week_start" >= $1::date

-- capacity.listHistory
select "i"."office_id", "o"."code" as "office_code", "i"."week_start"::text as "week_start", "i"."target_group", "i"."new_members", "i"."source" from "inflow_week" as "i" inner join "office" as "o" on "o"."id" = "i"."office_id" where "i"."week_start" between $1::date and $2::date order by "o"."code", "i"."week_start", "i"."target_group"

-- capacity.listHistoryOfOffices
select "i"."office_id", "o"."code" as "office_code", "i"."week_start"::text as "week_start", "i"."target_group", "i"."new_members", "i"."source" from "inflow_week" as "i" inner join "office" as "o" on "o"."id" = "i"."office_id" where "i"."week_start" between $1::date and $2::date and "i"."office_id" = any($3::uuid[]) order by "o"."code", "i"."week_start", "i"."target_group"

-- capacity.upsertHistory
insert into "inflow_week" ("office_id", "week_start", "target_group", "new_members", "source") SELECT o.id, r.week_start, r.target_group, r.new_members, 'import'
                FROM jsonb_to_recordset($1::jsonb) AS r(office_code text, week_start date, target_group text, new_members int)
                JOIN office o ON o.code = r.office_code on conflict ("office_id", "week_start", "target_group") do update set "new_members" = "excluded"."new_members", "source" = 'import', "updated_at" = now()

-- capacity.listScenarios
select "id", "name", "description", "adjustments", "created_at" from "capacity_scenario" order by "name"

-- capacity.findScenarioByName
select "id", "name", "description", "adjustments", "created_at" from "capacity_scenario" where "name" = $1

-- capacity.insertScenario
insert into "capacity_scenario" ("name", "description", "adjustments", "created_by") values ($1, $2, $3::jsonb, $4) returning "id", "name", "description", "adjustments", "created_at"

-- capacity.deleteScenario
delete from "capacity_scenario" where "id" = $1

-- capacity.activeMembersByProgrammeWeek
select "home_office_id" as "office_id", "target_group", (($1::date - date_trunc('week', "first_unemployment_day")::date) / 7 + 1)::int as "programme_week", count(*)::int as "members" from "member" where "status" = 'active' and "first_unemployment_day" <= $2::date + 6 group by 1, 2, 3

-- capacity.closedItemsByProgrammeWeek
select "m"."home_office_id" as "office_id", "m"."target_group", (($1::date - date_trunc('week', "m"."first_unemployment_day")::date) / 7 + 1)::int as "programme_week", "i"."activity_code" as "activity", count(DISTINCT "m"."id")::int as "members" from "member" as "m" inner join "programme_item" as "i" on "i"."member_id" = "m"."id" and "i"."origin" = 'programme' where "m"."status" = 'active' and "m"."first_unemployment_day" <= $2::date + 6 and ("i"."status" in ('done', 'missed', 'waived') or ("i"."status" = 'booked' and "i"."id" in (select "b"."programme_item_id" from "booking" as "b" where "b"."status" <> 'cancelled' and lower("b"."during") < ($3::date)::timestamp AT TIME ZONE $4))) group by 1, 2, 3, 4

-- capacity.summonsesByOffice
select "m"."home_office_id" as "office_id", count(*)::int as "summonses" from "programme_item" as "i" inner join "member" as "m" on "m"."id" = "i"."member_id" where "i"."origin" = 'smiley' and "i"."activity_code" = 'summons' and "i"."created_at" >= $1 and "i"."created_at" < $2 group by 1

-- capacity.bookedMeetings
select "activity_code" as "activity", count(*)::int as "meetings" from "booking" where ("activity_code" = any($1::text[]) and "status" <> 'cancelled' and lower("during") >= $2 and lower("during") < $3) group by 1

-- capacity.listActivities
select "code", "kind", "default_duration_minutes", "min_group_size", "max_group_size", "leader_roles", "leader_skill", "counts_as_job_meeting", "name_da" from "activity_type" order by "code"

-- capacity.listTemplateItems
select "t"."target_group", "i"."activity_code", "i"."required", "i"."from_week", "i"."to_week", "i"."condition" from (select distinct on ("target_group") "id", "target_group" from "programme_template" where "valid_from" <= $1::date order by "target_group", "version" desc) as "t" inner join "programme_template_item" as "i" on "i"."template_id" = "t"."id" order by "t"."target_group", "i"."position"

-- capacity.listPlanningStaff
select "id", "name", "role", "skills", "weekly_hours"::float8 as "weekly_hours", "office_id" from "staff" where ("active" and "role" in ('adviser', 'job-consultant', 'pre-unemployment')) order by "employee_number"

-- capacity.listAbsences
select "staff_id", lower("period")::text as "from", upper("period")::text as "to" from "staff_absence" where "period" && daterange($1, $2)

-- capacity.planActuals
select "a"."office_id", to_char("a"."week_start", 'IYYY-"W"IW') as "week", "a"."activity_code" as "activity", sum("a"."hours")::float8 as "hours" from "capacity_allocation_assignment" as "a" inner join "capacity_allocation" as "c" on "c"."id" = "a"."allocation_id" where "c"."accepted_at" is not null and "c"."superseded_at" is null and "a"."week_start" >= $1::date and "a"."week_start" < $2::date group by 1, 2, 3

-- capacity.planActuals
select "s"."office_id", to_char(lower("s"."during") AT TIME ZONE $1, 'IYYY-"W"IW') as "week", "s"."activity_codes", "st"."role", sum(extract(epoch FROM upper("s"."during") - lower("s"."during")) / 3600)::float8 as "hours" from "slot" as "s" inner join "staff" as "st" on "st"."id" = "s"."staff_id" where "s"."status" = 'open' and lower("s"."during") >= ($2::date)::timestamp AT TIME ZONE $3 AND lower("s"."during") < ($4::date)::timestamp AT TIME ZONE $5 group by 1, 2, 3, 4

-- capacity.planActuals
select "b"."office_id", to_char(lower("b"."during") AT TIME ZONE $1, 'IYYY-"W"IW') as "week", "b"."activity_code" as "activity", sum(extract(epoch FROM upper("b"."during") - lower("b"."during")) / 3600)::float8 as "hours" from "booking" as "b" where "b"."slot_id" is not null and "b"."status" in ('booked', 'attended', 'no-show') and lower("b"."during") >= ($2::date)::timestamp AT TIME ZONE $3 AND lower("b"."during") < ($4::date)::timestamp AT TIME ZONE $5 group by 1, 2, 3

-- capacity.planActuals
select "s"."office_id", to_char(lower("s"."during") AT TIME ZONE $1, 'IYYY-"W"IW') as "week", "s"."activity_code" as "activity", "s"."booked", (extract(epoch FROM upper("s"."during") - lower("s"."during")) / 3600 * greatest(1, (select count(*) as "leaders" from "session_leader" as "l" where "l"."session_id" = "s"."id")))::float8 as "hours" from "session" as "s" where "s"."status" = 'scheduled' and lower("s"."during") >= ($2::date)::timestamp AT TIME ZONE $3 AND lower("s"."during") < ($4::date)::timestamp AT TIME ZONE $5

-- capacity.groupConvertibleSlotHours
select "s"."office_id", to_char(lower("s"."during") AT TIME ZONE $1, 'IYYY-"W"IW') as "week", sum(extract(epoch FROM upper("s"."during") - lower("s"."during")) / 3600)::float8 as "hours" from "slot" as "s" inner join "staff" as "st" on "st"."id" = "s"."staff_id" where "s"."status" = 'open' and "st"."active" and lower("s"."during") >= ($2::date)::timestamp AT TIME ZONE $3 AND lower("s"."during") < ($4::date)::timestamp AT TIME ZONE $5 and "s"."id" not in (select "b"."slot_id" from "booking" as "b" where "b"."slot_id" is not null and "b"."status" <> 'cancelled') and exists (select 1 as "one" from "activity_type" as "a" where "a"."kind" = 'group' and "st"."role" = ANY("a"."leader_roles") and ("a"."leader_skill" is null or "a"."leader_skill" = ANY("st"."skills"))) group by 1, 2

-- capacity.listClosureDays
select "office_id", "day"::text as "day" from "closure_day" where "day" >= $1::date and "day" < $2::date
