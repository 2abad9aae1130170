-- identity.staffByIdentity
select "s"."id" as "staff_id", "s"."role", coalesce("s"."department_id", "o"."department_id") as "department_id" from "staff" as "s" left join "office" as "o" on "o"."id" = "s"."office_id" inner join "staff_identity" as "i" on "i"."staff_id" = "s"."id" where "s"."active" = $1 and "i"."issuer" = $2 and "i"."subject" = $3

-- identity.staffById
select "s"."id" as "staff_id", "s"."role", coalesce("s"."department_id", "o"."department_id") as "department_id" from "staff" as "s" left join "office" as "o" on "o"."id" = "s"."office_id" where "s"."active" = $1 and "s"."id" = $2

-- identity.staffByEmail
select "s"."id" as "staff_id", "s"."role", coalesce("s"."department_id", "o"."department_id") as "department_id" from "staff" as "s" left join "office" as "o" on "o"."id" = "s"."office_id" where "s"."active" = $1 and lower("s"."email") = lower($2) limit $3

-- identity.linkStaff
insert into "staff_identity" ("issuer", "subject", "staff_id", "linked_by") values ($1, $2, $3, $4) on conflict ("issuer", "subject") do nothing

-- identity.memberByIdentity
select "m"."id" as "member_id" from "member" as "m" inner join "member_identity" as "i" on "i"."member_id" = "m"."id" where "i"."issuer" = $1 and "i"."subject" = $2 and "m"."status" <> $3

-- identity.memberByNumber
select "id" as "member_id" from "member" where "member_number" = $1 and "status" <> $2

-- identity.linkMember
insert into "member_identity" ("issuer", "subject", "member_id", "linked_by") values ($1, $2, $3, $4) on conflict ("issuer", "subject") do nothing

-- identity.forgetMember
delete from "member_identity" where "member_id" = $1

-- identity.forgetMember
delete from "member_link_code" where "member_id" = $1 and "used_at" is null

-- identity.forgetMember
update "auth_session" set "ended_at" = now() where "role" = $1 and "subject_id" = $2 and "ended_at" is null

-- identity.memberExists
select 1 as "exists" from "member" where "id" = $1 and "status" <> $2

-- identity.insertLinkCode
insert into "member_link_code" ("code_hash", "member_id", "issued_by_role", "issued_by_id", "expires_at") values ($1, $2, $3, $4, $5)

-- identity.redeemLinkCode
update "member_link_code" as "c" set "used_at" = now() from "member" as "m" where "c"."code_hash" = $1 and "c"."used_at" is null and "c"."expires_at" > now() and "m"."id" = "c"."member_id" and "m"."status" <> $2 returning "c"."member_id"

-- identity.redeemLinkCode
insert into "member_identity" ("issuer", "subject", "linked_by") values ($1, $2, $3) on conflict ("issuer", "subject") do nothing

-- identity.serviceAccount
select "id", "name", "scopes" from "service_account" where "issuer" = $1 and "client_id" = $2 and "active" = $3

-- identity.insertLoginAttempt
delete from "auth_login_attempt" where "expires_at" < now()

-- identity.insertLoginAttempt
insert into "auth_login_attempt" ("state_hash", "code_verifier", "nonce", "return_to", "expires_at") values ($1, $2, $3, $4, $5)

-- identity.takeLoginAttempt
with "taken" as (delete from "auth_login_attempt" where "state_hash" = $1 returning "code_verifier", "nonce", "return_to", "expires_at") select "code_verifier", "nonce", "return_to" from "taken" where "expires_at" > now()

-- identity.insertSession
delete from "auth_session" where "expires_at" < now() - interval '1 day'

-- identity.insertSession
insert into "auth_session" ("id_hash", "issuer", "subject", "role", "subject_id", "department_id", "csrf_token", "expires_at") values ($1, $2, $3, $4, $5, $6, $7, $8)

-- identity.session
select "issuer", "subject", "role", "subject_id", "department_id", "csrf_token", "expires_at", "last_seen_at", "ended_at" from "auth_session" where "id_hash" = $1

-- identity.touchSession
update "auth_session" set "last_seen_at" = now() where "id_hash" = $1 and "last_seen_at" < now() - interval '30 seconds' and "last_seen_at" > now() - make_interval(secs => $2)

-- identity.setSessionPrincipal
update "auth_session" set "role" = $1, "subject_id" = $2, "department_id" = $3 where "id_hash" = $4

-- identity.endSession
update "auth_session" set "ended_at" = now() where "id_hash" = $1 and "ended_at" is null
