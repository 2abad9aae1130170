-- optimiser-history.list
select "id", "origin", "status", "params", "progress", "error", "created_at", "started_at", "finished_at", "applied_at", CASE WHEN summary IS NULL THEN NULL ELSE jsonb_build_object(
  'items', (summary->>'items')::int, 'placed', (summary->>'placed')::int, 'unplaced', (summary->>'unplaced')::int, 'sessionsOpened', (summary->>'sessionsOpened')::int,
  'seatsInExistingSessions', (summary->>'seatsInExistingSessions')::int, 'gap', (summary->>'gap')::float8, 'solveStatus', summary->>'status') END as "result", CASE WHEN apply_report IS NULL THEN NULL ELSE jsonb_build_object(
  'sessionsCreated', jsonb_array_length(COALESCE(apply_report->'sessionsCreated', '[]')),
  'sessionsNotCreated', jsonb_array_length(COALESCE(apply_report->'sessionsNotCreated', '[]')),
  'bookings', (SELECT count(DISTINCT seat->>'bookingId')::int FROM jsonb_array_elements(COALESCE(apply_report->'seatsBooked', '[]')) seat),
  'leftOut', jsonb_array_length(COALESCE(apply_report->'leftOut', '[]'))) END as "applied" from "optimiser_run" order by "created_at" desc, "id" limit $1 offset $2

-- optimiser-history.list
select count(*)::int as "total" from "optimiser_run"

-- optimiser-history.listByOrigin
select "id", "origin", "status", "params", "progress", "error", "created_at", "started_at", "finished_at", "applied_at", CASE WHEN summary IS NULL THEN NULL ELSE jsonb_build_object(
  'items', (summary->>'items')::int, 'placed', (summary->>'placed')::int, 'unplaced', (summary->>'unplaced')::int, 'sessionsOpened', (summary->>'sessionsOpened')::int,
  'seatsInExistingSessions', (summary->>'seatsInExistingSessions')::int, 'gap', (summary->>'gap')::float8, 'solveStatus', summary->>'status') END as "result", CASE WHEN apply_report IS NULL THEN NULL ELSE jsonb_build_object(
  'sessionsCreated', jsonb_array_length(COALESCE(apply_report->'sessionsCreated', '[]')),
  'sessionsNotCreated', jsonb_array_length(COALESCE(apply_report->'sessionsNotCreated', '[]')),
  'bookings', (SELECT count(DISTINCT seat->>'bookingId')::int FROM jsonb_array_elements(COALESCE(apply_report->'seatsBooked', '[]')) seat),
  'leftOut', jsonb_array_length(COALESCE(apply_report->'leftOut', '[]'))) END as "applied" from "optimiser_run" where "origin" = $1 order by "created_at" desc, "id" limit $2 offset $3

-- optimiser-history.listByOrigin
select count(*)::int as "total" from "optimiser_run" where "origin" = $1

-- optimiser-history.runState
select "status", "proposal" is not null as "stored" from "optimiser_run" where "id" = $1

-- optimiser-history.unplaced
SELECT u.entry->>'memberId' AS member_id, m.member_number, o.name AS home_office_name,
               u.entry->>'itemId' AS programme_item_id, u.entry->>'activityId' AS activity_code, a.name_da AS activity_name,
               u.entry->>'reason' AS reason, u.entry->>'hint' AS hint
        FROM optimiser_run r
        CROSS JOIN LATERAL jsonb_array_elements(COALESCE(r.proposal->'unplaced', '[]')) WITH ORDINALITY AS u(entry, n)
        LEFT JOIN member m ON m.id = (u.entry->>'memberId')::uuid
        LEFT JOIN office o ON o.id = m.home_office_id
        LEFT JOIN activity_type a ON a.code = u.entry->>'activityId'
        WHERE r.id = $1
        ORDER BY u.n
        LIMIT $2 OFFSET $3

-- optimiser-history.unplaced
select jsonb_array_length(COALESCE(proposal->'unplaced', '[]'))::int as "total" from "optimiser_run" where "id" = $1
