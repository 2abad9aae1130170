-- push.save
insert into "push_subscription" ("member_id", "endpoint", "public_key", "auth_secret") values ($1, $2, $3, $4) on conflict ("endpoint") do update set "member_id" = "excluded"."member_id", "public_key" = "excluded"."public_key", "auth_secret" = "excluded"."auth_secret", "created_at" = now() returning cast("id" as text) as "id"

-- push.save
delete from "push_subscription" where "member_id" = $1 and "id" not in (select "id" from "push_subscription" where "member_id" = $2 order by "created_at" desc, "id" desc limit $3)

-- push.remove
delete from "push_subscription" where "member_id" = $1 and "endpoint" = $2 returning "id"

-- push.removeById
delete from "push_subscription" where "id" = $1

-- push.listForMember
select cast("id" as text) as "id", "endpoint", "public_key", "auth_secret" from "push_subscription" where "member_id" = $1 order by "id"

-- push.describeForMember
select cast("id" as text) as "id", "endpoint", "created_at" from "push_subscription" where "member_id" = $1 order by "created_at" desc, "id" desc

-- push.devKey
select "public_key", "private_key" from "push_dev_key" where "id" = $1
