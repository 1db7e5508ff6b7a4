import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { start, V1_BY_ID, V1_FILTER, V4_BY_ID, V4_FILTER, type Client, type Json } from "./helpers";
import type { Emulator } from "../src/server";

// Record endpoints of both generations, compared with the emulator's ground truth: the 7-day
// window, filters, paging and its edges, sort order, generation visibility and the record delay.

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
const DAY = 24 * 3600_000;
let now = T0;
let em: Emulator;
let c: Client;
beforeAll(async () => ({ em, c } = await start({ calls: 3000, seed: 7, now: () => now })));
afterAll(() => em.close());

async function allPages(path: string, body: Json, v1: boolean): Promise<Json[]> {
  const out: Json[] = [];
  for (let page = 1; page < 100; page++) {
    const r = await c.post(
      path,
      v1 ? { ...body, page, numberPerPage: 100 } : { ...body, Page: page, NumberPerPage: 100 },
    );
    const list = (v1 ? r.data.callRecordList : r.Response.CallRecordList) as Json[];
    if (list.length === 0) break;
    out.push(...list);
  }
  return out;
}

function truth(generation: "v1" | "v4"): string[] {
  return em.store
    .list({ limit: 1_000_000 })
    .calls.filter((s) => s.recordVisible && s.generations.includes(generation))
    .map((s) => s.callId);
}

describe("filter paging matches the ground truth", () => {
  it("v4: every visible record once, ascending by StartTime", async () => {
    const records = await allPages(V4_FILTER, {}, false);
    expect(records.map((r) => r.CallId)).toEqual(truth("v4"));
    const starts = records.map((r) => r.StartTime as number);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("v1: every visible record once, ascending by startCallTs", async () => {
    const records = await allPages(V1_FILTER, { startTimestamp: 0 }, true);
    expect(records.map((r) => r.callId)).toEqual(truth("v1"));
  });

  it("some calls are visible through one generation only", () => {
    const v1 = new Set(truth("v1"));
    const v4 = new Set(truth("v4"));
    expect([...v1].some((id) => !v4.has(id))).toBe(true);
    expect([...v4].some((id) => !v1.has(id))).toBe(true);
    expect([...v4].filter((id) => v1.has(id)).length).toBeGreaterThan(v4.size / 2);
  });
});

describe("paging", () => {
  it("defaults: v4 10 per page, v1 100 per page, page 1", async () => {
    const r4 = await c.post(V4_FILTER, {});
    expect(r4.Response.CallRecordList).toHaveLength(10);
    expect(r4.Response.Page).toBe(1);
    const r1 = await c.post(V1_FILTER, { startTimestamp: 0 });
    expect(r1.data.callRecordList).toHaveLength(100);
    expect(r1.data.page).toBe(1);
  });

  it("caps the page size at the maximum (100 by default)", async () => {
    const r4 = await c.post(V4_FILTER, { NumberPerPage: 1000 });
    expect(r4.Response.CallRecordList).toHaveLength(100);
    const r1 = await c.post(V1_FILTER, { startTimestamp: 0, numberPerPage: 1000 });
    expect(r1.data.callRecordList).toHaveLength(100);
  });

  it("pages do not overlap and continue where the last ended", async () => {
    const p1 = await c.post(V4_FILTER, { NumberPerPage: 7, Page: 1 });
    const p2 = await c.post(V4_FILTER, { NumberPerPage: 7, Page: 2 });
    const both = await c.post(V4_FILTER, { NumberPerPage: 14, Page: 1 });
    expect([...p1.Response.CallRecordList, ...p2.Response.CallRecordList]).toEqual(
      both.Response.CallRecordList,
    );
    expect(p2.Response.TotalNum).toBe(p1.Response.TotalNum);
  });

  it("beyond the end: empty list, TotalNum unchanged, v4 Page 0, v1 echoes the page", async () => {
    const total = (await c.post(V4_FILTER, {})).Response.TotalNum as number;
    const far = await c.post(V4_FILTER, { Page: 1_000_000_000_000 });
    expect(far.Response).toEqual({ TotalNum: total, Page: 0, CallRecordList: [] });
    const far1 = await c.post(V1_FILTER, { startTimestamp: 0, page: 99999 });
    expect(far1.data).toMatchObject({ page: 99999, callRecordList: [] });
    expect(far1.data.totalNum).toBeGreaterThan(0);
  });

  it.each([
    [{ Page: 0 }, 101002],
    [{ Page: -3 }, 101002],
    [{ NumberPerPage: 0 }, 101002],
    [{ NumberPerPage: -1 }, 101002],
    [{ Page: 1e300 }, 101002],
  ])("v4 %j → %i", async (body, code) => {
    expect((await c.post(V4_FILTER, body)).ErrorCode).toBe(code);
  });

  it.each([
    [{ page: 0 }, 70001],
    [{ page: -1 }, 70001],
    [{ numberPerPage: 0 }, 70001],
    [{ numberPerPage: "10" }, 70009],
  ])("v1 %j → %i", async (body, code) => {
    expect((await c.post(V1_FILTER, { startTimestamp: 0, ...body })).errorCode).toBe(code);
  });
});

describe("filters", () => {
  it("CallResult and CallType narrow the result exactly", async () => {
    const notAnswered = await allPages(V4_FILTER, { CallResult: "NotAnswer" }, false);
    expect(notAnswered.length).toBeGreaterThan(0);
    expect(notAnswered.every((r) => r.CallResult === "NotAnswer")).toBe(true);
    const groups = await allPages(V4_FILTER, { CallType: "MultiCall" }, false);
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.every((r) => r.CallType === "MultiCall")).toBe(true);
    const all = await allPages(V4_FILTER, {}, false);
    expect(notAnswered.length).toBe(all.filter((r) => r.CallResult === "NotAnswer").length);
    expect(groups.length).toBe(all.filter((r) => r.CallType === "MultiCall").length);
  });

  it("v1 callResult/callType use the v1 spellings", async () => {
    const r = await c.post(V1_FILTER, {
      startTimestamp: 0,
      callResult: "not_answer",
      callType: "single",
    });
    expect(r.data.totalNum).toBeGreaterThan(0);
    for (const rec of r.data.callRecordList as Json[])
      expect(rec).toMatchObject({ callResult: "not_answer", callType: "single" });
  });

  it("an unknown value matches nothing instead of failing", async () => {
    expect((await c.post(V4_FILTER, { CallResult: "Timeout" })).Response).toEqual({
      TotalNum: 0,
      Page: 0,
      CallRecordList: [],
    });
    expect((await c.post(V4_FILTER, { CallResult: "not_answer" })).Response.TotalNum).toBe(0);
    expect(
      (await c.post(V1_FILTER, { startTimestamp: 0, callType: "SingleCall" })).data.totalNum,
    ).toBe(0);
  });

  it("StartTime/EndTime bounds are inclusive, in seconds", async () => {
    const rec = (await c.post(V4_FILTER, { Page: 5 })).Response.CallRecordList[3] as Json;
    const r = await c.post(V4_FILTER, {
      StartTime: rec.StartTime,
      EndTime: rec.StartTime,
      NumberPerPage: 100,
    });
    expect((r.Response.CallRecordList as Json[]).map((x) => x.CallId)).toContain(rec.CallId);
    expect((r.Response.CallRecordList as Json[]).every((x) => x.StartTime === rec.StartTime)).toBe(
      true,
    );
  });

  it("EndTime before StartTime is an empty result", async () => {
    const s = Math.floor(now / 1000);
    expect(
      (await c.post(V4_FILTER, { StartTime: s - 100, EndTime: s - 200 })).Response.TotalNum,
    ).toBe(0);
  });
});

describe("the 7-day window", () => {
  it("a StartTime older than 7 days is silently raised (same answer as no StartTime)", async () => {
    const a = await c.post(V4_FILTER, { StartTime: 0 });
    const b = await c.post(V4_FILTER, {});
    expect(a.Response.TotalNum).toBe(b.Response.TotalNum);
    expect(a.Response.CallRecordList).toEqual(b.Response.CallRecordList);
  });

  it("records slide out of the window as time passes; by-ID lookups then say 'does not exist'", async () => {
    const created = await c.control("POST", "/calls", {
      caller: "window_a",
      callees: ["window_b"],
      startedAt: now - 7 * DAY + 60_000,
      endAfterMs: 30_000,
      acceptAfterMs: 5_000,
    });
    expect(created.status).toBe(201);
    const id = created.json.callId as string;
    expect((await c.post(V4_BY_ID, { CallId: id })).ErrorCode).toBe(0);
    expect((await c.post(V1_BY_ID, { callId: id })).errorCode).toBe(0);
    now += 2 * 60_000;
    try {
      expect((await c.post(V4_BY_ID, { CallId: id })).ErrorCode).toBe(101050);
      expect((await c.post(V1_BY_ID, { callId: id })).errorCode).toBe(70001);
      const first = (await c.post(V4_FILTER, { StartTime: 0, NumberPerPage: 1 })).Response
        .CallRecordList[0] as Json;
      expect(first.StartTime * 1000).toBeGreaterThanOrEqual(now - 7 * DAY - 1000);
    } finally {
      now = T0;
    }
  });

  it("a call older than 7 days is never found", async () => {
    const old = await c.control("POST", "/calls", {
      caller: "old_a",
      callees: ["old_b"],
      startedAt: now - 8 * DAY,
    });
    expect((await c.post(V4_BY_ID, { CallId: old.json.callId })).ErrorCode).toBe(101050);
    expect((await c.post(V1_BY_ID, { callId: old.json.callId })).errorCode).toBe(70001);
  });
});

describe("by-ID lookups", () => {
  it("v4 and v1 describe the same call in their own shapes", async () => {
    const id = truth("v4").find((x) => truth("v1").includes(x))!;
    const s = em.store.get(id)!;
    const r4 = (await c.post(V4_BY_ID, { CallId: id })).Response.CallRecord as Json;
    const r1 = (await c.post(V1_BY_ID, { callId: id })).data as Json;
    expect(r4.CallId).toBe(id);
    expect(r4.Caller_Account).toBe(s.caller);
    expect(r4.CalleeList_Account).toEqual([s.caller, ...s.callees]);
    expect(r4.StartTime).toBe(Math.floor(s.startedAt / 1000));
    expect(r4.EndTime).toBe(Math.floor(s.endedAt! / 1000));
    expect(r4.CallResult).toBe(s.result);
    expect(r1).toMatchObject({
      callId: id,
      sdkAppId: 1400000001,
      caller: s.caller,
      callees: s.callees,
      totalUserNumber: s.callees.length + 1,
      startCallTs: r4.StartTime,
      endTs: r4.EndTime,
      acceptTs: r4.AcceptTime,
      roomId: r4.RoomId,
    });
  });

  it("unanswered calls have AcceptTime 0", async () => {
    const r = await c.post(V4_FILTER, { CallResult: "Reject", NumberPerPage: 5 });
    for (const rec of r.Response.CallRecordList as Json[]) expect(rec.AcceptTime).toBe(0);
  });

  it("a call visible through one generation only is 'not found' in the other", async () => {
    const v1only = await c.control("POST", "/calls", {
      caller: "g_a",
      callees: ["g_b"],
      generations: ["v1"],
    });
    const v4only = await c.control("POST", "/calls", {
      caller: "g_a",
      callees: ["g_b"],
      generations: ["v4"],
    });
    expect((await c.post(V4_BY_ID, { CallId: v1only.json.callId })).ErrorCode).toBe(101050);
    expect((await c.post(V1_BY_ID, { callId: v1only.json.callId })).errorCode).toBe(0);
    expect((await c.post(V4_BY_ID, { CallId: v4only.json.callId })).ErrorCode).toBe(0);
    expect((await c.post(V1_BY_ID, { callId: v4only.json.callId })).errorCode).toBe(70001);
  });

  it("unknown IDs: v4 101050, v1 70001", async () => {
    expect((await c.post(V4_BY_ID, { CallId: "no-such-call" })).ErrorCode).toBe(101050);
    expect(
      (await c.post(V4_BY_ID, { CallId: "00000000-0000-4000-8000-000000000000" })).ErrorCode,
    ).toBe(101050);
    expect((await c.post(V1_BY_ID, { callId: "no-such-call" })).errorCode).toBe(70001);
  });
});

describe("record delay", () => {
  it("a record appears recordDelayMs after its call ends, not before", async () => {
    let t = T0;
    const { em: slow, c: sc } = await start({ calls: 0, recordDelayMs: 5000, now: () => t });
    try {
      const made = await sc.control("POST", "/calls", {
        caller: "d_a",
        callees: ["d_b"],
        live: true,
        acceptAfterMs: 1000,
        endAfterMs: 10_000,
      });
      const id = made.json.callId as string;
      t = T0 + 10_000; // the call has just ended
      expect((await sc.post(V4_BY_ID, { CallId: id })).ErrorCode).toBe(101050);
      expect((await sc.post(V4_FILTER, {})).Response.TotalNum).toBe(0);
      t = T0 + 14_999;
      expect((await sc.post(V4_BY_ID, { CallId: id })).ErrorCode).toBe(101050);
      t = T0 + 15_000;
      expect((await sc.post(V4_BY_ID, { CallId: id })).ErrorCode).toBe(0);
      expect((await sc.post(V4_FILTER, {})).Response.TotalNum).toBe(1);
    } finally {
      await slow.close();
    }
  });
});

describe("configurable maximum page size", () => {
  it("maxPageSize caps both generations", async () => {
    const { em: small, c: sc } = await start({ calls: 500, maxPageSize: 25 });
    try {
      expect(
        (await sc.post(V4_FILTER, { NumberPerPage: 100 })).Response.CallRecordList,
      ).toHaveLength(25);
      expect((await sc.post(V1_FILTER, { startTimestamp: 0 })).data.callRecordList).toHaveLength(
        25,
      );
    } finally {
      await small.close();
    }
  });
});
