-- availability.findOptions
WITH busy AS (SELECT during FROM booking WHERE member_id = $1 AND status = 'booked')
      (SELECT 'slot' AS kind, s.id, s.office_id, s.staff_id, s.channel, lower(s.during) AS start, upper(s.during) AS "end", NULL::int AS seats_left
       FROM slot s
       WHERE s.status = 'open' AND s.activity_codes && $2::text[] AND s.channel = ANY($3::text[])
         AND ((s.channel = 'in-person' AND s.office_id = ANY($4::uuid[]))
              OR (s.channel <> 'in-person' AND s.office_id = ANY($5::uuid[])))
         AND s.during <@ tstzrange($6, $7, '[)')
         AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')
         AND NOT EXISTS (SELECT 1 FROM busy WHERE busy.during && s.during)
       ORDER BY lower(s.during) LIMIT $8)
      UNION ALL
      (SELECT 'session', s.id, s.office_id, NULL, 'in-person', lower(s.during), upper(s.during), s.capacity - s.booked
       FROM session s
       WHERE s.status = 'scheduled' AND s.activity_code = $9 AND s.booked < s.capacity AND 'in-person' = ANY($10::text[])
         AND s.office_id = ANY($11::uuid[]) AND s.during <@ tstzrange($12, $13, '[)')
         AND NOT EXISTS (SELECT 1 FROM busy WHERE busy.during && s.during)
         AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.session_id = s.id AND b.member_id = $14 AND b.status <> 'cancelled')
       ORDER BY lower(s.during) LIMIT $15)

-- availability.continuityStaff
select "s"."staff_id" from "booking" as "b" inner join "slot" as "s" on "s"."id" = "b"."slot_id" where "b"."member_id" = $1 and "b"."activity_code" in ($2) and "b"."status" in ($3, $4) order by lower("b"."during") desc
