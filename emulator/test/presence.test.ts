import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ADMIN, realSig, start, type Client, type Json } from "./helpers";
import type { Emulator } from "../src/server";

// v4/openim/query_online_status: statuses that agree with the emulator's calls, ErrorList for
// accounts the app does not have, Tencent's limits, and the control override.

const QUERY = "/v4/openim/query_online_status";
const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
let now = T0;
let em: Emulator;
let c: Client;

beforeAll(async () => ({ em, c } = await start({ calls: 2000, liveCalls: 0, now: () => now })));
afterAll(() => em.close());
beforeEach(async () => {
  now = T0;
  await c.control("DELETE", "/presence");
});

const statuses = async (accounts: string[], extra: Json = {}) => {
  const r = await c.post(QUERY, { To_Account: accounts, ...extra });
  expect(r).toMatchObject({ ActionStatus: "OK", ErrorCode: 0 });
  return r;
};
const statusOf = async (u: string) => (await statuses([u])).QueryResult[0]?.Status as string;

describe("query_online_status", () => {
  it("answers at the top level: QueryResult for known accounts, ErrorList 70107 for unknown", async () => {
    const known = (await c.control("GET", "/calls?limit=1")).json.calls[0].caller as string;
    const r = await statuses([known, "nobody-here"]);
    expect(r.Response).toBeUndefined();
    expect(r.QueryResult).toEqual([
      { To_Account: known, Status: expect.stringMatching(/^(Online|PushOnline|Offline)$/) },
    ]);
    expect(r.ErrorList).toEqual([{ To_Account: "nobody-here", ErrorCode: 70107 }]);
  });

  it("people outside calls: fixed by the seed, mostly Offline or PushOnline, some Online", async () => {
    const { calls } = (await c.control("GET", "/calls?limit=2000")).json as { calls: Json[] };
    const users = [
      ...new Set(calls.flatMap((x) => [x.caller as string, ...(x.callees as string[])])),
    ];
    const first = await statuses(users.slice(0, 500));
    const again = await statuses(users.slice(0, 500));
    expect(again.QueryResult).toEqual(first.QueryResult);
    const count = (s: string) => first.QueryResult.filter((x: Json) => x.Status === s).length;
    expect(count("Online")).toBeGreaterThan(0);
    expect(count("Online")).toBeLessThan(count("Offline") + count("PushOnline"));
    expect(count("PushOnline")).toBeGreaterThan(0);
  });

  it("agrees with live calls: participants Online, an unreachable callee Offline", async () => {
    await c.control("POST", "/presence", { userId: "p_a", status: "Offline" });
    await c.control("POST", "/presence", { userId: "p_a", status: null });
    const id = (
      await c.control("POST", "/calls", {
        caller: "p_a",
        callees: ["p_b", "p_c"],
        live: true,
        members: [
          { userId: "p_b", outcome: "accepted", actedAfterMs: 1000 },
          { userId: "p_c", outcome: "offline" },
        ],
      })
    ).json.callId as string;
    const r = await statuses(["p_a", "p_b", "p_c"]);
    expect(r.QueryResult.map((x: Json) => x.Status)).toEqual(["Online", "Online", "Offline"]);
    await c.post("/v4/call_engine_http_srv/end_call", { CallId: id });
    // After the call, everyone is back to what the seed says; p_c stays a known account.
    expect((await statuses(["p_c"])).ErrorList).toEqual([]);
  });

  it("the control override wins, and null gives the status back", async () => {
    const { calls } = (await c.control("GET", "/calls?limit=1")).json as { calls: Json[] };
    const u = calls[0]!.caller as string;
    const seeded = await statusOf(u);
    for (const s of ["Online", "PushOnline", "Offline"]) {
      expect((await c.control("POST", "/presence", { userId: u, status: s })).status).toBe(200);
      expect(await statusOf(u)).toBe(s);
    }
    await c.control("POST", "/presence", { userId: u, status: null });
    expect(await statusOf(u)).toBe(seeded);
    expect((await c.control("POST", "/presence", { userId: u, status: "Away" })).status).toBe(400);
    // Setting a status makes the account exist.
    await c.control("POST", "/presence", { userId: "new-user", status: "PushOnline" });
    expect(await statusOf("new-user")).toBe("PushOnline");
  });

  it("IsNeedDetail: one device per signed-in user with its platform; none when Offline", async () => {
    await c.control("POST", "/presence", { userId: "d_on", status: "Online" });
    await c.control("POST", "/presence", { userId: "d_push", status: "PushOnline" });
    await c.control("POST", "/presence", { userId: "d_off", status: "Offline" });
    const r = await statuses(["d_on", "d_push", "d_off"], { IsNeedDetail: 1, IsReturnInstid: 1 });
    expect(r.QueryResult[0].Detail).toEqual([
      { Platform: expect.any(String), Status: "Online", Instid: expect.any(Number) },
    ]);
    expect(r.QueryResult[1].Detail[0]).toMatchObject({
      Platform: expect.stringMatching(/^(iPhone|Android)$/),
      Status: "PushOnline",
    });
    expect(r.QueryResult[2]).toEqual({ To_Account: "d_off", Status: "Offline" });
    const plain = await statuses(["d_on"]);
    expect(plain.QueryResult[0].Detail).toBeUndefined();
  });

  it.each([
    ["no To_Account", {}],
    ["an empty list", { To_Account: [] }],
    ["not a list", { To_Account: "alice" }],
    ["non-string IDs", { To_Account: [1] }],
    ["an empty ID", { To_Account: [""] }],
    ["more than 500 accounts", { To_Account: Array.from({ length: 501 }, (_, i) => `u${i}`) }],
    ["IsNeedDetail outside 0/1", { To_Account: ["a"], IsNeedDetail: 2 }],
  ])("%s → 70402", async (_n, body) => {
    expect(await c.post(QUERY, body)).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 70402 });
  });

  it("500 accounts are fine; the same UserSig and admin checks as every v4 API", async () => {
    const many = Array.from({ length: 500 }, (_, i) => `u${i}`);
    expect((await c.post(QUERY, { To_Account: many })).ErrorList).toHaveLength(500);
    const notAdmin = await c.post(
      QUERY,
      { To_Account: ["a"] },
      {
        identifier: "p_a",
        usersig: realSig("p_a"),
      },
    );
    expect(notAdmin.ErrorCode).toBe(60010);
    const wrongSig = await c.post(
      QUERY,
      { To_Account: ["a"] },
      { usersig: realSig(ADMIN, 86_400, undefined, "other-key") },
    );
    expect(wrongSig.ErrorCode).toBe(70009);
  });
});
