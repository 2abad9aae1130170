-- optimiser-runs.findById
select "id", "params", "origin", "status", "job_id", "attempts", "progress", "cancel_requested_at", "summary", "error", "requested_by", "created_at", "started_at", "finished_at", "applied_at", "applied_by", "apply_report" from "optimiser_run" where "id" = $1

-- optimiser-runs.findInFlight
select "id", "params", "origin", "status", "job_id", "attempts", "progress", "cancel_requested_at", "summary", "error", "requested_by", "created_at", "started_at", "finished_at", "applied_at", "applied_by", "apply_report" from "optimiser_run" where "params_hash" = $1 and status IN ('queued', 'running')

-- optimiser-runs.insertOrFindInFlight
insert into "optimiser_run" ("id", "params", "params_hash", "horizon", "origin", "job_id", "requested_by") values ($1, $2::jsonb, $3, tstzrange($4, $5, '[)'), $6, $7, $8) on conflict ("params_hash") where status IN ('queued', 'running') do nothing returning "id", "params", "origin", "status", "job_id", "attempts", "progress", "cancel_requested_at", "summary", "error", "requested_by", "created_at", "started_at", "finished_at", "applied_at", "applied_by", "apply_report"

-- optimiser-runs.claim
update "optimiser_run" set "status" = $1, "started_at" = now(), "attempts" = "attempts" + $2, "progress" = $3 where "id" = $4 and status IN ('queued', 'running') and "cancel_requested_at" is null returning "id", "params", "origin", "status", "job_id", "attempts", "progress", "cancel_requested_at", "summary", "error", "requested_by", "created_at", "started_at", "finished_at", "applied_at", "applied_by", "apply_report"

-- optimiser-runs.setProgress
update "optimiser_run" set "progress" = $1 where "id" = $2 and "status" = $3

-- optimiser-runs.finish
update "optimiser_run" set "status" = case when "cancel_requested_at" is null then $1 else $2 end, "summary" = $3::jsonb, "instance" = $4::jsonb, "proposal" = $5::jsonb, "progress" = $6, "finished_at" = now() where "id" = $7 and "status" = $8 returning "id"

-- optimiser-runs.markFailed
update "optimiser_run" set "status" = $1, "error" = $2, "finished_at" = now() where "id" = $3 and "status" in ($4, $5)

-- optimiser-runs.requestCancel
update "optimiser_run" set "cancel_requested_at" = coalesce("cancel_requested_at", now()), "status" = case when "status" = $1 then $2 else "status" end, "finished_at" = case when "status" = $3 then now() else "finished_at" end where "id" = $4 and status IN ('queued', 'running') returning "id", "params", "origin", "status", "job_id", "attempts", "progress", "cancel_requested_at", "summary", "error", "requested_by", "created_at", "started_at", "finished_at", "applied_at", "applied_by", "apply_report"

-- optimiser-runs.markCancelled
update "optimiser_run" set "status" = $1, "finished_at" = now() where "id" = $2 and "status" in ($3, $4) and "cancel_requested_at" is not null

-- optimiser-runs.isCancelRequested
select "cancel_requested_at" is not null as "requested" from "optimiser_run" where "id" = $1

-- optimiser-runs.listUnfinished
select "id", "params", "origin", "status", "job_id", "attempts", "progress", "cancel_requested_at", "summary", "error", "requested_by", "created_at", "started_at", "finished_at", "applied_at", "applied_by", "apply_report" from "optimiser_run" where status IN ('queued', 'running') and "created_at" < now() - make_interval(secs => $1) order by "created_at"

-- optimiser-runs.loadResult
select "instance", "proposal" from "optimiser_run" where "id" = $1

-- optimiser-runs.lockForApply
SELECT current_setting('lock_timeout') AS previous, set_config('lock_timeout', $1, true)

-- optimiser-runs.lockForApply
select "id", "params", "origin", "status", "job_id", "attempts", "progress", "cancel_requested_at", "summary", "error", "requested_by", "created_at", "started_at", "finished_at", "applied_at", "applied_by", "apply_report" from "optimiser_run" where "id" = $1 for update

-- optimiser-runs.lockForApply
SELECT set_config('lock_timeout', $1, true)

-- optimiser-runs.markApplied
update "optimiser_run" set "applied_at" = now(), "applied_by" = $1, "apply_report" = $2::jsonb where "id" = $3

-- optimiser-runs.describe
select "id", "code", "name" from "office" where "id" = ANY($1::uuid[])

-- optimiser-runs.describe
select "id", "name", "seats" from "room" where "id" = ANY($1::uuid[])

-- optimiser-runs.describe
select "id", "name", "role" from "staff" where "id" = ANY($1::uuid[])

-- optimiser-runs.describe
select "id", "member_number" from "member" where "id" = ANY($1::uuid[])

-- optimiser-runs.describe
select "code", "name_da" from "activity_type"
