import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { GET } from "@/app/api/records/route";
import type { CallRecord } from "@/lib/calls/types";
import { upsertRecords } from "@/lib/sync/store";
import { quietPool } from "@/lib/sync/testing";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

// Database round trips per case; generous on a busy 2-core machine.
vi.setConfig({ testTimeout: 60_000 });

// GET /api/records through the real route wrapper (role check, zod parsing, error envelope) over
// a small index with known contents, on PGlite and PostgreSQL.

const T0 = Date.UTC(2026, 10, 10, 8, 0, 0);
const at = (minutes: number, seconds = 0) =>
  new Date(T0 + minutes * 60_000 + seconds * 1000).toISOString();

function call(n: number, over: Partial<CallRecord>): CallRecord {
  return {
    callId: `call-${String(n).padStart(2, "0")}`,
    result: "NormalEnd",
    mediaType: "audio",
    callType: "single",
    caller: "alice",
    callees: ["bob"],
    startedAt: at(n),
    acceptedAt: at(n, 5),
    endedAt: at(n, 65),
    roomId: `room-${n}`,
    roomIdType: 2,
    chatGroupId: null,
    sources: ["v4", "v1"],
    ...over,
  };
}

const CALLS: CallRecord[] = [
  call(1, {}),
  call(2, {
    caller: "bob",
    callees: ["alice"],
    mediaType: "video",
    acceptedAt: at(2, 12),
    endedAt: at(2, 20),
  }),
  call(3, {
    caller: "carol",
    callees: ["dave", "alice", "erin"],
    callType: "group",
    roomId: "team-room",
  }),
  call(4, { result: "Cancel", acceptedAt: null, endedAt: at(4, 9) }),
  call(5, {
    result: "NotAnswer",
    caller: "dave",
    callees: ["erin"],
    acceptedAt: null,
    endedAt: at(5, 30),
  }),
  call(6, {
    result: "Reject",
    caller: "erin",
    callees: ["bob"],
    acceptedAt: null,
    endedAt: at(6, 3),
    sources: ["v1"],
  }),
  call(7, { result: "SomethingNew", caller: "frank", callees: ["gina"], roomId: "team-room" }),
];

describe.each(APP_DATABASES)("GET /api/records on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  let role: "support" | null = "support";

  beforeAll(async () => {
    handle = quietPool(await open());
    await upsertRecords(handle.db, CALLS);
  });
  afterAll(async () => {
    await handle.dispose();
  });

  const request = async (query: string) => {
    const res = await GET(await requestAs(role, `/api/records?${query}`));
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & { items: CallRecord[] },
    };
  };
  const ids = (items: { callId: string }[]) => items.map((i) => i.callId.replace("call-", ""));

  it("lists newest first with a total, in the contract's shape", async () => {
    const { status, body } = await request("");
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 7, page: 1, pageSize: 50 });
    expect(ids(body.items)).toEqual(["07", "06", "05", "04", "03", "02", "01"]);
    expect(body.items[4]).toMatchObject({
      callId: "call-03",
      caller: "carol",
      callees: ["alice", "dave", "erin"],
      startedAt: "2026-11-10T08:03:00.000Z",
      acceptedAt: "2026-11-10T08:03:05.000Z",
      endedAt: "2026-11-10T08:04:05.000Z",
      ringSeconds: 5,
      talkSeconds: 60,
      callType: "group",
      mediaType: "audio",
      sources: ["v4", "v1"],
    });
  });

  it("finds a user's calls as caller and as callee", async () => {
    const { body } = await request("user=alice");
    expect(body.total).toBe(4);
    expect(ids(body.items)).toEqual(["04", "03", "02", "01"]);
    const erin = await request("user=erin&sort=startedAt");
    expect(ids(erin.body.items)).toEqual(["03", "05", "06"]);
  });

  it("filters by result (comma list, unknown values kept), type, media, room and time", async () => {
    expect(ids((await request("result=Cancel,Reject")).body.items)).toEqual(["06", "04"]);
    expect(ids((await request("result=SomethingNew")).body.items)).toEqual(["07"]);
    expect(ids((await request("type=group")).body.items)).toEqual(["03"]);
    expect(ids((await request("media=video")).body.items)).toEqual(["02"]);
    expect(ids((await request("room=team-room")).body.items)).toEqual(["07", "03"]);
    const window = await request(
      `from=${encodeURIComponent(at(2))}&to=${encodeURIComponent(at(4))}`,
    );
    expect(ids(window.body.items)).toEqual(["03", "02"]); // from inclusive, to exclusive
    const combined = await request("user=alice&result=NormalEnd&media=audio");
    expect(combined.body).toMatchObject({ total: 2 });
    expect(ids(combined.body.items)).toEqual(["03", "01"]);
  });

  it("sorts by ring and talk time in both directions, calls without one last", async () => {
    expect(ids((await request("sort=talkSeconds")).body.items)).toEqual([
      "02",
      "01",
      "03",
      "07",
      "04",
      "05",
      "06",
    ]);
    expect(ids((await request("sort=-talkSeconds")).body.items).slice(0, 4)).toEqual([
      "07",
      "03",
      "01",
      "02",
    ]);
    expect(ids((await request("sort=ringSeconds")).body.items)).toEqual([
      "06",
      "01",
      "03",
      "07",
      "04",
      "02",
      "05",
    ]);
    expect(ids((await request("sort=-ringSeconds")).body.items)).toEqual([
      "05",
      "02",
      "04",
      "07",
      "03",
      "01",
      "06",
    ]);
  });

  it("pages with a stable order and the total on every page", async () => {
    const p1 = await request("pageSize=3&page=1");
    const p3 = await request("pageSize=3&page=3");
    expect(p1.body).toMatchObject({ total: 7, page: 1, pageSize: 3 });
    expect(ids(p1.body.items)).toEqual(["07", "06", "05"]);
    expect(ids(p3.body.items)).toEqual(["01"]);
    expect((await request("pageSize=3&page=9")).body).toMatchObject({ total: 7, items: [] });
  });

  it.each([
    ["pageSize=500", "pageSize"],
    ["pageSize=0", "pageSize"],
    ["page=abc", "page"],
    ["sort=caller", "sort"],
    ["type=conference", "type"],
    ["media=hologram", "media"],
    ["from=yesterday", "from"],
    [`from=${encodeURIComponent(at(5))}&to=${encodeURIComponent(at(1))}`, "to"],
    ["result=Not%20A%20Result", "result"],
    ["type=single&type=group", "type"],
    [`user=${"x".repeat(200)}`, "user"],
  ])("refuses %s with a 422 naming %s", async (query, field) => {
    const { status, body } = await request(query);
    expect(status).toBe(422);
    const error = body.error as { code: string; message: string };
    expect(error.code).toBe("unprocessable_entity");
    expect(error.message.startsWith(field)).toBe(true);
  });

  it("needs a signed-in user", async () => {
    role = null;
    try {
      expect((await request("")).status).toBe(401);
    } finally {
      role = "support";
    }
  });
});
