import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ROBOT, END_CALL, start, type Client, type Json } from "./helpers";
import type { Emulator } from "../src/server";

// Webhook delivery to a receiver on loopback: which events are sent, their query parameters and
// bodies, retries on failure, and that non-loopback URLs are never called.

type Hit = { url: URL; body: Json };
const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
let now = T0;
let em: Emulator;
let c: Client;
let receiver: Server;
let base = "";
let hits: Hit[] = [];
let failNext = 0;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let text = "";
    req.on("data", (d: Buffer) => (text += d.toString()));
    req.on("end", () => {
      hits.push({ url: new URL(req.url ?? "/", "http://x"), body: JSON.parse(text) as Json });
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end("{}");
        return;
      }
      res
        .writeHead(200, { "content-type": "application/json" })
        .end('{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}');
    });
  });
  await new Promise<void>((ok) => receiver.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  ({ em, c } = await start({
    calls: 100,
    liveCalls: 0,
    now: () => now,
    webhookRetryDelaysMs: [0, 20, 20],
  }));
});
afterAll(async () => {
  await em.close();
  await new Promise((ok) => receiver.close(ok));
});
beforeEach(async () => {
  now = T0;
  hits = [];
  failNext = 0;
  await c.post("/v4/call_config/delete_callback");
  await c.post("/v1/callback/delete");
  await c.control("DELETE", "/webhooks");
});

/** Lets the dispatcher find due events and waits until `n` requests arrived (or fails). */
async function waitForHits(n: number, rounds = 100): Promise<Hit[]> {
  for (let i = 0; i < rounds && hits.length < n; i++) {
    await c.control("GET", "/webhooks");
    await new Promise((r) => setTimeout(r, 20));
  }
  return hits;
}

const ALL_V4 = [
  "Call.CallbackAfterStartCall",
  "Call.CallbackAfterEndCall",
  "Call.CallbackAfterMemberChanged",
];

describe("v4 webhooks", () => {
  it("a call's start, answer and end reach the configured URL with Tencent's query and bodies", async () => {
    await c.post("/v4/call_config/set_callback", {
      Url: `${base}/trtc-call?app=1`,
      CallbackCommandList: ALL_V4,
    });
    const id = (
      await c.control("POST", "/calls", {
        caller: "w_alice",
        callees: ["w_bob"],
        live: true,
        acceptAfterMs: 3000,
        endAfterMs: 40_000,
        generations: ["v4"],
      })
    ).json.callId as string;
    await waitForHits(1);
    now = T0 + 3000;
    await waitForHits(2);
    now = T0 + 40_000;
    const got = await waitForHits(4);
    expect(got.map((h) => h.body.CallbackCommand)).toEqual([
      "Call.CallbackAfterStartCall",
      "Call.CallbackAfterMemberChanged",
      "Call.CallbackAfterMemberChanged",
      "Call.CallbackAfterEndCall",
    ]);
    for (const h of got) {
      expect(h.url.pathname).toBe("/trtc-call");
      expect(h.url.searchParams.get("app")).toBe("1");
      expect(h.url.searchParams.get("SdkAppid")).toBe("1400000001");
      expect(h.url.searchParams.get("CallbackCommand")).toBe(h.body.CallbackCommand);
      expect(h.url.searchParams.get("contenttype")).toBe("json");
    }
    expect(got[0]!.body).toMatchObject({
      CallInfo: { CallId: id, MediaType: "Audio" },
      UserList: [
        { User_Account: "w_alice", Status: "Calling" },
        { User_Account: "w_bob", Status: "Waiting" },
      ],
      EventTime: T0,
    });
    expect(got[1]!.body).toMatchObject({
      CallId: id,
      ChangedUserList: [{ User_Account: "w_bob", ActionType: "Accept" }],
      UserList: [
        { User_Account: "w_alice", Status: "Calling" },
        { User_Account: "w_bob", Status: "Calling" },
      ],
      EventTime: T0 + 3000,
    });
    // Nobody said who hung up, so the caller did; the hang-up comes before the end.
    expect(got[2]!.body).toMatchObject({
      CallId: id,
      ChangedUserList: [{ User_Account: "w_alice", ActionType: "Hangup" }],
      UserList: [{ User_Account: "w_bob", Status: "Calling" }],
      EventTime: T0 + 40_000,
    });
    expect(got[3]!.body).toMatchObject({
      CallRecord: {
        CallId: id,
        CallResult: "NormalEnd",
        CalleeList_Account: ["w_alice", "w_bob"],
        AcceptTime: T0 / 1000 + 3,
      },
      EventTime: T0 + 40_000,
    });
    expect(
      (await c.control("GET", "/webhooks")).json.deliveries.map((d: Json) => d.status),
    ).toEqual(["delivered", "delivered", "delivered", "delivered"]);
  });

  it("only configured commands are sent; robot calls and end_call fire too", async () => {
    await c.post("/v4/call_config/set_callback", {
      Url: `${base}/only-end`,
      CallbackCommandList: ["Call.CallbackAfterEndCall"],
    });
    const r = await c.post(ROBOT, {
      Robot_Account: "bot",
      CalleeList_Account: ["w_carol"],
      Timeout: 30_000,
      CallInfo: { MediaType: "Video" },
    });
    expect((await c.post(END_CALL, { CallId: r.Response.CallId })).ErrorCode).toBe(0);
    const got = await waitForHits(1);
    await c.control("GET", "/webhooks");
    expect(got).toHaveLength(1);
    expect(got[0]!.body).toMatchObject({
      CallbackCommand: "Call.CallbackAfterEndCall",
      CallRecord: { CallId: r.Response.CallId, CallResult: "Cancel" },
    });
  });

  it("retries a failing receiver on the schedule, then gives up", async () => {
    await c.post("/v4/call_config/set_callback", {
      Url: `${base}/flaky`,
      CallbackCommandList: ["Call.CallbackAfterStartCall"],
    });
    failNext = 1;
    await c.control("POST", "/calls", {
      caller: "w_d",
      callees: ["w_e"],
      live: true,
      generations: ["v4"],
    });
    await waitForHits(2);
    expect(hits).toHaveLength(2);
    const d = (await c.control("GET", "/webhooks")).json.deliveries[0] as Json;
    expect(d).toMatchObject({ status: "delivered", attempts: 2, httpStatus: 200 });

    failNext = 10;
    hits = [];
    await c.control("POST", "/calls", {
      caller: "w_f",
      callees: ["w_g"],
      live: true,
      generations: ["v4"],
    });
    await waitForHits(3);
    await new Promise((r) => setTimeout(r, 100));
    expect(hits).toHaveLength(3); // three attempts with this test's schedule
    const last = (await c.control("GET", "/webhooks")).json.deliveries.at(-1) as Json;
    expect(last).toMatchObject({ status: "failed", attempts: 3, httpStatus: 500 });
  });

  it("history does not fire: calls that ended before the callback was configured send nothing", async () => {
    await c.post("/v4/call_config/set_callback", { Url: `${base}/h`, CallbackCommandList: ALL_V4 });
    await c.control("POST", "/calls", {
      caller: "w_old",
      callees: ["w_x"],
      startedAt: T0 - 120_000,
    });
    await waitForHits(1, 10);
    expect(hits).toHaveLength(0);
  });

  it("never calls a non-loopback URL", async () => {
    await c.post("/v4/call_config/set_callback", {
      Url: "https://hooks.example.test/x",
      CallbackCommandList: ALL_V4,
    });
    await c.control("POST", "/calls", {
      caller: "w_h",
      callees: ["w_i"],
      live: true,
      generations: ["v4"],
    });
    const d = (await c.control("GET", "/webhooks")).json.deliveries as Json[];
    expect(d.length).toBeGreaterThan(0);
    expect(d.every((x) => x.status === "skipped" && x.attempts === 0)).toBe(true);
  });
});

describe("v1 webhooks", () => {
  it("status and event callbacks for the configured words only, lower-case query", async () => {
    await c.post("/v1/callback/set", {
      address: `${base}/tuicall`,
      actions: ["normal_end", "caller_start_call", "callee_accept_call"],
    });
    const id = (
      await c.control("POST", "/calls", {
        caller: "v_a",
        callees: ["v_b"],
        live: true,
        acceptAfterMs: 2000,
        endAfterMs: 10_000,
        generations: ["v1"],
      })
    ).json.callId as string;
    await waitForHits(1);
    now = T0 + 10_000;
    const got = await waitForHits(3);
    expect(got.map((h) => h.url.searchParams.get("command"))).toEqual([
      "caller_start_call",
      "callee_accept_call",
      "normal_end",
    ]);
    for (const h of got) {
      expect(h.url.searchParams.get("sdkappid")).toBe("1400000001");
      expect(h.url.searchParams.get("contenttype")).toBe("json");
      expect(h.body).toMatchObject({
        CallId: id,
        RoomId: expect.any(String),
        TotalNum: 2,
        MediaType: "audio",
        CallType: "single",
      });
    }
    expect(got[0]!.body).toMatchObject({
      UserId: "v_a",
      Role: "caller",
      Event: "start_call",
      EventTime: T0 / 1000,
    });
    expect(got[1]!.body).toMatchObject({ UserId: "v_b", Role: "callee", Event: "accept_call" });
    expect(got[2]!.body).toMatchObject({
      UserId: "v_a",
      Role: "caller",
      CallResult: "normal_end",
      StartCallTs: T0 / 1000,
      AcceptTs: T0 / 1000 + 2,
      EndTs: T0 / 1000 + 10,
    });
  });
});
