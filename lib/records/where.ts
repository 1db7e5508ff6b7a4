import "server-only";

import { sql, type SQL } from "drizzle-orm";

import type { RecordFilters } from "./filters";

function timeBounds(f: Pick<RecordFilters, "from" | "to">, startedAt: SQL): SQL[] {
  const parts: SQL[] = [];
  if (f.from) parts.push(sql`${startedAt} >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) parts.push(sql`${startedAt} < ${f.to.toISOString()}::timestamptz`);
  return parts;
}

export function whereClause(f: RecordFilters, startedAt: SQL = sql.raw("c.started_at")): SQL {
  const parts: SQL[] = [sql`true`, ...timeBounds(f, startedAt)];
  if (f.result?.length) {
    parts.push(
      sql`c.result in (${sql.join(
        f.result.map((r) => sql`${r}`),
        sql`, `,
      )})`,
    );
  }
  if (f.type) parts.push(sql`c.call_type = ${f.type}`);
  if (f.media) parts.push(sql`c.media_type = ${f.media}`);
  if (f.answered)
    parts.push(sql.raw(`c.accepted_at is ${f.answered === "yes" ? "not null" : "null"}`));
  if (f.room) parts.push(sql`c.room_id = ${f.room}`);
  if (f.quality === "unknown")
    parts.push(sql`not exists (select 1 from call_quality q
      where q.call_id = c.call_id and q.verdict <> 'unknown')`);
  else if (f.quality)
    parts.push(sql`exists (select 1 from call_quality q
      where q.call_id = c.call_id and q.verdict = ${f.quality})`);
  if (f.ringMin !== undefined) parts.push(sql`c.ring_seconds >= ${f.ringMin}`);
  if (f.ringMax !== undefined) parts.push(sql`c.ring_seconds <= ${f.ringMax}`);
  if (f.talkMin !== undefined) parts.push(sql`c.talk_seconds >= ${f.talkMin}`);
  if (f.talkMax !== undefined) parts.push(sql`c.talk_seconds <= ${f.talkMax}`);
  return sql.join(parts, sql` and `);
}

export const SORT_COLUMN = {
  startedAt: "started_at",
  ringSeconds: "ring_seconds",
  talkSeconds: "talk_seconds",
};

/**
 * The other person's participant row of the same call: a probe of the participants key
 * (user_id, started_at, call_id). The time range is repeated for w because the planner does not
 * carry a range across an equality, and a hash join would otherwise read all of w's history.
 */
export function sharedWith(f: RecordFilters): SQL {
  if (!f.with) return sql`true`;
  const range = timeBounds(f, sql.raw("w.started_at")).map((part) => sql` and ${part}`);
  return sql`exists (select 1 from indexed_call_participants w
    where w.user_id = ${f.with} and w.started_at = p.started_at and w.call_id = p.call_id${sql.join(range)})`;
}

export function source(f: RecordFilters): { from: SQL; table: "c" | "p" } {
  if (!f.user) return { from: sql`indexed_calls c where ${whereClause(f)}`, table: "c" };
  return {
    from: sql`indexed_call_participants p join indexed_calls c on c.call_id = p.call_id
      where p.user_id = ${f.user} and ${sharedWith(f)} and ${whereClause(f, sql.raw("p.started_at"))}`,
    table: "p",
  };
}
