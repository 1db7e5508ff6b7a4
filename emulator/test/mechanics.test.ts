import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { CALL_INFO, start, V1_BY_ID, V1_FILTER, V4_BY_ID, V4_FILTER, type Client } from "./helpers";
import type { Emulator } from "../src/server";

// Common request mechanics and bad input (reference §1): every malformed request gets HTTP 200
// with the generation's documented (or closest) code — never a 500, a crash or a hang.

let em: Emulator;
let c: Client;
beforeAll(async () => ({ em, c } = await start({ calls: 100, maxBodyBytes: 64 * 1024 })));
afterAll(() => em.close());

describe("envelopes and request IDs", () => {
  it("v4 success: ActionStatus OK, empty ErrorInfo, Id-<32 hex>-O-Seq-<n> RequestId", async () => {
    const r = await c.post(V4_FILTER, {});
    expect(Object.keys(r).sort()).toEqual([
      "ActionStatus",
      "ErrorCode",
      "ErrorInfo",
      "RequestId",
      "Response",
    ]);
    expect(r).toMatchObject({ ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "" });
    expect(r.RequestId).toMatch(/^Id-[0-9a-f]{32}-O-Seq-\d+$/);
  });

  it("v1 success: errorCode 0, errorMessage Success, 32-hex requestId", async () => {
    const r = await c.post(V1_FILTER, { startTimestamp: 0 });
    expect(Object.keys(r).sort()).toEqual(["data", "errorCode", "errorMessage", "requestId"]);
    expect(r).toMatchObject({ errorCode: 0, errorMessage: "Success" });
    expect(r.requestId).toMatch(/^[0-9a-f]{32}$/);
  });

  it("request IDs differ between requests", async () => {
    const a = await c.post(V4_FILTER, {});
    const b = await c.post(V4_FILTER, {});
    expect(a.RequestId).not.toBe(b.RequestId);
  });
});

describe("bad requests", () => {
  type Case = {
    name: string;
    path: string;
    method?: string;
    body?: string;
    q?: Record<string, unknown>;
    code: number;
  };
  const cases: Case[] = [
    { name: "v4 GET instead of POST", path: V4_FILTER, method: "GET", code: 60002 },
    { name: "v1 GET instead of POST", path: V1_FILTER, method: "GET", code: 70001 },
    { name: "v4 PUT", path: V4_FILTER, method: "PUT", code: 60002 },
    { name: "v4 unknown path", path: "/v4/call_record_http_srv/nope", code: 60009 },
    {
      name: "v4 wrong case of a v1-style path",
      path: "/v4/call_record_http_srv/get_record_by_callId",
      code: 60009,
    },
    { name: "v1 unknown path", path: "/v1/records/nope", code: 70001 },
    { name: "v4 missing sdkappid", path: V4_FILTER, q: { omit: ["sdkappid"] }, code: 60012 },
    { name: "v1 missing sdkappid", path: V1_FILTER, q: { omit: ["sdkappid"] }, code: 70001 },
    { name: "v4 non-numeric sdkappid", path: V4_FILTER, q: { sdkappid: "14000abc" }, code: 60006 },
    { name: "v4 unknown sdkappid", path: V4_FILTER, q: { sdkappid: "1400999999" }, code: 70020 },
    { name: "v1 unknown sdkappid", path: V1_FILTER, q: { sdkappid: "1400999999" }, code: 70002 },
    { name: "v4 missing identifier", path: V4_FILTER, q: { omit: ["identifier"] }, code: 60004 },
    { name: "v4 missing random", path: V4_FILTER, q: { omit: ["random"] }, code: 60002 },
    {
      name: "v4 random out of uint32 range",
      path: V4_FILTER,
      q: { random: "4294967296" },
      code: 60002,
    },
    { name: "v4 contenttype not json", path: V4_FILTER, q: { contenttype: "xml" }, code: 60002 },
    { name: "v1 contenttype missing", path: V1_FILTER, q: { omit: ["contenttype"] }, code: 70001 },
    { name: "v4 empty body", path: V4_FILTER, body: "", code: 60003 },
    { name: "v1 empty body", path: V1_FILTER, body: "", code: 70009 },
    { name: "v4 malformed JSON", path: V4_FILTER, body: '{"Page":', code: 60003 },
    { name: "v1 malformed JSON", path: V1_FILTER, body: "{startTimestamp:1}", code: 70009 },
    { name: "v4 JSON array body", path: V4_FILTER, body: "[]", code: 60003 },
    { name: "v4 JSON null body", path: V4_FILTER, body: "null", code: 60003 },
    { name: "v4 missing CallId", path: V4_BY_ID, body: "{}", code: 101002 },
    { name: "v4 CallId of the wrong type", path: V4_BY_ID, body: '{"CallId":42}', code: 101002 },
    { name: "v4 get_call_info empty CallId", path: CALL_INFO, body: '{"CallId":""}', code: 101002 },
    { name: "v1 missing callId", path: V1_BY_ID, body: "{}", code: 70001 },
    { name: "v1 callId of the wrong type", path: V1_BY_ID, body: '{"callId":["x"]}', code: 70009 },
    { name: "v1 filter without startTimestamp", path: V1_FILTER, body: "{}", code: 70001 },
    {
      name: "v1 startTimestamp as a string",
      path: V1_FILTER,
      body: '{"startTimestamp":"1700000000"}',
      code: 70009,
    },
    {
      name: "v4 StartTime as a string",
      path: V4_FILTER,
      body: '{"StartTime":"yesterday"}',
      code: 101002,
    },
    { name: "v4 fractional Page", path: V4_FILTER, body: '{"Page":1.5}', code: 101002 },
  ];

  it.each(cases)("$name → HTTP 200, code $code", async ({ path, method, body, q, code }) => {
    const r = await c.raw(path, { method, body, q: q as never });
    expect(r.status).toBe(200);
    const got = path.startsWith("/v1") ? r.json.errorCode : r.json.ErrorCode;
    expect(got).toBe(code);
    if (!path.startsWith("/v1")) expect(r.json.ActionStatus).toBe("FAIL");
  });

  it("caps oversized bodies with a documented code and closes the connection", async () => {
    const big = JSON.stringify({ CallId: "x".repeat(70 * 1024) });
    const r4 = await c.raw(V4_BY_ID, { body: big });
    expect(r4).toMatchObject({ status: 200, json: { ErrorCode: 60008 } });
    const r1 = await c.raw(V1_BY_ID, { body: big });
    expect(r1).toMatchObject({ status: 200, json: { errorCode: 70009 } });
  });

  it("serves the un-prefixed v1 path from the v1 intro sample", async () => {
    const r = await c.raw("/records/get_records_by_filter", { body: '{"startTimestamp":0}' });
    expect(r.json.errorCode).toBe(0);
  });

  it("keeps answering after a burst of garbage", async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        c.raw(i % 2 ? V4_FILTER : V1_FILTER, { body: "\u0000garbage".repeat(i) }),
      ),
    );
    expect((await c.post(V4_FILTER, {})).ErrorCode).toBe(0);
  });
});
