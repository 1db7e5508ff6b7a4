import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { start, V1_BY_ID, V1_FILTER, V4_BY_ID, V4_FILTER, type Client, type Json } from "./helpers";
import { optionsFromEnv } from "../src/cli-config";
import { DEFAULT_READINGS, v1CallbackBody } from "../src/readings";
import type { Emulator } from "../src/server";

// Each ambiguous point of Tencent's docs as a switch (reference §6): the filter's time field, the
// order of an answer, v1's not-found code and 7-day window, v4's CallResult and RoomIdType types,
// and v1 callbacks' casing.

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
const HOUR = 3600_000;
let em: Emulator;
let c: Client;
beforeAll(async () => ({ em, c } = await start({ calls: 3000, seed: 11, now: () => T0 })));
afterAll(() => em.close());
afterEach(async () => {
  await c.control("DELETE", "/readings");
});

const sec = (ms: number) => Math.floor(ms / 1000);
const visibleV4 = () =>
  em.store
    .list({ limit: 1_000_000 })
    .calls.filter((s) => s.recordVisible && s.generations.includes("v4"));

async function v4Slice(fromMs: number, toMs: number): Promise<Json[]> {
  const out: Json[] = [];
  for (let page = 1; ; page++) {
    const r = await c.post(V4_FILTER, {
      StartTime: sec(fromMs),
      EndTime: sec(toMs) - 1,
      Page: page,
      NumberPerPage: 100,
    });
    out.push(...(r.Response.CallRecordList as Json[]));
    if (out.length >= r.Response.TotalNum || r.Response.CallRecordList.length === 0) return out;
  }
}

describe("the filter's time field", () => {
  // An hour whose boundary some calls cross.
  const from = T0 - 30 * HOUR;
  const to = from + HOUR;
  const ids = (list: Json[]) => list.map((r) => r.CallId as string).sort();

  it("start (the default): calls that start in the range", async () => {
    const want = visibleV4().filter((s) => s.startedAt >= from && s.startedAt < to);
    expect(ids(await v4Slice(from, to))).toEqual(want.map((s) => s.callId).sort());
  });

  it("end: calls that end in the range, so one crossing the start boundary matches this hour", async () => {
    await c.control("POST", "/readings", { filterTimeField: "end" });
    const want = visibleV4().filter((s) => s.endedAt! >= from && s.endedAt! < to);
    expect(want.some((s) => s.startedAt < from)).toBe(true);
    expect(ids(await v4Slice(from, to))).toEqual(want.map((s) => s.callId).sort());
  });

  it("overlap: every call in progress at any time in the range", async () => {
    await c.control("POST", "/readings", { filterTimeField: "overlap" });
    const want = visibleV4().filter((s) => s.startedAt < to && s.endedAt! >= from);
    expect(ids(await v4Slice(from, to))).toEqual(want.map((s) => s.callId).sort());
  });
});

describe("the order of an answer", () => {
  const from = T0 - 50 * HOUR;
  const to = from + 6 * HOUR;

  it("desc: newest first", async () => {
    await c.control("POST", "/readings", { filterOrder: "desc" });
    const starts = (await v4Slice(from, to)).map((r) => r.StartTime as number);
    expect(starts.length).toBeGreaterThan(10);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });

  it("unstable: the same calls, start times still ascending, ties in any order", async () => {
    await c.control("POST", "/readings", { filterOrder: "unstable" });
    const list = await v4Slice(from, to);
    const starts = list.map((r) => r.StartTime as number);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    await c.control("DELETE", "/readings");
    expect(list.length).toBe((await v4Slice(from, to)).length);
  });

  it("refuses a reading it does not know, naming it", async () => {
    const r = await c.control("POST", "/readings", { filterOrder: "sideways" });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.json)).toMatch(/filterOrder.*asc, desc, unstable/);
  });
});

describe("v1's not-found code and 7-day window", () => {
  it("answers an unknown call with the configured code", async () => {
    expect((await c.post(V1_BY_ID, { callId: "no-such-call" })).errorCode).toBe(70001);
    await c.control("POST", "/readings", { v1NotFoundCode: 70404 });
    expect((await c.post(V1_BY_ID, { callId: "no-such-call" })).errorCode).toBe(70404);
  });

  it("clamps an early startTimestamp, or refuses it under reject", async () => {
    const early = { startTimestamp: sec(T0 - 8 * 24 * HOUR), endTimestamp: sec(T0) };
    expect((await c.post(V1_FILTER, early)).errorCode).toBe(0);
    await c.control("POST", "/readings", { v1Window: "reject" });
    const refused = await c.post(V1_FILTER, early);
    expect(refused.errorCode).toBe(70001);
    expect(refused.errorMessage).toMatch(/7 days/);
  });
});

describe("v4 CallResult's type", () => {
  it("is a name by default and the Integer of the English table under number", async () => {
    const callId = visibleV4()[0]!.callId;
    expect(typeof (await c.post(V4_BY_ID, { CallId: callId })).Response.CallRecord.CallResult).toBe(
      "string",
    );
    await c.control("POST", "/readings", { v4ResultFormat: "number" });
    const record = (await c.post(V4_BY_ID, { CallId: callId })).Response.CallRecord;
    expect(typeof record.CallResult).toBe("number");
  });
});

describe("v4 RoomIdType's type", () => {
  it("is an Integer by default and the String of the filter table under string", async () => {
    const call = visibleV4().find((s) => s.roomId !== "")!;
    const byId = async () => (await c.post(V4_BY_ID, { CallId: call.callId })).Response.CallRecord;
    expect((await byId()).RoomIdType).toBe(call.roomIdType);
    await c.control("POST", "/readings", { v4RoomIdTypeFormat: "string" });
    expect((await byId()).RoomIdType).toBe(String(call.roomIdType));
    const page = await v4Slice(call.startedAt, call.startedAt + 1000);
    expect(page.find((r) => r.CallId === call.callId)!.RoomIdType).toBe(String(call.roomIdType));
  });
});

describe("EMULATOR_* variables", () => {
  it("set every reading and name a bad value's variable", () => {
    expect(
      optionsFromEnv({
        EMULATOR_FILTER_TIME_FIELD: "overlap",
        EMULATOR_FILTER_ORDER: "desc",
        EMULATOR_V1_NOT_FOUND_CODE: "70404",
        EMULATOR_V1_WINDOW: "reject",
        EMULATOR_V4_RESULT_FORMAT: "number",
        EMULATOR_V4_ROOM_ID_TYPE_FORMAT: "string",
        EMULATOR_V1_CALLBACK_CASE: "capitalised",
      }).readings,
    ).toEqual({
      filterTimeField: "overlap",
      filterOrder: "desc",
      v1NotFoundCode: 70404,
      v1Window: "reject",
      v4ResultFormat: "number",
      v4RoomIdTypeFormat: "string",
      v1CallbackCase: "capitalised",
    });
    expect(() => optionsFromEnv({ EMULATOR_FILTER_TIME_FIELD: "middle" })).toThrow(
      /EMULATOR_FILTER_TIME_FIELD="middle": must be one of start, end, overlap/,
    );
  });
});

describe("v1 callback casing", () => {
  it("capitalises the English tables' values under capitalised, and nothing else", () => {
    const body = { Role: "caller", MediaType: "audio", CallType: "single", Event: "start_call" };
    const readings = { ...DEFAULT_READINGS, v1CallbackCase: "capitalised" as const };
    expect(v1CallbackBody({ ...body, CallResult: "", UserId: "u" }, readings)).toEqual({
      Role: "Caller",
      MediaType: "Audio",
      CallType: "Single",
      Event: "Start_call",
      CallResult: "",
      UserId: "u",
    });
    expect(v1CallbackBody(body, DEFAULT_READINGS)).toBe(body);
  });
});
