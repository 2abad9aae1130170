-- plan-inputs-version.current
select coalesce(sum("weight"), 0)::text as "version", count(*)::int as "rows" from "capacity_plan_input_change"

-- plan-inputs-version.compact
with "gone" as (delete from "capacity_plan_input_change" returning "weight") insert into "capacity_plan_input_change" ("weight") select sum("weight") as "weight" from "gone" having count(*) > 0

-- plan-inputs-version.registeredTables
SELECT tgrelid::regclass::text AS name FROM pg_trigger WHERE tgname = 'capacity_plan_input_changed' ORDER BY 1
