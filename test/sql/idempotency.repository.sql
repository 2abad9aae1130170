-- idempotency.tryClaim
SELECT pg_try_advisory_xact_lock($1::bigint) AS claimed

-- idempotency.find
select "request_hash", "status", "response_status", "response_body", created_at < now() - $1::interval as "abandoned" from "idempotency_key" where "principal" = $2 and "key" = $3

-- idempotency.deleteInFlight
delete from "idempotency_key" where "principal" = $1 and "key" = $2 and "status" = $3

-- idempotency.insertDone
insert into "idempotency_key" ("principal", "key", "request_hash", "response_status", "response_body", "status") values ($1, $2, $3, $4, $5, $6) on conflict do nothing returning "key"
