import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { CallRecord } from "@/lib/calls/types";
import { upsertRecords } from "@/lib/sync/store";
import { TEST_DATABASES } from "@/test/databases";

import { resolveId } from "./resolve-id";
import { syntheticRecords } from "./testing";
import { getUserSummary, troubleFlags } from "./user-summary";

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const H = 3_600_000;

function call(
  id: string,
  caller: string,
  callees: string[],
  result: string,
  hoursAgo: number,
): CallRecord {
  const started = new Date(NOW - hoursAgo * H).toISOString();
  const talked = result === "NormalEnd";
  return {
    callId: id,
    result,
    mediaType: "audio",
    callType: callees.length > 1 ? "group" : "single",
    caller,
    callees,
    startedAt: started,
    acceptedAt: talked ? new Date(NOW - hoursAgo * H + 5_000).toISOString() : null,
    endedAt: new Date(NOW - hoursAgo * H + (talked ? 65_000 : 30_000)).toISOString(),
    roomId: "room-9",
    roomIdType: 2,
    chatGroupId: null,
    sources: ["v4"],
  };
}

// dana: three troubled calls within 24 h just now (two as callee, one as caller), and two more
// 3 days ago that do not reach the threshold; erin only talks normally.
const DANA = [
  call("d1", "erin", ["dana"], "NotAnswer", 1),
  call("d2", "dana", ["erin"], "Offline", 5),
  call("d3", "frank", ["dana", "erin"], "Interrupt", 20),
  call("d4", "erin", ["dana"], "NotAnswer", 72),
  call("d5", "erin", ["dana"], "NotAnswer", 80),
  call("d6", "dana", ["erin"], "NormalEnd", 30),
];

describe.each(TEST_DATABASES)("user summary on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;

  beforeAll(async () => {
    handle = await open();
    await upsertRecords(handle.db, [...DANA, ...syntheticRecords(300, { seed: 5, end: NOW })]);
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("counts calls in both directions and by result", async () => {
    const s = await getUserSummary(handle.db, "dana", NOW);
    expect(s).toMatchObject({ total: 6, asCaller: 2, asCallee: 4, talkSeconds: 60 });
    expect(s.byResult).toEqual([
      { result: "NotAnswer", total: 3, asCaller: 0, asCallee: 3 },
      { result: "Interrupt", total: 1, asCaller: 0, asCallee: 1 },
      { result: "NormalEnd", total: 1, asCaller: 1, asCallee: 0 },
      { result: "Offline", total: 1, asCaller: 1, asCallee: 0 },
    ]);
    expect(s.firstCallAt).toBe(new Date(NOW - 80 * H).toISOString());
    expect(s.lastCallAt).toBe(new Date(NOW - H).toISOString());
  });

  it("flags three troubled calls within 24 hours, and only those", async () => {
    const s = await getUserSummary(handle.db, "dana", NOW);
    expect(s.flags).toEqual([
      {
        windowStart: new Date(NOW - 25 * H).toISOString(),
        windowEnd: new Date(NOW - H).toISOString(),
        count: 3,
        byResult: { NotAnswer: 1, Offline: 1, Interrupt: 1 },
        current: true,
      },
    ]);
  });

  it("has no flags and zero counts for a user with no calls", async () => {
    const s = await getUserSummary(handle.db, "nobody", NOW);
    expect(s).toMatchObject({ total: 0, flags: [], firstCallAt: null, byResult: [] });
  });

  it("tells calls, users and rooms apart", async () => {
    expect(await resolveId(handle.db, "d1")).toEqual(["call"]);
    expect(await resolveId(handle.db, "dana")).toEqual(["user"]);
    expect(await resolveId(handle.db, "room-9")).toEqual(["room"]);
    expect(await resolveId(handle.db, "nothing-here")).toEqual([]);
  });
});

describe("trouble flags", () => {
  const at = (hoursAgo: number, result = "Offline") => ({ ms: NOW - hoursAgo * H, result });

  it("needs three within 24 hours of each other, not 24 hours and a bit", () => {
    expect(troubleFlags([at(25.001), at(10), at(1)], NOW)).toEqual([]);
    expect(troubleFlags([at(24.9), at(10), at(1)], NOW)).toHaveLength(1);
  });

  it("reports separate clusters without sharing calls, newest first, old ones not current", () => {
    const flags = troubleFlags([at(100), at(99), at(98), at(97), at(3), at(2), at(1)], NOW);
    expect(flags.map((f) => [f.count, f.current])).toEqual([
      [3, true],
      [4, false],
    ]);
  });
});
