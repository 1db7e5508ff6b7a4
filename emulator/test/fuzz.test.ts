import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { start, type Client } from "./helpers";
import type { Emulator } from "../src/server";

// Bad input everywhere: every endpoint, every field, values of every JSON type and edge size. Each
// must get HTTP 200 and a documented code — never an internal error, a 500 or a hang.

let em: Emulator;
let c: Client;
beforeAll(async () => ({ em, c } = await start({ calls: 200 })));
afterAll(() => em.close());

const ODD = [
  null,
  true,
  0,
  -1,
  1.5,
  1e300,
  -1e300,
  "",
  "x",
  "𝄞\u0000\"'<>",
  [],
  [1],
  ["a"],
  {},
  { a: 1 },
  "9".repeat(400),
];

const ENDPOINTS: Record<string, string[]> = {
  "/v4/call_engine_http_srv/get_call_info": ["CallId"],
  "/v4/call_engine_http_srv/end_call": ["CallId"],
  "/v4/call_engine_http_srv/start_call_by_robot": [
    "Robot_Account",
    "CalleeList_Account",
    "Timeout",
    "UserData",
    "CallInfo",
    "OfflinePushInfo",
  ],
  "/v4/call_record_http_srv/get_record_by_callid": ["CallId"],
  "/v4/call_record_http_srv/get_record_by_filter": [
    "StartTime",
    "EndTime",
    "CallResult",
    "CallType",
    "NumberPerPage",
    "Page",
  ],
  "/v4/call_config/set_callback": ["Url", "CallbackCommandList"],
  "/v4/call_config/get_callback": ["Url"],
  "/v4/call_config/delete_callback": ["Url"],
  "/v1/records/get_record_by_callId": ["callId"],
  "/v1/records/get_records_by_filter": [
    "startTimestamp",
    "endTimestamp",
    "callResult",
    "callType",
    "numberPerPage",
    "page",
  ],
  "/v1/callback/set": ["address", "actions"],
  "/v1/callback/get": ["address"],
  "/v1/callback/update": ["address", "actions"],
  "/v1/callback/delete": ["address"],
};

const BASE: Record<string, Record<string, unknown>> = {
  "/v4/call_engine_http_srv/start_call_by_robot": {
    Robot_Account: "bot",
    CalleeList_Account: ["u1"],
    Timeout: 20_000,
    CallInfo: { MediaType: "Audio" },
  },
  "/v1/records/get_records_by_filter": { startTimestamp: 0 },
  "/v1/callback/set": { address: "https://h.test", actions: ["normal_end"] },
  "/v1/callback/update": { address: "https://h.test", actions: ["normal_end"] },
  "/v4/call_config/set_callback": {
    Url: "https://h.test",
    CallbackCommandList: ["Call.CallbackAfterEndCall"],
  },
};

const INTERNAL = new Set([101001, 100001, 99999]);

describe("no input produces an internal error", () => {
  it.each(Object.entries(ENDPOINTS))("%s", async (path, fields) => {
    const bodies: unknown[] = [];
    for (const field of fields) for (const v of ODD) bodies.push({ ...BASE[path], [field]: v });
    // Nested oddities for the robot's CallInfo.
    if (path.endsWith("start_call_by_robot")) {
      for (const v of ODD)
        bodies.push({ ...BASE[path], CallInfo: { MediaType: "Video", RoomId: v, RoomIdType: v } });
    }
    const results = await Promise.all(bodies.map((b) => c.raw(path, { body: JSON.stringify(b) })));
    for (const [i, r] of results.entries()) {
      const code = (path.startsWith("/v1") ? r.json.errorCode : r.json.ErrorCode) as unknown;
      expect(r.status, JSON.stringify(bodies[i])).toBe(200);
      expect(typeof code, JSON.stringify(bodies[i])).toBe("number");
      expect(INTERNAL.has(code as number), `${JSON.stringify(bodies[i])} → ${String(code)}`).toBe(
        false,
      );
    }
  });

  it("odd query strings and paths", async () => {
    const urls = [
      "/v4/call_record_http_srv/get_record_by_filter?sdkappid=%&identifier=%E0%A4%A&usersig=&random=1&contenttype=json",
      "/v4/call_record_http_srv/get_record_by_filter?" + "a=1&".repeat(2000),
      "/v4/call_record_http_srv/get_record_by_filter?usersig=" + "A".repeat(4000),
      "/v4/..%2f..%2fetc/passwd",
      "/v1/",
      "/",
      "/v4/call_record_http_srv/get_record_by_filter/",
    ];
    for (const u of urls) {
      const res = await fetch(em.url + u, { method: "POST", body: "{}" });
      expect(res.status, u).toBe(200);
      const j = (await res.json()) as Record<string, unknown>;
      expect(typeof (j.ErrorCode ?? j.errorCode), u).toBe("number");
    }
  });
});
