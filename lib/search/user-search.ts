import "server-only";

import { sql } from "drizzle-orm";

import { rowsOf, type Executor } from "@/lib/db/executor";

import { USER_SEARCH_LIMIT, type UserMatch } from "./user-search-types";

type Row = { user_id: string; calls: number; last_ms: number };

/** LIKE's wildcards and its escape character, taken literally. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Users whose ID starts with `text` (ignoring case), in ID order, then users whose ID contains it
 * elsewhere. Prefixes come off an index; the others are a scan of one row per user, which stops
 * as soon as enough prefix matches are found. `~<~` is the index's (byte) order, so an exact match
 * leads its prefixes.
 */
export async function searchUsers(
  db: Executor,
  text: string,
  limit = USER_SEARCH_LIMIT,
): Promise<UserMatch[]> {
  const res = await db.execute(sql`
    (select user_id, calls, (extract(epoch from last_call_at) * 1000)::float8 as last_ms
      from indexed_users
      where lower(user_id) like lower(${escapeLike(text)}) || '%'
      order by lower(user_id) using ~<~, user_id limit ${limit})
    union all
    (select user_id, calls, (extract(epoch from last_call_at) * 1000)::float8
      from indexed_users
      where strpos(lower(user_id), lower(${text})) > 1
      order by lower(user_id) using ~<~, user_id limit ${limit})
    limit ${limit}`);
  return rowsOf<Row>(res).map((r) => ({
    userId: r.user_id,
    calls: Number(r.calls),
    lastCallAt: new Date(Number(r.last_ms)).toISOString(),
  }));
}
