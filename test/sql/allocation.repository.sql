-- allocation.findById
select "id", "params", "status", "job_id", "result", "error", "attempts", "created_at", "started_at", "finished_at", "accepted_at", "superseded_at" from "capacity_allocation" where "id" = $1

-- allocation.findInFlight
select "id", "params", "status", "job_id", "result", "error", "attempts", "created_at", "started_at", "finished_at", "accepted_at", "superseded_at" from "capacity_allocation" where "params_key" = $1 and "status" in ($2, $3)

-- allocation.listUnfinished
select "id", "params", "status", "job_id", "result", "error", "attempts", "created_at", "started_at", "finished_at", "accepted_at", "superseded_at" from "capacity_allocation" where "status" in ($1, $2) and "created_at" < now() - make_interval(secs => $3) order by "created_at"

-- allocation.insert
insert into "capacity_allocation" ("params", "params_key", "period", "job_id", "requested_by") values ($1::jsonb, $2, daterange($3, $4), $5, $6) on conflict ("params_key") where status IN ('queued', 'running') do nothing returning "id", "params", "status", "job_id", "result", "error", "attempts", "created_at", "started_at", "finished_at", "accepted_at", "superseded_at"

-- allocation.markRunning
update "capacity_allocation" set "status" = $1, "started_at" = now(), "attempts" = "attempts" + $2 where "id" = $3 and "status" in ($4, $5) returning "id", "params", "status", "job_id", "result", "error", "attempts", "created_at", "started_at", "finished_at", "accepted_at", "superseded_at"

-- allocation.complete
update "capacity_allocation" set "status" = $1, "result" = $2::jsonb, "error" = $3, "finished_at" = now() where "id" = $4 and "status" = $5 returning "id"

-- allocation.complete
insert into "capacity_allocation_assignment" ("allocation_id", "staff_id", "office_id", "week_start", "activity_code", "hours") SELECT $1, r.staff_id, r.office_id, r.week_start, r.activity, r.hours
                FROM jsonb_to_recordset($2::jsonb) AS r(staff_id uuid, office_id uuid, week_start date, activity text, hours numeric)

-- allocation.markFailed
update "capacity_allocation" set "status" = $1, "error" = $2, "finished_at" = now() where "id" = $3 and "status" in ($4, $5)

-- allocation.accept
select "period" from "capacity_allocation" where "id" = $1 for update

-- allocation.accept
update "capacity_allocation" set "superseded_at" = now() where "id" <> $1 and "accepted_at" is not null and "superseded_at" is null and "period" && $2::daterange

-- allocation.accept
update "capacity_allocation" set "accepted_at" = now(), "accepted_by" = $1 where "id" = $2 and "accepted_at" is null

-- allocation.listAssignments
select "a"."staff_id", "a"."office_id", a.week_start::text as "week_start", "a"."activity_code" as "activity", a.hours::float8 as "hours" from "capacity_allocation_assignment" as "a" where "a"."allocation_id" = $1 order by "a"."week_start", "a"."office_id", "a"."staff_id", "a"."activity_code"

-- allocation.listExpectedHours
select "a"."allocation_id", "a"."staff_id", "s"."name" as "staff_name", "s"."role", "a"."office_id", a.week_start::text as "week_start", "a"."activity_code" as "activity", a.hours::float8 as "hours" from "capacity_allocation_assignment" as "a" inner join "capacity_allocation" as "c" on "c"."id" = "a"."allocation_id" and "c"."accepted_at" is not null and "c"."superseded_at" is null inner join "staff" as "s" on "s"."id" = "a"."staff_id" where "a"."office_id" = $1 and "a"."week_start" >= $2::date and "a"."week_start" < $3::date order by "s"."name", "a"."week_start", "a"."activity_code"
