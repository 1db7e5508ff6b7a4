import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Executor } from "@/lib/db/executor";
import { TEST_DATABASES } from "@/test/databases";

import { callbackStats, callbackToken } from "./callback-state";
import { MAX_CALLBACK_BYTES, type ReceiverConfig } from "./receiver";
import { eventsForCall } from "./store";
import {
  serveReceiver,
  v1EventBody,
  v1Query,
  v4MemberBody,
  v4Query,
  v4StartBody,
  type ReceiverServer,
} from "./testing";

// The receiver over real HTTP, as Tencent calls it, on both databases.

const APP = 1400123456;
const AUTH = "chat-webhook-auth-token";
const V4_ACK = { ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 };
const V1_ACK = { ErrorCode: 0, ErrorMessage: "Success" };
const MEMBER = "Call.CallbackAfterMemberChanged";

describe.each(TEST_DATABASES)("callback receiver on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  let server: ReceiverServer;
  let token: string;
  let failWrites = false;

  beforeAll(async () => {
    handle = await open();
    token = await callbackToken(handle.db);
    // Same database, but statements that write events can be made to fail.
    const db: Executor = {
      execute: ((query: Parameters<Executor["execute"]>[0]) => {
        if (failWrites) return Promise.reject(new Error("database unavailable"));
        return handle.db.execute(query);
      }) as Executor["execute"],
    };
    const config: ReceiverConfig = {
      handle: { db, driver: handle.driver },
      sdkAppId: APP,
      authToken: AUTH,
    };
    server = await serveReceiver(config);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });

  const post = (query: string, body: BodyInit, pathToken = token, headers: HeadersInit = {}) =>
    fetch(`${server.url}/api/tencent/callbacks/${encodeURIComponent(pathToken)}?${query}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
      duplex: "half",
    } as RequestInit);

  const rejectedCount = async () => (await callbackStats(handle.db, "v4")).rejectedLastDay;
  async function eventually(check: () => Promise<boolean>) {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await check()).toBe(true);
  }

  it("answers 401 with an empty body to a wrong token, app or Sign, and counts them", async () => {
    const body = v4MemberBody("auth-call", "bob", "Accept", Date.now());
    const before = await rejectedCount();
    const cases: [string, string][] = [
      [v4Query(APP, MEMBER, AUTH), "not-the-token"],
      [v4Query(APP, MEMBER, AUTH), token.slice(0, -1)],
      [v4Query(APP + 1, MEMBER, AUTH), token],
      [v4Query(APP, MEMBER), token], // no Sign at all
      [v4Query(APP, MEMBER, "another-token"), token],
      [v4Query(APP, MEMBER, AUTH, Date.now() - 120_000), token], // outside the replay window
      [v4Query(APP, MEMBER, AUTH, Date.now() + 120_000), token],
      ["contenttype=json", token], // neither generation's parameters
    ];
    for (const [query, pathToken] of cases) {
      const res = await post(query, body, pathToken);
      expect(res.status).toBe(401);
      expect(await res.text()).toBe("");
    }
    expect(await eventsForCall(handle.db, "auth-call")).toEqual([]);
    await eventually(async () => (await rejectedCount()) === before + 7);

    const ok = await post(v4Query(APP, MEMBER, AUTH, Date.now() - 30_000), body);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual(V4_ACK);
    expect(await eventsForCall(handle.db, "auth-call")).toHaveLength(1);
  });

  it("takes v1 deliveries (no Sign defined there) and answers in v1's form", async () => {
    const res = await post(
      v1Query(APP, "callee_receive_call"),
      v1EventBody("v1-call", "bob", "callee", "receive_call", Date.now()),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(V1_ACK);
    expect(await eventsForCall(handle.db, "v1-call")).toMatchObject([
      { userId: "bob", action: "received", kind: "event", generation: "v1" },
    ]);
    const wrongApp = await post(v1Query(APP - 1, "callee_receive_call"), "{}");
    expect(wrongApp.status).toBe(401);
  });

  it("refuses an oversized body with 413, declared or streamed without a length", async () => {
    const big = JSON.stringify({ CallId: "big-call", Pad: "x".repeat(MAX_CALLBACK_BYTES) });
    const declared = await post(v4Query(APP, MEMBER, AUTH), big);
    expect(declared.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("x".repeat(8192)));
        controller.close();
      },
    });
    const chunked = await post(v4Query(APP, MEMBER, AUTH), stream);
    expect(chunked.status).toBe(413);
    expect(await eventsForCall(handle.db, "big-call")).toEqual([]);
  });

  it("answers 400 to malformed JSON, a non-object or a body without a call ID", async () => {
    for (const body of ["{nope", "[]", '"text"', JSON.stringify({ EventTime: Date.now() })]) {
      const res = await post(v4Query(APP, MEMBER, AUTH), body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 1 });
    }
    const nul = await post(
      v1Query(APP, "callee_receive_call"),
      v1EventBody("nul-call", "bo\u0000b", "callee", "receive_call", Date.now()),
    );
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ ErrorCode: 1 });
  });

  it("stores a retried delivery once, even when the retries arrive together", async () => {
    const body = v4StartBody("retry-call", "alice", ["bob", "carol"], Date.now());
    const query = v4Query(APP, "Call.CallbackAfterStartCall", AUTH);
    const answers = await Promise.all([1, 2, 3, 4].map(() => post(query, body)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect((await post(query, body)).status).toBe(200);
    const stored = await eventsForCall(handle.db, "retry-call");
    expect(stored.map((e) => [e.userId, e.action])).toEqual([
      ["alice", "started"],
      ["bob", "invited"],
      ["carol", "invited"],
    ]);
  });

  it("orders events by their own time, not by arrival", async () => {
    const t = Date.now() - 60_000;
    const deliveries = [
      [
        "Call.CallbackAfterEndCall",
        JSON.stringify({ CallRecord: { CallId: "late-call" }, EventTime: t + 9000 }),
      ],
      [MEMBER, v4MemberBody("late-call", "bob", "Hangup", t + 8000)],
      [MEMBER, v4MemberBody("late-call", "bob", "Accept", t + 3000)],
      ["Call.CallbackAfterStartCall", v4StartBody("late-call", "alice", ["bob"], t)],
    ] as const;
    for (const [command, body] of deliveries)
      expect((await post(v4Query(APP, command, AUTH), body)).status).toBe(200);
    const stored = await eventsForCall(handle.db, "late-call");
    expect(stored.map((e) => [e.userId, e.action])).toEqual([
      ["alice", "started"],
      ["bob", "invited"],
      ["bob", "accepted"],
      ["bob", "hung_up"],
      [null, "ended"],
    ]);
    expect(stored[0]!.at).toBe(new Date(t).toISOString());
  });

  it("acknowledges unknown commands and actions and keeps them raw", async () => {
    const member = await post(
      v4Query(APP, MEMBER, AUTH),
      v4MemberBody("odd-call", "bob", "Teleported", Date.now()),
    );
    expect(await member.json()).toEqual(V4_ACK);
    const command = await post(
      v4Query(APP, "Call.CallbackAfterSomethingNew", AUTH),
      JSON.stringify({ CallId: "odd-call", EventTime: Date.now() + 1, Novel: true }),
    );
    expect(await command.json()).toEqual(V4_ACK);
    const v1 = await post(
      v1Query(APP, "caller_call_failed"),
      v1EventBody("odd-call", "alice", "caller", "call_failed", Date.now() + 2000),
    );
    expect(await v1.json()).toEqual(V1_ACK);
    expect((await eventsForCall(handle.db, "odd-call")).map((e) => [e.kind, e.action])).toEqual([
      ["unknown", "Teleported"],
      ["unknown", "Call.CallbackAfterSomethingNew"],
      ["unknown", "caller_call_failed"],
    ]);
    const raw = await handle.db.execute(
      sql`select body from call_events where call_id = 'odd-call' and action = 'Call.CallbackAfterSomethingNew'`,
    );
    expect(JSON.stringify(raw)).toContain('"Novel":true');
  });

  it("answers 503 with a non-zero ErrorCode when the event cannot be stored, so Tencent retries", async () => {
    failWrites = true;
    try {
      const v4 = await post(
        v4Query(APP, MEMBER, AUTH),
        v4MemberBody("down-call", "bob", "Join", Date.now()),
      );
      expect(v4.status).toBe(503);
      expect(await v4.json()).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 1 });
      const v1 = await post(
        v1Query(APP, "callee_accept_call"),
        v1EventBody("down-call", "bob", "callee", "accept_call", Date.now()),
      );
      expect(v1.status).toBe(503);
      expect((await v1.json()).ErrorCode).not.toBe(0);
    } finally {
      failWrites = false;
    }
    expect(await eventsForCall(handle.db, "down-call")).toEqual([]);
  });
});
