import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase, type DbHandle } from "@/lib/db/client";
import { TEST_DATABASES, createPostgresDatabase } from "@/test/databases";

import { listLiveCalls } from "./live";
import { secondsAfter, stored, v4Start } from "./live-testing";
import { storeEvents } from "./store";

// GET /api/live's answer, from events stored as the receiver stores them, on both databases.

const T = "2026-12-07T10:00:00.000Z";

describe.each(TEST_DATABASES)("live calls on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("lists an open group call with who is ringing, talking or gone, and drops it at its end", async () => {
    await storeEvents(handle.db, v4Start("g1", T, "alice", ["bob", "carol", "dave"], "Video"));
    await storeEvents(handle.db, [
      stored("g1", secondsAfter(T, 4), "bob", "accepted"),
      stored("g1", secondsAfter(T, 6), "carol", "declined"),
    ]);
    const { items, asOf } = await listLiveCalls(handle.db);
    expect(Date.parse(asOf)).toBeGreaterThan(Date.now() - 60_000);
    expect(items).toEqual([
      {
        callId: "g1",
        caller: "alice",
        callees: ["bob", "carol", "dave"],
        callType: "group",
        mediaType: "video",
        startedAt: T,
        participants: [
          { userId: "alice", role: "caller", status: "talking" },
          { userId: "bob", role: "callee", status: "talking" },
          { userId: "carol", role: "callee", status: "declined" },
          { userId: "dave", role: "callee", status: "ringing" },
        ],
      },
    ]);

    await storeEvents(handle.db, [
      stored("g1", secondsAfter(T, 90), null, "ended", { body: { CallRecord: {} } }),
    ]);
    expect((await listLiveCalls(handle.db)).items).toEqual([]);
  });

  it("reads a v1-only call from its own fields, and a ringing 1-to-1 call's caller waits", async () => {
    const body = (userId: string, role: string) => ({
      UserId: userId,
      Role: role,
      MediaType: "audio",
      CallType: "single",
      CallId: "v1c",
      TotalNum: 2,
    });
    await storeEvents(handle.db, [
      stored("v1c", T, "erin", "started", {
        generation: "v1",
        kind: "event",
        body: body("erin", "caller"),
      }),
      stored("v1c", T, "frank", "received", { generation: "v1", body: body("frank", "callee") }),
    ]);
    const item = (await listLiveCalls(handle.db)).items.find((c) => c.callId === "v1c");
    expect(item).toMatchObject({
      caller: "erin",
      callees: ["frank"],
      callType: "single",
      mediaType: "audio",
      participants: [
        { userId: "erin", role: "caller", status: "waiting" },
        { userId: "frank", role: "callee", status: "ringing" },
      ],
    });
  });

  it("shows the newest call first", async () => {
    await storeEvents(handle.db, v4Start("newer", secondsAfter(T, 30), "gina", ["hal"]));
    const ids = (await listLiveCalls(handle.db)).items.map((c) => c.callId);
    expect(ids.indexOf("newer")).toBeLessThan(ids.indexOf("v1c"));
  });
});

describe("two instances on one PostgreSQL", () => {
  let a: DbHandle;
  let b: DbHandle;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const created = await createPostgresDatabase();
    drop = created.drop;
    a = await openDatabase({ databaseUrl: created.url });
    b = await openDatabase({ databaseUrl: created.url });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it("agree on the live list whichever of them received the callbacks", async () => {
    await storeEvents(a.db, v4Start("two", T, "alice", ["bob", "carol"]));
    await storeEvents(b.db, [stored("two", secondsAfter(T, 3), "bob", "accepted")]);
    await storeEvents(a.db, v4Start("other", secondsAfter(T, 5), "dan", ["eve"]));
    const [fromA, fromB] = await Promise.all([listLiveCalls(a.db), listLiveCalls(b.db)]);
    expect(fromA.items).toHaveLength(2);
    expect(fromB.items).toEqual(fromA.items);
    expect(fromB.items.find((c) => c.callId === "two")?.participants).toContainEqual({
      userId: "bob",
      role: "callee",
      status: "talking",
    });

    await storeEvents(b.db, [stored("two", secondsAfter(T, 60), null, "ended")]);
    const [afterA, afterB] = await Promise.all([listLiveCalls(a.db), listLiveCalls(b.db)]);
    expect(afterA.items.map((c) => c.callId)).toEqual(["other"]);
    expect(afterB.items).toEqual(afterA.items);
  });
});
