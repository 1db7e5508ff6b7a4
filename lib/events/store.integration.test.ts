import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { TEST_DATABASES } from "@/test/databases";

import { callbackStats, callbackToken, recordRejection } from "./callback-state";
import { closeCall, eventsForCall, openCalls, pruneEventsBefore, storeEvents } from "./store";
import type { NewCallEvent } from "./types";

function event(callId: string, at: string, over: Partial<NewCallEvent> = {}): NewCallEvent {
  const e = {
    callId,
    at,
    userId: "bob",
    generation: "v4" as const,
    kind: "member" as const,
    action: "accepted",
    rawAction: "Accept",
    body: { CallId: callId },
    ...over,
  };
  return { dedupKey: `${callId}:${at}:${e.userId}:${e.action}`, ...e };
}

describe.each(TEST_DATABASES)("event store on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("stores a retried delivery once and orders events by their own time", async () => {
    const late = event("c1", "2026-12-07T10:00:05.000Z", {
      action: "hung_up",
      rawAction: "Hangup",
    });
    const early = event("c1", "2026-12-07T10:00:01.000Z", { action: "started", userId: "alice" });
    expect(await storeEvents(handle.db, [late])).toBe(1);
    expect(await storeEvents(handle.db, [late])).toBe(0);
    expect(await storeEvents(handle.db, [early])).toBe(1);
    const events = await eventsForCall(handle.db, "c1");
    expect(events.map((e) => e.action)).toEqual(["started", "hung_up"]);
    expect(events[0]).toMatchObject({ userId: "alice", generation: "v4", kind: "member" });
  });

  it("keeps a call open until its end callback, even when the end arrives first", async () => {
    const end = event("c2", "2026-12-07T10:01:00.000Z", {
      kind: "end",
      userId: null,
      action: "ended",
    });
    await storeEvents(handle.db, [end]);
    await storeEvents(handle.db, [event("c2", "2026-12-07T10:00:00.000Z", { kind: "start" })]);
    await storeEvents(handle.db, [event("c3", "2026-12-07T10:00:30.000Z", { kind: "start" })]);
    const open = (await openCalls(handle.db)).map((c) => c.callId);
    expect(open).toContain("c3");
    expect(open).not.toContain("c2");
    await closeCall(handle.db, "c3", "not_live", "2026-12-07T10:05:00.000Z");
    expect((await openCalls(handle.db)).map((c) => c.callId)).not.toContain("c3");
  });

  it("counts events and rejections per generation", async () => {
    await recordRejection(handle.db, "v1", "token");
    await recordRejection(handle.db, "v1", "token");
    const v1 = await callbackStats(handle.db, "v1");
    expect(v1).toMatchObject({ rejectedLastDay: 2, eventsLastHour: 0, lastEventAt: null });
    const v4 = await callbackStats(handle.db, "v4");
    expect(v4.eventsLastHour).toBeGreaterThanOrEqual(4);
    expect(v4.lastEventAt).not.toBeNull();
  });

  it("makes one token and hands every caller the same", async () => {
    const [a, b] = await Promise.all([callbackToken(handle.db), callbackToken(handle.db)]);
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(40);
  });

  it("prunes events older than the retention", async () => {
    const removed = await pruneEventsBefore(handle.db, new Date("2026-12-07T10:00:02.000Z"));
    expect(removed).toBe(2);
    expect((await eventsForCall(handle.db, "c1")).map((e) => e.action)).toEqual(["hung_up"]);
  });
});
