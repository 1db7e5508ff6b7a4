import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SECRET, handSig, start, V4_FILTER, type Client, type Json } from "./helpers";
import type { Emulator } from "../src/server";

// The emulator-only control endpoint: health, config, clock, ground truth, scripted calls, reset.

const T0 = Date.UTC(2026, 10, 21, 8, 0, 0);
let em: Emulator;
let c: Client;
beforeAll(async () => ({ em, c } = await start({ calls: 1000, seed: 11, now: () => T0 })));
afterAll(() => em.close());

describe("health and config", () => {
  it("health reports app, call count and live calls", async () => {
    const r = await c.control("GET", "/health");
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: true, sdkAppId: 1400000001, calls: em.store.size, live: 3 });
  });

  it("config shows the settings but never the secret key", async () => {
    const r = await c.control("GET", "/config");
    expect(r.json).toMatchObject({
      sdkAppId: 1400000001,
      adminIdentifiers: ["administrator"],
      seed: 11,
      calls: 1000,
    });
    expect(JSON.stringify(r.json)).not.toContain(SECRET);
  });

  it("unknown control routes are 404 JSON, bad bodies 400 naming the field", async () => {
    expect((await c.control("GET", "/nope")).status).toBe(404);
    const res = await fetch(`${em.url}/__emulator/faults`, { method: "POST", body: "{oops" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).error.field).toBe("body");
  });
});

describe("clock", () => {
  it("offsetMs and nowMs move the emulator's clock; DELETE resets it", async () => {
    expect((await c.control("POST", "/clock", { offsetMs: 60_000 })).json).toMatchObject({
      nowMs: T0 + 60_000,
      offsetMs: 60_000,
    });
    expect((await c.control("POST", "/clock", { nowMs: "2026-11-21T09:00:00Z" })).json.nowMs).toBe(
      T0 + 3600_000,
    );
    expect((await c.control("DELETE", "/clock")).json).toMatchObject({ nowMs: T0, offsetMs: 0 });
    expect((await c.control("POST", "/clock", {})).status).toBe(400);
    expect((await c.control("POST", "/clock", { nowMs: "not a time" })).status).toBe(400);
  });

  it("moving the clock 8 days ahead empties the record window", async () => {
    await c.control("POST", "/clock", { offsetMs: 8 * 24 * 3600_000 });
    try {
      // A one-day UserSig made at T0 has expired by then; a 30-day one has not. (Made at T0, not
      // at the real time, which has nothing to do with the emulator's clock.)
      const madeAt = T0 / 1000;
      const oneDay = handSig({ time: madeAt, expire: 86_400 });
      expect((await c.post(V4_FILTER, {}, { usersig: oneDay })).ErrorCode).toBe(70001);
      const thirtyDays = handSig({ time: madeAt, expire: 30 * 86_400 });
      const r = await c.post(V4_FILTER, {}, { usersig: thirtyDays });
      expect(r.Response.TotalNum).toBe(0);
    } finally {
      await c.control("DELETE", "/clock");
    }
    expect((await c.post(V4_FILTER)).Response.TotalNum).toBeGreaterThan(0);
  });
});

describe("ground truth", () => {
  it("lists calls in start order with from/to/limit and a user filter", async () => {
    const all = (await c.control("GET", "/calls?limit=10000")).json;
    expect(all.total).toBe(em.store.size);
    const starts = (all.calls as Json[]).map((x) => x.startedAt as number);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const mid = starts[500]!;
    const window = (await c.control("GET", `/calls?from=${mid}&to=${mid + 3600_000}&limit=5`)).json;
    expect(window.calls.length).toBeLessThanOrEqual(5);
    for (const x of window.calls as Json[]) expect(x.startedAt).toBeGreaterThanOrEqual(mid);
    const user = (all.calls[0] as Json).caller as string;
    const mine = (await c.control("GET", `/calls?user=${encodeURIComponent(user)}&limit=10000`))
      .json;
    expect(mine.total).toBeGreaterThan(0);
    for (const x of mine.calls as Json[]) expect([x.caller, ...x.callees]).toContain(user);
    expect((await c.control("GET", "/calls?user=nobody-at-all")).json).toEqual({
      total: 0,
      calls: [],
    });
    expect((await c.control("GET", "/calls?limit=-1")).status).toBe(400);
    expect((await c.control("GET", "/calls?from=yesterday")).status).toBe(400);
  });

  it("GET /calls/:id returns the full call; unknown IDs are 404", async () => {
    const first = (await c.control("GET", "/calls?limit=1")).json.calls[0] as Json;
    const one = (await c.control("GET", `/calls/${first.callId}`)).json;
    expect(one).toEqual(first);
    expect(one.members[0]).toMatchObject({ role: "caller", userId: one.caller });
    expect((await c.control("GET", "/calls/unknown-id")).status).toBe(404);
    expect((await c.control("GET", "/calls/%E0%A4%A")).status).toBe(400);
  });
});

describe("scripted calls", () => {
  it("creates a past call with defaults that agree with the result", async () => {
    const r = await c.control("POST", "/calls", {
      caller: "s_a",
      callees: ["s_b"],
      result: "Reject",
      mediaType: "video",
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      state: "ended",
      result: "Reject",
      acceptedAt: null,
      mediaType: "video",
      recordVisible: true,
    });
    expect(r.json.members[1]).toMatchObject({ userId: "s_b", outcome: "rejected" });
  });

  it("accepts a chosen callId once", async () => {
    const body = { callId: "scripted-fixed-id", caller: "s_a", callees: ["s_b"] };
    expect((await c.control("POST", "/calls", body)).status).toBe(201);
    const again = await c.control("POST", "/calls", body);
    expect(again.status).toBe(400);
    expect(again.json.error.field).toBe("callId");
  });

  it.each([
    [{ callees: ["b"] }, "caller"],
    [{ caller: "a" }, "callees"],
    [{ caller: "a", callees: [] }, "callees"],
    [{ caller: "a", callees: ["b"], mediaType: "Video" }, "mediaType"],
    [{ caller: "a", callees: ["b"], result: "Busy" }, "result"],
    [{ caller: "a", callees: ["b"], generations: ["v2"] }, "generations"],
    [{ caller: "a", callees: ["b"], acceptAfterMs: -5 }, "acceptAfterMs"],
    [{ caller: "a", callees: ["b"], acceptAfterMs: 5000, endAfterMs: 1000 }, "endAfterMs"],
    [{ caller: "a", callees: ["b"], startedAt: "soon" }, "startedAt"],
    [
      { caller: "a", callees: ["b"], members: [{ userId: "b", outcome: "maybe" }] },
      "members[0].outcome",
    ],
  ])("rejects %j naming %s", async (body, field) => {
    const r = await c.control("POST", "/calls", body);
    expect(r.status).toBe(400);
    expect(r.json.error.field).toBe(field);
  });
});

describe("reset", () => {
  it("regenerates the same data from the seed and clears scripted calls, faults, clock and callbacks", async () => {
    const before = (await c.control("GET", "/calls?limit=20")).json.calls as Json[];
    await c.control("POST", "/calls", { caller: "r_a", callees: ["r_b"] });
    await c.control("POST", "/faults", { latencyMs: 5 });
    await c.control("POST", "/clock", { offsetMs: 1000 });
    await c.post("/v4/call_config/set_callback", {
      Url: "https://x.test",
      CallbackCommandList: ["Call.CallbackAfterEndCall"],
    });
    const r = await c.control("POST", "/reset");
    expect(r.json).toEqual({ ok: true, calls: 1000 });
    expect(em.store.size).toBe(1000);
    expect((await c.control("GET", "/calls?limit=20")).json.calls).toEqual(
      before.filter((x) => !x.scripted),
    );
    expect((await c.control("GET", "/faults")).json.latencyMs).toBe(0);
    expect((await c.control("GET", "/clock")).json.offsetMs).toBe(0);
    expect((await c.post("/v4/call_config/get_callback")).ErrorCode).toBe(100301);
  });
});
