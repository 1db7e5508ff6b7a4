import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase, type DbHandle } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/executor";
import { quietPool } from "@/lib/sync/testing";
import { createPostgresDatabase } from "@/test/databases";

import { startReceiverChild, type ReceiverChild } from "./fixtures/start-receiver-child";
import { listLiveCalls } from "./live";
import { v4MemberBody, v4Query, v4StartBody } from "./testing";

// Two console instances behind one load balancer: Tencent's deliveries for one call land on
// either, and a retry may land on the other. Each receiver runs in its own process, as it would.

const APP = 1400123456;
const CALL = "two-instances-call";

type Instance = ReceiverChild;

async function deliver(to: Instance, command: string, body: string): Promise<void> {
  const res = await fetch(`${to.url}/api/tencent/callbacks/${to.token}?${v4Query(APP, command)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ErrorCode: 0 });
}

const endBody = (atMs: number) =>
  JSON.stringify({
    CallbackCommand: "Call.CallbackAfterEndCall",
    CallRecord: { CallId: CALL, EndTime: Math.floor(atMs / 1000) },
    EventTime: atMs,
  });

describe("two receiver instances on one PostgreSQL database", () => {
  let drop: () => Promise<void>;
  let readerA: DbHandle;
  let readerB: DbHandle;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    const created = await createPostgresDatabase();
    drop = created.drop;
    // Migrated here first, so the two instances start on a ready schema at the same moment.
    readerA = quietPool(await openDatabase({ databaseUrl: created.url }));
    readerB = quietPool(await openDatabase({ databaseUrl: created.url }));
    [a, b] = await Promise.all([
      startReceiverChild(created.url, APP),
      startReceiverChild(created.url, APP),
    ]);
  }, 30_000);

  afterAll(async () => {
    for (const i of [a, b]) {
      if (i && i.child.exitCode === null) {
        const gone = new Promise((ok) => i.child.once("exit", ok));
        i.child.kill("SIGTERM");
        await gone;
      }
    }
    await readerA?.close();
    await readerB?.close();
    await drop?.();
  });

  /** GET /api/live as each instance would answer it, through its own connections. */
  async function liveOnBoth() {
    const [fromA, fromB] = await Promise.all([
      listLiveCalls(readerA.db),
      listLiveCalls(readerB.db),
    ]);
    return { a: fromA.items, b: fromB.items };
  }

  it("both receive, every event is stored once, and the live list agrees on both", async () => {
    expect(a.token).toBe(b.token); // one token for the whole deployment
    const t0 = Date.now() - 10_000;

    await deliver(
      a,
      "Call.CallbackAfterStartCall",
      v4StartBody(CALL, "alice", ["bob", "carol"], t0),
    );
    const accepted = v4MemberBody(CALL, "bob", "Accept", t0 + 2_000);
    await deliver(b, "Call.CallbackAfterMemberChanged", accepted);
    await deliver(
      b,
      "Call.CallbackAfterMemberChanged",
      v4MemberBody(CALL, "carol", "Reject", t0 + 3_000),
    );
    // Tencent retries a delivery whose answer it did not get; this time it lands on A.
    await deliver(a, "Call.CallbackAfterMemberChanged", accepted);

    const open = await liveOnBoth();
    expect(open.a).toEqual(open.b);
    expect(open.a).toEqual([
      expect.objectContaining({
        callId: CALL,
        caller: "alice",
        callees: ["bob", "carol"],
        participants: [
          { userId: "alice", role: "caller", status: "talking" },
          { userId: "bob", role: "callee", status: "talking" },
          { userId: "carol", role: "callee", status: "declined" },
        ],
      }),
    ]);

    await deliver(a, "Call.CallbackAfterEndCall", endBody(t0 + 8_000));

    const ended = await liveOnBoth();
    expect(ended.a).toEqual([]);
    expect(ended.b).toEqual([]);

    // Three start events (alice started, bob and carol invited), two member changes, the end.
    const stored = rowsOf<{ action: string; user_id: string | null; n: number }>(
      await readerB.db.execute(
        sql`select action, user_id, count(*)::int as n from call_events where call_id = ${CALL}
            group by action, user_id order by action, user_id`,
      ),
    );
    expect(stored).toEqual([
      { action: "accepted", user_id: "bob", n: 1 },
      { action: "declined", user_id: "carol", n: 1 },
      { action: "ended", user_id: null, n: 1 },
      { action: "invited", user_id: "bob", n: 1 },
      { action: "invited", user_id: "carol", n: 1 },
      { action: "started", user_id: "alice", n: 1 },
    ]);
  }, 20_000);
});
