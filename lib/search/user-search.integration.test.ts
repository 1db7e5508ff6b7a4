import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GET } from "@/app/api/search/users/route";
import type { Role } from "@/lib/auth/roles";
import type { CallRecord } from "@/lib/calls/types";
import { rowsOf } from "@/lib/db/executor";
import { pruneBefore, upsertRecords } from "@/lib/sync/store";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

import type { UserSearchResponse } from "./user-search-types";

const NOW = Date.UTC(2026, 10, 20, 15, 0, 0);
const H = 3_600_000;
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * H).toISOString();

let serial = 0;
function call(caller: string, callees: string[], hoursAgo: number): CallRecord {
  return {
    callId: `search-${++serial}`,
    result: "NormalEnd",
    mediaType: "audio",
    callType: callees.length > 1 ? "group" : "single",
    caller,
    callees,
    startedAt: at(hoursAgo),
    acceptedAt: at(hoursAgo),
    endedAt: at(hoursAgo - 0.1),
    roomId: "room-1",
    roomIdType: 2,
    chatGroupId: null,
    sources: ["v4"],
  };
}

// "bob" begins bob, Bob.Li and bobby_9, and sits inside jimbob and ann_bob; carol matches nothing.
const CALLS = [
  call("bob", ["carol"], 30),
  call("carol", ["bob"], 2),
  call("bob", ["jimbob", "ann_bob"], 100),
  call("Bob.Li", ["carol"], 5),
  call("bobby_9", ["carol"], 50),
  call("bobby_9", ["jimbob"], 1),
  call("ann_bob", ["carol"], 200),
  call("50%_off", ["carol"], 3),
];

describe.each(APP_DATABASES)("GET /api/search/users on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    handle = await open();
    await upsertRecords(handle.db, CALLS);
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  const get = async (query: string, role: Role | null = "support") =>
    GET(await requestAs(role, `/api/search/users?${query}`));
  const search = async (q: string) => {
    const res = await get(`q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as UserSearchResponse).items;
  };

  it("lists prefix matches first, then other matches, each with its calls and last call", async () => {
    expect(await search("bob")).toEqual([
      { userId: "bob", calls: 3, lastCallAt: at(2) },
      { userId: "Bob.Li", calls: 1, lastCallAt: at(5) },
      { userId: "bobby_9", calls: 2, lastCallAt: at(1) },
      { userId: "ann_bob", calls: 2, lastCallAt: at(100) },
      { userId: "jimbob", calls: 2, lastCallAt: at(1) },
    ]);
  });

  it("ignores case and takes LIKE's wildcards literally", async () => {
    expect((await search("BOBBY")).map((u) => u.userId)).toEqual(["bobby_9"]);
    expect((await search("%")).map((u) => u.userId)).toEqual(["50%_off"]);
    expect((await search("b_b")).map((u) => u.userId)).toEqual([]);
    expect(await search("nobody")).toEqual([]);
  });

  it("stays right as the sync adds callees to a known call and prunes old calls", async () => {
    await upsertRecords(handle.db, [
      { ...CALLS[1]!, callees: ["bob", "bobby_9"], sources: ["v4", "v1"] },
    ]);
    expect((await search("bobby")).at(0)).toEqual({
      userId: "bobby_9",
      calls: 3,
      lastCallAt: at(1),
    });

    // Everything before 40 hours ago goes: ann_bob's only calls, bob's and bobby_9's oldest.
    await pruneBefore(handle.db, new Date(NOW - 40 * H));
    expect(await search("bob")).toEqual([
      { userId: "bob", calls: 2, lastCallAt: at(2) },
      { userId: "Bob.Li", calls: 1, lastCallAt: at(5) },
      { userId: "bobby_9", calls: 2, lastCallAt: at(1) },
      { userId: "jimbob", calls: 1, lastCallAt: at(1) },
    ]);
  });

  it("follows a participant row whose start time is corrected", async () => {
    await handle.db.execute(
      sql`update indexed_call_participants set started_at = ${at(0.5)}::timestamptz where user_id = 'Bob.Li'`,
    );
    expect((await search("bob.")).at(0)).toEqual({
      userId: "Bob.Li",
      calls: 1,
      lastCallAt: at(0.5),
    });
  });

  it("matches a count taken from the participants themselves", async () => {
    const counted = rowsOf<{ user_id: string; n: number }>(
      await handle.db.execute(
        sql`select user_id, count(*)::int as n from indexed_call_participants group by user_id order by user_id`,
      ),
    );
    const kept = rowsOf<{ user_id: string; n: number }>(
      await handle.db.execute(sql`select user_id, calls as n from indexed_users order by user_id`),
    );
    expect(kept).toEqual(counted);
  });

  it("keeps the pieces of exactly the users in the index, after adds and prunes", async () => {
    const pieces = rowsOf<{ user_id: string; piece: string }>(
      await handle.db.execute(
        sql`select user_id, piece from indexed_user_pieces order by user_id, piece`,
      ),
    );
    const users = rowsOf<{ user_id: string }>(
      await handle.db.execute(sql`select user_id from indexed_users order by user_id`),
    ).map((u) => u.user_id);
    const expected = users.flatMap((id) =>
      [...id.toLowerCase()]
        .slice(1)
        .map((_, i) => ({ user_id: id, piece: id.toLowerCase().slice(i + 1) })),
    );
    const order = (a: { user_id: string; piece: string }, b: typeof a) =>
      a.user_id === b.user_id ? (a.piece < b.piece ? -1 : 1) : a.user_id < b.user_id ? -1 : 1;
    expect(pieces.sort(order)).toEqual(expected.sort(order));
    expect(users).not.toContain("ann_bob");
  });

  it.each([
    ["", "q: is required"],
    ["q=", "q: must not be empty"],
    ["q=%20%20", "q: must not be empty"],
    [`q=${"b".repeat(65)}`, "q: must be at most 64 characters"],
    ["q=bo%07b", "q: must not contain control or invisible characters"],
    ["q=bo%E2%80%8Bb", "q: must not contain control or invisible characters"],
    ["q=bob&q=ann", "q:"],
  ])("%s → 422 naming the field", async (query, message) => {
    const res = await get(query);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("unprocessable_entity");
    expect(body.error.message).toContain(message);
  });

  it("answers 401 to a signed-out caller and serves every role from support up", async () => {
    expect((await get("q=bob", null)).status).toBe(401);
    for (const role of ["support", "manager", "admin"] as const) {
      expect((await get("q=bob", role)).status).toBe(200);
    }
  });
});
