-- asked-plans.record
insert into "capacity_plan_asked" ("asked_key", "role", "department_id", "query", "asked_at") values ($1, $2, $3, $4::jsonb, $5) on conflict ("asked_key") do update set "asked_at" = greatest("capacity_plan_asked"."asked_at", "excluded"."asked_at")

-- asked-plans.askedSince
select "asked_key", "role", "department_id", "query", "asked_at" from "capacity_plan_asked" where "asked_at" >= $1 order by "asked_at", "asked_key"

-- asked-plans.forgetBefore
delete from "capacity_plan_asked" where "asked_at" < $1
