CREATE TABLE "indexed_users" (
	"user_id" text PRIMARY KEY NOT NULL,
	"calls" integer NOT NULL,
	"last_call_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "indexed_users_prefix_idx" ON "indexed_users" USING btree (lower("user_id") text_pattern_ops);
--> statement-breakpoint
-- indexed_users follows indexed_call_participants: statement triggers with transition tables apply
-- one aggregated change per write statement (a sync batch, a prune batch) in its transaction, user
-- IDs in order so that concurrent writers lock rows in the same order. A removal takes the user's
-- latest call from the participants' key, unless a later call than any removed one is kept.
CREATE FUNCTION indexed_users_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  insert into indexed_users as t (user_id, calls, last_call_at)
  select user_id, count(*)::int, max(started_at) from new_rows group by user_id order by user_id
  on conflict (user_id) do update
    set calls = t.calls + excluded.calls, last_call_at = greatest(t.last_call_at, excluded.last_call_at);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION indexed_users_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  update indexed_users t set calls = t.calls - g.n,
    last_call_at = case when t.last_call_at > g.latest then t.last_call_at
      else coalesce((select max(p.started_at) from indexed_call_participants p
        where p.user_id = t.user_id), t.last_call_at) end
  from (select user_id, count(*)::int as n, max(started_at) as latest from old_rows
    group by user_id order by user_id) g
  where t.user_id = g.user_id;
  delete from indexed_users where user_id in (select user_id from old_rows) and calls <= 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION indexed_users_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  insert into indexed_users as t (user_id, calls, last_call_at)
  select d.user_id, sum(d.s)::int, coalesce(max(d.started_at), '-infinity')
  from (select 1 as s, user_id, started_at from new_rows
    union all select -1, user_id, null from old_rows) d
  group by d.user_id order by d.user_id
  on conflict (user_id) do update set calls = t.calls + excluded.calls;
  update indexed_users t set last_call_at = m.latest
  from (select p.user_id, max(p.started_at) as latest from indexed_call_participants p
    where p.user_id in (select user_id from new_rows union select user_id from old_rows)
    group by p.user_id) m
  where t.user_id = m.user_id and t.last_call_at is distinct from m.latest;
  delete from indexed_users
  where user_id in (select user_id from new_rows union select user_id from old_rows) and calls <= 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION indexed_users_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  delete from indexed_users;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER indexed_users_insert AFTER INSERT ON indexed_call_participants
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indexed_users_on_insert();
--> statement-breakpoint
CREATE TRIGGER indexed_users_update AFTER UPDATE ON indexed_call_participants
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION indexed_users_on_update();
--> statement-breakpoint
CREATE TRIGGER indexed_users_delete AFTER DELETE ON indexed_call_participants
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indexed_users_on_delete();
--> statement-breakpoint
CREATE TRIGGER indexed_users_truncate AFTER TRUNCATE ON indexed_call_participants
  FOR EACH STATEMENT EXECUTE FUNCTION indexed_users_on_truncate();
--> statement-breakpoint
INSERT INTO indexed_users (user_id, calls, last_call_at)
SELECT user_id, count(*)::int, max(started_at) FROM indexed_call_participants GROUP BY user_id;
--> statement-breakpoint
-- Matches inside an ID ("bob" in "jimbob") come off a trigram index where pg_trgm can be had (a
-- trusted extension in PostgreSQL's contrib; the console loads it into PGlite). Without it the
-- search scans indexed_users, one row per user, for that part only.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX indexed_users_inside_idx ON indexed_users USING gin (lower(user_id) gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm unavailable (%); user IDs are matched inside by a scan', SQLERRM;
END
$$;
