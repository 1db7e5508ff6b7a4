ALTER TABLE "insight_slots" ADD COLUMN "answered" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- insight_slots also counts the answered calls (an accept time) of each slot, so the answer rate
-- is read from the rollups. The trigger functions of 0005 are replaced with ones that keep it; an
-- update that only sets the accept time changes answered alone. The other rollups are unchanged.
CREATE OR REPLACE FUNCTION insight_rollups_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  insert into insight_slots as t (slot, result, call_type, media_type, n, answered)
  select to_timestamp(floor(extract(epoch from d.started_at) / 900) * 900), d.result, d.call_type,
    d.media_type, sum(d.s)::int, coalesce(sum(d.s) filter (where d.accepted_at is not null), 0)::int
  from (select 1 as s, * from new_rows) d
  group by 1, 2, 3, 4
  having sum(d.s) <> 0 or sum(d.s) filter (where d.accepted_at is not null) <> 0
  order by 1, 2, 3, 4
  on conflict (slot, result, call_type, media_type)
    do update set n = t.n + excluded.n, answered = t.answered + excluded.answered;

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
CREATE OR REPLACE FUNCTION insight_rollups_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  insert into insight_slots as t (slot, result, call_type, media_type, n, answered)
  select to_timestamp(floor(extract(epoch from d.started_at) / 900) * 900), d.result, d.call_type,
    d.media_type, sum(d.s)::int, coalesce(sum(d.s) filter (where d.accepted_at is not null), 0)::int
  from (select 1 as s, * from new_rows union all select -1, * from old_rows) d
  group by 1, 2, 3, 4
  having sum(d.s) <> 0 or sum(d.s) filter (where d.accepted_at is not null) <> 0
  order by 1, 2, 3, 4
  on conflict (slot, result, call_type, media_type)
    do update set n = t.n + excluded.n, answered = t.answered + excluded.answered;

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
CREATE OR REPLACE FUNCTION insight_rollups_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  insert into insight_slots as t (slot, result, call_type, media_type, n, answered)
  select to_timestamp(floor(extract(epoch from d.started_at) / 900) * 900), d.result, d.call_type,
    d.media_type, sum(d.s)::int, coalesce(sum(d.s) filter (where d.accepted_at is not null), 0)::int
  from (select -1 as s, * from old_rows) d
  group by 1, 2, 3, 4
  having sum(d.s) <> 0 or sum(d.s) filter (where d.accepted_at is not null) <> 0
  order by 1, 2, 3, 4
  on conflict (slot, result, call_type, media_type)
    do update set n = t.n + excluded.n, answered = t.answered + excluded.answered;

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
-- The calls already indexed (during a bulk load the slots are empty and are rebuilt after it).
UPDATE insight_slots t SET answered = x.a
FROM (
  select to_timestamp(floor(extract(epoch from started_at) / 900) * 900) as slot, result, call_type,
    media_type, count(*)::int as a
  from indexed_calls where accepted_at is not null group by 1, 2, 3, 4
) x
WHERE t.slot = x.slot and t.result = x.result and t.call_type = x.call_type
  and t.media_type = x.media_type;
