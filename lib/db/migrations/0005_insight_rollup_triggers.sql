-- Keeps the insight rollups (0004) equal to indexed_calls. Statement triggers with transition
-- tables: one aggregated delta per write statement (a sync batch, a prune batch), applied in the
-- same transaction, so the rollups commit or roll back with the rows they describe. Each call
-- counts +1 for its new version and -1 for its old one (updates: both). The user list of a failed
-- call is its caller plus its callees, as the raw query reads them.
CREATE FUNCTION insight_rollups_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  insert into insight_slots as t (slot, result, call_type, media_type, n)
  select to_timestamp(floor(extract(epoch from d.started_at) / 900) * 900), d.result, d.call_type,
    d.media_type, sum(d.s)::int
  from (select 1 as s, * from new_rows) d
  group by 1, 2, 3, 4 having sum(d.s) <> 0 order by 1, 2, 3, 4
  on conflict (slot, result, call_type, media_type) do update set n = t.n + excluded.n;

  insert into insight_durations as t (grain, period, metric, result, call_type, media_type, v, n)
  select g.grain, date_trunc(g.unit, d.started_at, 'UTC'), m.metric, d.result, d.call_type,
    d.media_type, m.v, sum(d.s)::int
  from (select 1 as s, * from new_rows) d
    cross join (values ('d', 'day'), ('h', 'hour')) as g(grain, unit)
    cross join lateral (values ('ring', d.ring_seconds), ('talk', d.talk_seconds)) as m(metric, v)
  where m.v is not null
  group by 1, 2, 3, 4, 5, 6, 7 having sum(d.s) <> 0 order by 1, 2, 3, 4, 5, 6, 7
  on conflict (grain, period, metric, result, call_type, media_type, v)
    do update set n = t.n + excluded.n;

  insert into insight_failed_users as t (grain, period, user_id, n)
  select g.grain, date_trunc(g.unit, d.started_at, 'UTC'), u.user_id, sum(d.s)::int
  from (select 1 as s, * from new_rows) d
    cross join (values ('d', 'day'), ('h', 'hour')) as g(grain, unit)
    cross join lateral (select d.caller union all select unnest(d.callees)) as u(user_id)
  where d.result <> 'NormalEnd'
  group by 1, 2, 3 having sum(d.s) <> 0 order by 1, 2, 3
  on conflict (grain, period, user_id) do update set n = t.n + excluded.n;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION insight_rollups_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  insert into insight_slots as t (slot, result, call_type, media_type, n)
  select to_timestamp(floor(extract(epoch from d.started_at) / 900) * 900), d.result, d.call_type,
    d.media_type, sum(d.s)::int
  from (select 1 as s, * from new_rows union all select -1, * from old_rows) d
  group by 1, 2, 3, 4 having sum(d.s) <> 0 order by 1, 2, 3, 4
  on conflict (slot, result, call_type, media_type) do update set n = t.n + excluded.n;

  insert into insight_durations as t (grain, period, metric, result, call_type, media_type, v, n)
  select g.grain, date_trunc(g.unit, d.started_at, 'UTC'), m.metric, d.result, d.call_type,
    d.media_type, m.v, sum(d.s)::int
  from (select 1 as s, * from new_rows union all select -1, * from old_rows) d
    cross join (values ('d', 'day'), ('h', 'hour')) as g(grain, unit)
    cross join lateral (values ('ring', d.ring_seconds), ('talk', d.talk_seconds)) as m(metric, v)
  where m.v is not null
  group by 1, 2, 3, 4, 5, 6, 7 having sum(d.s) <> 0 order by 1, 2, 3, 4, 5, 6, 7
  on conflict (grain, period, metric, result, call_type, media_type, v)
    do update set n = t.n + excluded.n;

  insert into insight_failed_users as t (grain, period, user_id, n)
  select g.grain, date_trunc(g.unit, d.started_at, 'UTC'), u.user_id, sum(d.s)::int
  from (select 1 as s, * from new_rows union all select -1, * from old_rows) d
    cross join (values ('d', 'day'), ('h', 'hour')) as g(grain, unit)
    cross join lateral (select d.caller union all select unnest(d.callees)) as u(user_id)
  where d.result <> 'NormalEnd'
  group by 1, 2, 3 having sum(d.s) <> 0 order by 1, 2, 3
  on conflict (grain, period, user_id) do update set n = t.n + excluded.n;

  -- Removals can bring counts to 0; such rows would read as "seen" results or users.
  delete from insight_slots where n = 0;
  delete from insight_durations where n = 0;
  delete from insight_failed_users where n = 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION insight_rollups_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  insert into insight_slots as t (slot, result, call_type, media_type, n)
  select to_timestamp(floor(extract(epoch from d.started_at) / 900) * 900), d.result, d.call_type,
    d.media_type, sum(d.s)::int
  from (select -1 as s, * from old_rows) d
  group by 1, 2, 3, 4 having sum(d.s) <> 0 order by 1, 2, 3, 4
  on conflict (slot, result, call_type, media_type) do update set n = t.n + excluded.n;

  insert into insight_durations as t (grain, period, metric, result, call_type, media_type, v, n)
  select g.grain, date_trunc(g.unit, d.started_at, 'UTC'), m.metric, d.result, d.call_type,
    d.media_type, m.v, sum(d.s)::int
  from (select -1 as s, * from old_rows) d
    cross join (values ('d', 'day'), ('h', 'hour')) as g(grain, unit)
    cross join lateral (values ('ring', d.ring_seconds), ('talk', d.talk_seconds)) as m(metric, v)
  where m.v is not null
  group by 1, 2, 3, 4, 5, 6, 7 having sum(d.s) <> 0 order by 1, 2, 3, 4, 5, 6, 7
  on conflict (grain, period, metric, result, call_type, media_type, v)
    do update set n = t.n + excluded.n;

  insert into insight_failed_users as t (grain, period, user_id, n)
  select g.grain, date_trunc(g.unit, d.started_at, 'UTC'), u.user_id, sum(d.s)::int
  from (select -1 as s, * from old_rows) d
    cross join (values ('d', 'day'), ('h', 'hour')) as g(grain, unit)
    cross join lateral (select d.caller union all select unnest(d.callees)) as u(user_id)
  where d.result <> 'NormalEnd'
  group by 1, 2, 3 having sum(d.s) <> 0 order by 1, 2, 3
  on conflict (grain, period, user_id) do update set n = t.n + excluded.n;

  -- Removals can bring counts to 0; such rows would read as "seen" results or users.
  delete from insight_slots where n = 0;
  delete from insight_durations where n = 0;
  delete from insight_failed_users where n = 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION insight_rollups_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  delete from insight_slots;
  delete from insight_durations;
  delete from insight_failed_users;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER insight_rollups_insert AFTER INSERT ON indexed_calls
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION insight_rollups_on_insert();
--> statement-breakpoint
CREATE TRIGGER insight_rollups_update AFTER UPDATE ON indexed_calls
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION insight_rollups_on_update();
--> statement-breakpoint
CREATE TRIGGER insight_rollups_delete AFTER DELETE ON indexed_calls
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION insight_rollups_on_delete();
--> statement-breakpoint
CREATE TRIGGER insight_rollups_truncate AFTER TRUNCATE ON indexed_calls
  FOR EACH STATEMENT EXECUTE FUNCTION insight_rollups_on_truncate();
--> statement-breakpoint
-- One-time rebuild from the calls already indexed (the same aggregation, in this migration's
-- transaction).
DO $$
BEGIN
  insert into insight_slots as t (slot, result, call_type, media_type, n)
  select to_timestamp(floor(extract(epoch from d.started_at) / 900) * 900), d.result, d.call_type,
    d.media_type, sum(d.s)::int
  from (select 1 as s, * from indexed_calls) d
  group by 1, 2, 3, 4 having sum(d.s) <> 0 order by 1, 2, 3, 4
  on conflict (slot, result, call_type, media_type) do update set n = t.n + excluded.n;

  insert into insight_durations as t (grain, period, metric, result, call_type, media_type, v, n)
  select g.grain, date_trunc(g.unit, d.started_at, 'UTC'), m.metric, d.result, d.call_type,
    d.media_type, m.v, sum(d.s)::int
  from (select 1 as s, * from indexed_calls) d
    cross join (values ('d', 'day'), ('h', 'hour')) as g(grain, unit)
    cross join lateral (values ('ring', d.ring_seconds), ('talk', d.talk_seconds)) as m(metric, v)
  where m.v is not null
  group by 1, 2, 3, 4, 5, 6, 7 having sum(d.s) <> 0 order by 1, 2, 3, 4, 5, 6, 7
  on conflict (grain, period, metric, result, call_type, media_type, v)
    do update set n = t.n + excluded.n;

  insert into insight_failed_users as t (grain, period, user_id, n)
  select g.grain, date_trunc(g.unit, d.started_at, 'UTC'), u.user_id, sum(d.s)::int
  from (select 1 as s, * from indexed_calls) d
    cross join (values ('d', 'day'), ('h', 'hour')) as g(grain, unit)
    cross join lateral (select d.caller union all select unnest(d.callees)) as u(user_id)
  where d.result <> 'NormalEnd'
  group by 1, 2, 3 having sum(d.s) <> 0 order by 1, 2, 3
  on conflict (grain, period, user_id) do update set n = t.n + excluded.n;
END
$$;
