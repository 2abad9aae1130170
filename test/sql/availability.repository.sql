-- availability.findOptions
WITH busy AS (SELECT during FROM booking WHERE member_id = $1 AND status = 'booked' AND id IS DISTINCT FROM $2::uuid)
      (SELECT 'slot' AS kind, s.id, s.office_id, s.staff_id, s.channel, lower(s.during) AS start, upper(s.during) AS "end", NULL::int AS seats_left
       FROM slot s
       WHERE s.status = 'open' AND s.activity_codes && $3::text[] AND s.channel = ANY($4::text[])
         AND ((s.channel = 'in-person' AND s.office_id = ANY($5::uuid[]))
              OR (s.channel <> 'in-person' AND s.office_id = ANY($6::uuid[])))
         AND s.during <@ tstzrange($7, $8, '[)')
         AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')
         AND NOT EXISTS (SELECT 1 FROM busy WHERE busy.during && s.during)
       ORDER BY lower(s.during) LIMIT $9)
      UNION ALL
      (SELECT 'session', s.id, s.office_id, NULL, 'in-person', lower(s.during), upper(s.during), s.capacity - s.booked
       FROM session s
       WHERE s.status = 'scheduled' AND s.activity_code = $10 AND s.booked < s.capacity AND 'in-person' = ANY($11::text[])
         AND s.office_id = ANY($12::uuid[]) AND s.during <@ tstzrange($13, $14, '[)')
         AND NOT EXISTS (SELECT 1 FROM busy WHERE busy.during && s.during)
         AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.session_id = s.id AND b.member_id = $15 AND b.status <> 'cancelled')
       ORDER BY lower(s.during) LIMIT $16)

-- availability.findOptionsForMove
WITH busy AS (SELECT during FROM booking WHERE member_id = $1 AND status = 'booked' AND id IS DISTINCT FROM $2::uuid)
      (SELECT 'slot' AS kind, s.id, s.office_id, s.staff_id, s.channel, lower(s.during) AS start, upper(s.during) AS "end", NULL::int AS seats_left
       FROM slot s
       WHERE s.status = 'open' AND s.activity_codes && $3::text[] AND s.channel = ANY($4::text[])
         AND ((s.channel = 'in-person' AND s.office_id = ANY($5::uuid[]))
              OR (s.channel <> 'in-person' AND s.office_id = ANY($6::uuid[])))
         AND s.during <@ tstzrange($7, $8, '[)')
         AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')
         AND NOT EXISTS (SELECT 1 FROM busy WHERE busy.during && s.during)
       ORDER BY lower(s.during) LIMIT $9)
      UNION ALL
      (SELECT 'session', s.id, s.office_id, NULL, 'in-person', lower(s.during), upper(s.during), s.capacity - s.booked
       FROM session s
       WHERE s.status = 'scheduled' AND s.activity_code = $10 AND s.booked < s.capacity AND 'in-person' = ANY($11::text[])
         AND s.office_id = ANY($12::uuid[]) AND s.during <@ tstzrange($13, $14, '[)')
         AND NOT EXISTS (SELECT 1 FROM busy WHERE busy.during && s.during)
         AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.session_id = s.id AND b.member_id = $15 AND b.status <> 'cancelled')
       ORDER BY lower(s.during) LIMIT $16)

-- availability.findFullSessions
SELECT s.id, s.office_id, lower(s.during) AS start, upper(s.during) AS "end", s.capacity,
             (SELECT w.position::int FROM (SELECT member_id, row_number() OVER (ORDER BY created_at, id) AS position
                                           FROM waitlist_entry WHERE session_id = s.id AND status = 'waiting') w
              WHERE w.member_id = $1) AS waitlist_position
      FROM session s
      WHERE s.status = 'scheduled' AND s.activity_code = $2 AND s.booked >= s.capacity
        AND s.office_id = ANY($3::uuid[])
        AND s.during <@ tstzrange($4, $5, '[)')
        AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.session_id = s.id AND b.member_id = $6 AND b.status <> 'cancelled')
      ORDER BY lower(s.during) LIMIT $7

-- availability.continuityStaff
select "s"."staff_id" from "booking" as "b" inner join "slot" as "s" on "s"."id" = "b"."slot_id" where "b"."member_id" = $1 and "b"."activity_code" in ($2) and "b"."status" in ($3, $4) order by lower("b"."during") desc
