import "server-only";

import { sql } from "drizzle-orm";

import { rowsOf, type Executor } from "@/lib/db/executor";

import { USER_SEARCH_LIMIT, type UserMatch } from "./user-search-types";

// A short piece ("000", "han") sits inside thousands of IDs; sorting them all for ten would cost
// more than the rest of the search, so the first pieces in key order are sorted.
const INSIDE_SAMPLE = 200;

type Row = { user_id: string; calls: number; last_ms: number };

/** LIKE's wildcards and its escape character, taken literally. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Users whose ID starts with `text` (ignoring case), in ID order, then users whose ID contains it
 * elsewhere. Prefixes come off a B-tree on the IDs, the others off one on their pieces (migration
 * 0013), only when the prefixes leave room. `~<~` is the B-tree's (byte) order, so an exact match
 * leads its prefixes.
 */
export async function searchUsers(
  db: Executor,
  text: string,
  limit = USER_SEARCH_LIMIT,
): Promise<UserMatch[]> {
  const like = escapeLike(text);
  const res = await db.execute(sql`
    (select user_id, calls, (extract(epoch from last_call_at) * 1000)::float8 as last_ms
      from indexed_users
      where lower(user_id) like lower(${like}) || '%'
      order by lower(user_id) using ~<~, user_id limit ${limit})
    union all
    (select u.user_id, u.calls, (extract(epoch from u.last_call_at) * 1000)::float8
      from (select distinct user_id from (select user_id from indexed_user_pieces
          where piece like lower(${like}) || '%' order by piece limit ${INSIDE_SAMPLE}) p) inside
        join indexed_users u on u.user_id = inside.user_id
      where lower(u.user_id) not like lower(${like}) || '%'
      order by lower(u.user_id) using ~<~, u.user_id limit ${limit})
    limit ${limit}`);
  return rowsOf<Row>(res).map((r) => ({
    userId: r.user_id,
    calls: Number(r.calls),
    lastCallAt: new Date(Number(r.last_ms)).toISOString(),
  }));
}
