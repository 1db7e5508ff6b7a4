import { readFileSync } from "node:fs";
import path from "node:path";

import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { CallRecord } from "@/lib/calls/types";
import { rowsOf } from "@/lib/db/executor";
import { recordFiltersSchema } from "@/lib/records/filters";
import { listIndexedRecords } from "@/lib/records/query";
import { TEST_DATABASES } from "@/test/databases";

import { pruneBefore, upsertRecords } from "./store";

// A call's participant rows are keyed by (user, start, call), so they must keep matching the call
// however its copies arrive: the start and the caller stay as first indexed, a callee only one
// copy lists is added, and pruning removes every row by that key.

const v1Copy: CallRecord = {
  callId: "merge-call-1",
  result: "Hangup",
  mediaType: "Audio",
  callType: "Group",
  caller: "",
  callees: ["bob", "carol"],
  startedAt: "2026-11-20T10:00:00.000Z",
  acceptedAt: "2026-11-20T10:00:05.000Z",
  endedAt: "2026-11-20T10:01:00.000Z",
  roomId: "room-1",
  roomIdType: null,
  chatGroupId: null,
  sources: ["v1"],
};
// The v4 copy, read in a later pass: a second later (as if rounded differently), with the caller
// the v1 copy lacked and one more callee.
const v4Copy: CallRecord = {
  ...v1Copy,
  caller: "alice",
  callees: ["bob", "dave"],
  startedAt: "2026-11-20T10:00:01.000Z",
  roomIdType: 1,
  sources: ["v4"],
};

type ParticipantRow = { user_id: string; role: string; started_at: string };

describe.each(TEST_DATABASES)("record index writes on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  beforeEach(async () => {
    handle = await open();
  });
  afterEach(async () => {
    await handle?.dispose();
  });

  const participants = async (callId: string) =>
    rowsOf<ParticipantRow>(
      await handle.db.execute(sql`select user_id, role,
        to_char(started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as started_at
        from indexed_call_participants where call_id = ${callId} order by user_id`),
    );

  it("keeps one participant row per member at the first start when copies disagree", async () => {
    expect(await upsertRecords(handle.db, [v1Copy])).toBe(1);
    expect(await upsertRecords(handle.db, [v4Copy])).toBe(1);
    expect(
      await upsertRecords(handle.db, [v4Copy, { ...v1Copy, callId: "other", callees: ["frank"] }]),
    ).toBe(1);

    const [call] = rowsOf<{ caller: string; callees: string[]; sources: string[] }>(
      await handle.db.execute(
        sql`select caller, callees, sources from indexed_calls where call_id = ${v1Copy.callId}`,
      ),
    );
    expect(call).toMatchObject({ caller: "alice", sources: ["v4", "v1"] });
    expect(call!.callees).toEqual(["bob", "carol", "dave"]);
    const at = "2026-11-20T10:00:00";
    expect(await participants(v1Copy.callId)).toEqual([
      { user_id: "alice", role: "caller", started_at: at },
      { user_id: "bob", role: "callee", started_at: at },
      { user_id: "carol", role: "callee", started_at: at },
      { user_id: "dave", role: "callee", started_at: at },
    ]);

    // Each member's search finds the call once, at the start the calls table has.
    for (const user of ["alice", "bob", "dave"]) {
      const page = await listIndexedRecords(handle.db, recordFiltersSchema.parse({ user }));
      expect(page.total).toBe(1);
      expect(page.items.map((r) => [r.callId, r.startedAt])).toEqual([
        [v1Copy.callId, "2026-11-20T10:00:00.000Z"],
      ]);
    }
  });

  it("stores IDs with quotes, backslashes, commas, braces and spaces exactly as Tencent sent them", async () => {
    // Batches travel as array literals; none of these may split, merge or turn into NULL.
    const odd: CallRecord = {
      ...v4Copy,
      callId: 'call "1", {x}',
      caller: "back\\slash",
      callees: ["NULL", "null", "a,b", "{brace}", ' "quoted" ', "Zoë 通话", "tab\there", "plain"],
      roomId: 'room\\"1',
      chatGroupId: "",
      acceptedAt: null,
      endedAt: null,
    };
    expect(await upsertRecords(handle.db, [odd, { ...v1Copy, callees: [] }])).toBe(2);
    // A re-read of the same copy changes nothing.
    expect(await upsertRecords(handle.db, [odd])).toBe(0);

    const rows = rowsOf<Record<string, unknown>>(
      await handle.db.execute(sql`select call_id, caller, callees, room_id, chat_group_id,
        accepted_at, ended_at, ring_seconds, talk_seconds from indexed_calls order by call_id`),
    );
    expect(rows).toEqual([
      {
        call_id: odd.callId,
        caller: odd.caller,
        callees: [
          ' "quoted" ',
          "NULL",
          "null",
          "Zoë 通话",
          "a,b",
          "{brace}",
          "tab\there",
          "plain",
        ].sort(),
        room_id: odd.roomId,
        chat_group_id: "",
        accepted_at: null,
        ended_at: null,
        ring_seconds: null,
        talk_seconds: null,
      },
      expect.objectContaining({ call_id: v1Copy.callId, callees: [], ring_seconds: 5 }),
    ]);
    const users = (await participants(odd.callId)).map((p) => p.user_id);
    expect(users.sort()).toEqual([odd.caller, ...odd.callees].sort());
  });

  it("keeps the word NULL as an ID among plain ones, which travel unquoted", async () => {
    const batch: CallRecord[] = [
      { ...v4Copy, callId: "plain-1", caller: "alice", callees: ["bob"], roomId: "r1" },
      { ...v4Copy, callId: "plain-2", caller: "null", callees: ["NULL"], roomId: "NULL" },
    ];
    expect(await upsertRecords(handle.db, batch)).toBe(2);
    const rows = rowsOf<Record<string, unknown>>(
      await handle.db.execute(
        sql`select call_id, caller, callees, room_id from indexed_calls order by call_id`,
      ),
    );
    expect(rows).toEqual([
      { call_id: "plain-1", caller: "alice", callees: ["bob"], room_id: "r1" },
      { call_id: "plain-2", caller: "null", callees: ["NULL"], room_id: "NULL" },
    ]);
  });

  it("indexes a new call even when a stray participant row of it was left behind", async () => {
    // As if the call had been deleted by hand without its participant rows.
    await handle.db
      .execute(sql`insert into indexed_call_participants (call_id, user_id, role, started_at)
      values (${v4Copy.callId}, 'bob', 'callee', ${v1Copy.startedAt})`);
    const fresh = { ...v4Copy, startedAt: v1Copy.startedAt };
    expect(await upsertRecords(handle.db, [fresh, { ...fresh, callId: "next-call" }])).toBe(2);

    const at = "2026-11-20T10:00:00";
    for (const callId of [v4Copy.callId, "next-call"]) {
      expect(await participants(callId)).toEqual([
        { user_id: "alice", role: "caller", started_at: at },
        { user_id: "bob", role: "callee", started_at: at },
        { user_id: "dave", role: "callee", started_at: at },
      ]);
    }
  });

  it("prunes a call with every one of its participant rows", async () => {
    await upsertRecords(handle.db, [v1Copy]);
    await upsertRecords(handle.db, [
      v4Copy,
      { ...v4Copy, callId: "kept", startedAt: "2026-11-21T00:00:00.000Z" },
    ]);
    expect(await pruneBefore(handle.db, new Date("2026-11-20T12:00:00Z"))).toBe(1);
    const left = rowsOf<{ call_id: string; n: number }>(
      await handle.db.execute(sql`select call_id, count(*)::int as n from indexed_call_participants
        group by call_id order by call_id`),
    );
    expect(left).toEqual([{ call_id: "kept", n: 3 }]);
  });

  it("migration 0007 makes older participant rows match their calls", async () => {
    // Back to the shape before 0007, with rows the older sync could leave: a start that differs
    // from the call's, a caller that was later replaced, and an empty user.
    // One statement per call: PGlite runs a parameterless string as one prepared statement.
    const run = async (...statements: string[]) => {
      for (const statement of statements) await handle.db.execute(sql.raw(statement));
    };
    await run(
      "alter table indexed_call_participants drop constraint indexed_call_participants_pk",
      "alter table indexed_call_participants add constraint indexed_call_participants_pk primary key (call_id, user_id)",
      "create index indexed_call_participants_user_started_idx on indexed_call_participants (user_id, started_at, call_id)",
    );
    await upsertRecords(handle.db, [{ ...v4Copy, callees: ["bob"] }]);
    await run(
      "update indexed_call_participants set started_at = '2026-11-20T09:59:59Z' where user_id = 'bob'",
      `insert into indexed_call_participants (call_id, user_id, role, started_at) values
        ('merge-call-1', 'old-caller', 'caller', '2026-11-20T10:00:01Z'),
        ('merge-call-1', '', 'callee', '2026-11-20T10:00:01Z'),
        ('gone-call', 'erin', 'caller', '2026-11-20T10:00:01Z')`,
    );

    const file = path.join(process.cwd(), "lib/db/migrations/0007_participants_one_key.sql");
    await run(...readFileSync(file, "utf8").split("--> statement-breakpoint"));

    const at = "2026-11-20T10:00:01";
    expect(await participants(v1Copy.callId)).toEqual([
      { user_id: "alice", role: "caller", started_at: at },
      { user_id: "bob", role: "callee", started_at: at },
    ]);
    expect(await participants("gone-call")).toEqual([]);
  });
});
