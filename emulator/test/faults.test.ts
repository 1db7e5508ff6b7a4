import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { start, V1_BY_ID, V1_FILTER, V4_BY_ID, V4_FILTER, type Client } from "./helpers";
import type { Emulator } from "../src/server";

// Faults on demand (control endpoint) and the documented per-endpoint rate limits.

let em: Emulator;
let c: Client;
beforeAll(async () => ({ em, c } = await start({ calls: 200, hangCapMs: 3000 })));
afterAll(() => em.close());
afterEach(async () => {
  await c.control("DELETE", "/faults");
});

describe("faults", () => {
  it("errorRate 1 answers internal errors in each service's code", async () => {
    await c.control("POST", "/faults", { errorRate: 1 });
    expect((await c.post(V4_FILTER)).ErrorCode).toBe(101001);
    expect(
      (await c.post("/v4/call_engine_http_srv/get_call_info", { CallId: "x" })).ErrorCode,
    ).toBe(101001);
    expect((await c.post("/v4/call_config/get_callback")).ErrorCode).toBe(100001);
    expect((await c.post(V1_FILTER, { startTimestamp: 0 })).errorCode).toBe(99999);
  });

  it("errorRate 0.5 fails some requests and not others", async () => {
    await c.control("POST", "/faults", { errorRate: 0.5 });
    const codes = await Promise.all(
      Array.from({ length: 60 }, () => c.post(V4_FILTER).then((r) => r.ErrorCode)),
    );
    expect(codes).toContain(0);
    expect(codes).toContain(101001);
  });

  it("http502Rate 1 answers HTTP 502 with an HTML body", async () => {
    await c.control("POST", "/faults", { http502Rate: 1 });
    const r = await c.raw(V4_FILTER);
    expect(r.status).toBe(502);
    expect(r.json.text).toContain("502");
  });

  it("latencyMs delays answers", async () => {
    await c.control("POST", "/faults", { latencyMs: 300 });
    const t = performance.now();
    expect((await c.post(V4_FILTER)).ErrorCode).toBe(0);
    expect(performance.now() - t).toBeGreaterThanOrEqual(290);
  });

  it("hangRate 1 never answers: the client's timeout fires, and the emulator stays healthy", async () => {
    await c.control("POST", "/faults", { hangRate: 1 });
    const q = new URLSearchParams({
      sdkappid: "1400000001",
      identifier: "administrator",
      usersig: c.sig,
      random: "1",
      contenttype: "json",
    });
    const attempt = fetch(`${em.url}${V4_FILTER}?${q}`, {
      method: "POST",
      body: "{}",
      signal: AbortSignal.timeout(500),
    });
    await expect(attempt).rejects.toThrow(/timeout|abort/i);
    await c.control("DELETE", "/faults");
    expect((await c.post(V4_FILTER)).ErrorCode).toBe(0);
  });

  it("errorCode makes injected errors answer that code, in the generation's envelope", async () => {
    await c.control("POST", "/faults", {
      errorRate: 1,
      errorCode: 50001,
      onlyPaths: ["/v1/records/"],
    });
    const v1 = await c.post(V1_BY_ID, { callId: "x" });
    expect(v1).toMatchObject({
      errorCode: 50001,
      errorMessage: expect.stringContaining("package"),
    });
    expect(v1.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect((await c.post(V4_FILTER)).ErrorCode).toBe(0);

    await c.control("POST", "/faults", { errorCode: 101050, onlyPaths: ["/v4/"] });
    const v4 = await c.post(V4_FILTER);
    expect(v4).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 101050 });
    expect(v4.Response).toBeUndefined();
  });

  it("hiddenCallIds: filters count the calls but never list them; by-ID still finds them", async () => {
    const before = await c.post(V4_FILTER, { NumberPerPage: 100 });
    const hidden = before.Response.CallRecordList.slice(0, 2).map(
      (r: { CallId: string }) => r.CallId,
    );
    await c.control("POST", "/faults", { hiddenCallIds: hidden });
    const v4 = await c.post(V4_FILTER, { NumberPerPage: 100 });
    expect(v4.Response.TotalNum).toBe(before.Response.TotalNum);
    const v4Ids = v4.Response.CallRecordList.map((r: { CallId: string }) => r.CallId);
    expect(v4Ids).toHaveLength(before.Response.CallRecordList.length - 2);
    expect(v4Ids).not.toContain(hidden[0]);
    const v1 = await c.post(V1_FILTER, { startTimestamp: 0, numberPerPage: 100 });
    const v1Ids = v1.data.callRecordList.map((r: { callId: string }) => r.callId);
    expect(v1Ids).not.toContain(hidden[0]);
    expect((await c.post(V4_BY_ID, { CallId: hidden[0] })).ErrorCode).toBe(0);
  });

  it("onlyPaths limits faults to matching paths", async () => {
    await c.control("POST", "/faults", { errorRate: 1, onlyPaths: ["/v1/"] });
    expect((await c.post(V4_FILTER)).ErrorCode).toBe(0);
    expect((await c.post(V1_FILTER, { startTimestamp: 0 })).errorCode).toBe(99999);
  });

  it("DELETE resets every fault", async () => {
    await c.control("POST", "/faults", { errorRate: 1, latencyMs: 10 });
    const reset = await c.control("DELETE", "/faults");
    expect(reset.json).toMatchObject({
      errorRate: 0,
      latencyMs: 0,
      hangRate: 0,
      http502Rate: 0,
      errorCode: null,
      onlyPaths: null,
      hiddenCallIds: null,
    });
    expect((await c.post(V4_FILTER)).ErrorCode).toBe(0);
  });

  it.each([
    [{ errorRate: 2 }, "errorRate"],
    [{ hangRate: -0.1 }, "hangRate"],
    [{ latencyMs: "slow" }, "latencyMs"],
    [{ rateLimit: "yes" }, "rateLimit"],
    [{ onlyPaths: "/v4" }, "onlyPaths"],
    [{ errorCode: "50001" }, "errorCode"],
    [{ errorCode: 1.5 }, "errorCode"],
    [{ hiddenCallIds: "x" }, "hiddenCallIds"],
    [{ hiddenCallIds: [1] }, "hiddenCallIds"],
  ])("rejects %j naming the field", async (body, field) => {
    const r = await c.control("POST", "/faults", body);
    expect(r.status).toBe(400);
    expect(r.json.error.field).toBe(field);
  });
});

describe("rate limits (per SDKAppID and API, token bucket)", () => {
  // A frozen clock makes the buckets deterministic: no token comes back during the test.
  const burst = (cl: Client, path: string, body: unknown, n: number) =>
    Promise.all(Array.from({ length: n }, () => cl.post(path, body)));

  it("v1 by-ID: 20 per second, then 70005", async () => {
    const t = Date.now();
    const { em: e2, c: c2 } = await start({ calls: 10, rateLimit: true, now: () => t });
    try {
      const r = await burst(c2, V1_BY_ID, { callId: "x" }, 25);
      const codes = r.map((x) => x.errorCode as number);
      expect(codes.filter((x) => x === 70005)).toHaveLength(5);
      expect(codes.filter((x) => x === 70001)).toHaveLength(20);
      // A different API has its own bucket.
      expect((await c2.post(V1_FILTER, { startTimestamp: 0 })).errorCode).toBe(0);
      // The request counts say what was answered, per path and code.
      const counts = (await c2.control("GET", "/requests")).json;
      expect(counts.rateLimited).toBe(5);
      expect(counts.byPath[V1_BY_ID]).toEqual({ total: 25, byCode: { 70001: 20, 70005: 5 } });
      expect(counts.byPath[V1_FILTER]).toEqual({ total: 1, byCode: { 0: 1 } });
      await c2.control("DELETE", "/requests");
      expect((await c2.control("GET", "/requests")).json).toEqual({ byPath: {}, rateLimited: 0 });
    } finally {
      await e2.close();
    }
  });

  it("v1 callback: 10 per second; v4: 200 per second, then 60007", async () => {
    const t = Date.now();
    const { em: e2, c: c2 } = await start({ calls: 10, rateLimit: true, now: () => t });
    try {
      const cb = await burst(c2, "/v1/callback/get", {}, 12);
      expect(cb.filter((x) => x.errorCode === 70005)).toHaveLength(2);
      const v4 = await burst(c2, V4_BY_ID, { CallId: "x" }, 205);
      expect(v4.filter((x) => x.ErrorCode === 60007)).toHaveLength(5);
      expect(v4.filter((x) => x.ErrorCode === 101050)).toHaveLength(200);
    } finally {
      await e2.close();
    }
  });

  it("sliding window (default): never more than the limit in any 1-second window", async () => {
    let t = Date.now();
    const { em: e2, c: c2 } = await start({ calls: 10, rateLimit: true, now: () => t });
    try {
      expect((await c2.control("GET", "/config")).json.rateLimitAlgorithm).toBe("sliding-window");
      const t0 = t;
      await burst(c2, V1_BY_ID, { callId: "x" }, 10);
      t = t0 + 500;
      await burst(c2, V1_BY_ID, { callId: "x" }, 10);
      t = t0 + 999; // the window (t0-1, t0+999] holds all 20
      expect((await c2.post(V1_BY_ID, { callId: "x" })).errorCode).toBe(70005);
      t = t0 + 1000; // the first 10 have left the window: exactly 10 more fit
      const codes = (await burst(c2, V1_BY_ID, { callId: "x" }, 12)).map(
        (x) => x.errorCode as number,
      );
      expect(codes.filter((x) => x === 70001)).toHaveLength(10);
      expect(codes.filter((x) => x === 70005)).toHaveLength(2);
      await c2.control("POST", "/faults", { rateLimit: false });
      const r = await burst(c2, V1_BY_ID, { callId: "x" }, 40);
      expect(r.every((x) => x.errorCode === 70001)).toBe(true);
    } finally {
      await e2.close();
    }
  });

  it("token bucket (option): tokens come back continuously as emulator time passes", async () => {
    let t = Date.now();
    const { em: e2, c: c2 } = await start({
      calls: 10,
      rateLimit: true,
      rateLimitAlgorithm: "token-bucket",
      now: () => t,
    });
    try {
      await burst(c2, V1_BY_ID, { callId: "x" }, 20);
      expect((await c2.post(V1_BY_ID, { callId: "x" })).errorCode).toBe(70005);
      t += 100; // 0.1 s at 20/s = 2 tokens
      expect((await c2.post(V1_BY_ID, { callId: "x" })).errorCode).toBe(70001);
      expect((await c2.post(V1_BY_ID, { callId: "x" })).errorCode).toBe(70001);
      expect((await c2.post(V1_BY_ID, { callId: "x" })).errorCode).toBe(70005);
    } finally {
      await e2.close();
    }
  });
});
