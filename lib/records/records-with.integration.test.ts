import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { GET } from "@/app/api/records/route";
import type { CallRecord } from "@/lib/calls/types";
import { upsertRecords } from "@/lib/sync/store";
import { quietPool } from "@/lib/sync/testing";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

vi.setConfig({ testTimeout: 60_000 });

// GET /api/records?user=A&with=B: the calls both took part in, whichever side each was on.

const T0 = Date.UTC(2026, 10, 10, 8, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function call(n: number, caller: string, callees: string[], over: Partial<CallRecord> = {}) {
  const record: CallRecord = {
    callId: `call-${String(n).padStart(2, "0")}`,
    result: "NormalEnd",
    mediaType: "audio",
    callType: callees.length > 1 ? "group" : "single",
    caller,
    callees,
    startedAt: at(n),
    acceptedAt: at(n),
    endedAt: new Date(T0 + n * 60_000 + n * 1000).toISOString(),
    roomId: `room-${n}`,
    roomIdType: 2,
    chatGroupId: null,
    sources: ["v4"],
    ...over,
  };
  return record;
}

const CALLS: CallRecord[] = [
  call(1, "alice", ["bob"]),
  call(2, "bob", ["alice"]),
  call(3, "carol", ["dave", "alice", "erin"]),
  call(4, "alice", ["bob"], { result: "CallBusy", acceptedAt: null }),
  call(5, "alice", ["carol"]),
  call(6, "erin", ["bob"]),
  call(7, "bob", ["carol"]),
  call(8, "alice", ["erin", "bob"]),
];

describe.each(APP_DATABASES)("GET /api/records with another person on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;

  beforeAll(async () => {
    handle = quietPool(await open());
    await upsertRecords(handle.db, CALLS);
  });
  afterAll(async () => {
    await handle.dispose();
  });

  const request = async (query: string) => {
    const res = await GET(await requestAs("support", `/api/records?${query}`));
    return {
      status: res.status,
      body: (await res.json()) as {
        items: CallRecord[];
        total: number;
        error?: { code: string; message: string };
      },
    };
  };
  const ids = (items: { callId: string }[]) => items.map((i) => i.callId.replace("call-", ""));

  it("finds the calls both took part in, whichever side each was on", async () => {
    const { status, body } = await request("user=alice&with=bob");
    expect(status).toBe(200);
    expect(ids(body.items)).toEqual(["08", "04", "02", "01"]);
    expect(body.total).toBe(4);
    // The same calls from bob's side.
    expect(ids((await request("user=bob&with=alice")).body.items)).toEqual([
      "08",
      "04",
      "02",
      "01",
    ]);
  });

  it("counts two callees of one group call as having taken part together", async () => {
    expect(ids((await request("user=dave&with=erin")).body.items)).toEqual(["03"]);
    expect(ids((await request("user=erin&with=bob")).body.items)).toEqual(["08", "06"]);
  });

  it("leaves out calls only one of them took part in", async () => {
    const carol = await request("user=carol&with=bob");
    expect(ids(carol.body.items)).toEqual(["07"]);
    expect(carol.body.total).toBe(1);
    const none = await request("user=dave&with=bob");
    expect(none.body).toMatchObject({ items: [], total: 0 });
    const stranger = await request("user=alice&with=nobody");
    expect(stranger.body).toMatchObject({ items: [], total: 0 });
  });

  it("combines with a time range, other filters, sorting and paging", async () => {
    const window = await request(
      `user=alice&with=bob&from=${encodeURIComponent(at(2))}&to=${encodeURIComponent(at(8))}`,
    );
    expect(ids(window.body.items)).toEqual(["04", "02"]);
    expect(window.body.total).toBe(2);
    const busy = await request("user=bob&with=alice&result=CallBusy");
    expect(ids(busy.body.items)).toEqual(["04"]);
    expect(busy.body.total).toBe(1);
    const byTalk = await request("user=alice&with=bob&sort=-talkSeconds");
    expect(ids(byTalk.body.items)).toEqual(["08", "02", "01", "04"]);
    const page2 = await request("user=alice&with=bob&pageSize=3&page=2");
    expect(ids(page2.body.items)).toEqual(["01"]);
    expect(page2.body.total).toBe(4);
  });

  it.each([
    ["with=bob", "needs user"],
    ["user=alice&with=alice", "another person"],
    [`user=alice&with=${"x".repeat(200)}`, "at most 128"],
    ["user=alice&with=bob&with=carol", "once"],
  ])("refuses %s with a 422 naming with", async (query, reason) => {
    const { status, body } = await request(query);
    expect(status).toBe(422);
    expect(body.error?.code).toBe("unprocessable_entity");
    expect(body.error?.message).toMatch(/^with/);
    expect(body.error?.message).toContain(reason);
  });
});
