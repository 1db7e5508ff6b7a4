import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase, type DbHandle } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/executor";
import { TrtcError } from "@/lib/trtc/errors";
import { clientFor, scriptCall, sharedEmulator } from "@/lib/trtc/testing";
import { TEST_DATABASES, createPostgresDatabase } from "@/test/databases";

import { listLiveCalls } from "./live";
import { v4Start } from "./live-testing";
import {
  closeStaleCalls,
  GIVE_UP_AFTER_MS,
  STALE_RULE,
  type StaleCheckSource,
} from "./stale-calls";
import { storeEvents } from "./store";

// Calls whose end callback never came, checked against the emulator over real HTTP.

const emu = sharedEmulator();
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

async function endOf(db: DbHandle["db"], callId: string) {
  const result = await db.execute(
    sql`select ended_at, end_reason, checked_at from event_calls where call_id = ${callId}`,
  );
  const r = rowsOf<{ ended_at: string | Date | null; end_reason: string | null }>(result)[0];
  return {
    endedAt: r?.ended_at ? new Date(r.ended_at).toISOString() : null,
    reason: r?.end_reason,
  };
}

describe.each(TEST_DATABASES)("stale-call closer on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("closes a quiet call Tencent no longer has, keeps one it still has, and leaves recent ones alone", async () => {
    const { client } = clientFor(emu);
    const live = await scriptCall(emu, { caller: "alice", callees: ["bob"], live: true });
    await storeEvents(handle.db, v4Start("gone-1", minutesAgo(5), "carol", ["dave"]));
    await storeEvents(handle.db, v4Start(live.callId, minutesAgo(5), "alice", ["bob"]));
    await storeEvents(handle.db, v4Start("fresh-1", minutesAgo(0.2), "erin", ["frank"]));

    const report = await closeStaleCalls(handle.db, client);
    expect(report).toEqual({ checked: 2, closed: [{ callId: "gone-1", reason: "not_live" }] });
    const ids = (await listLiveCalls(handle.db)).items.map((c) => c.callId);
    expect(ids).toContain(live.callId);
    expect(ids).toContain("fresh-1");
    expect(ids).not.toContain("gone-1");

    // Checked a moment ago by this or another instance: not asked about again yet.
    expect((await closeStaleCalls(handle.db, client)).checked).toBe(0);
    const later = new Date(Date.now() + STALE_RULE.recheckAfterMs + 1_000);
    expect(await closeStaleCalls(handle.db, client, { now: later })).toEqual({
      checked: 1,
      closed: [],
    });
  });

  it("takes the end time from the record when Tencent has written it", async () => {
    const ended = await scriptCall(emu, {
      caller: "gina",
      callees: ["hal"],
      startedAt: minutesAgo(10),
      endAfterMs: 90_000,
    });
    await storeEvents(handle.db, v4Start(ended.callId, minutesAgo(10), "gina", ["hal"]));
    const { client } = clientFor(emu);
    const report = await closeStaleCalls(handle.db, client);
    expect(report.closed).toContainEqual({ callId: ended.callId, reason: "record" });
    expect(await endOf(handle.db, ended.callId)).toEqual({
      // Records carry whole seconds.
      endedAt: new Date(Math.floor((ended.startedAt + 90_000) / 1000) * 1000).toISOString(),
      reason: "record",
    });
  });

  it("keeps a call open while Tencent cannot be asked, and gives up on it after a day", async () => {
    const failing: StaleCheckSource = {
      getCallInfo: () =>
        Promise.reject(
          new TrtcError({ generation: "v4", operation: "getCallInfo", code: 101001, message: "x" }),
        ),
      getRecord: () => Promise.reject(new Error("not reached")),
    };
    await storeEvents(handle.db, v4Start("unsure-1", minutesAgo(3), "ivy", ["jon"]));
    expect((await closeStaleCalls(handle.db, failing)).closed).toEqual([]);
    expect((await endOf(handle.db, "unsure-1")).reason).toBeNull();

    const nextDay = new Date(Date.now() + GIVE_UP_AFTER_MS);
    expect((await closeStaleCalls(handle.db, failing, { now: nextDay })).closed).toContainEqual({
      callId: "unsure-1",
      reason: "expired",
    });
  });

  it("asks about a call open for hours even when its events keep coming", async () => {
    const { client } = clientFor(emu);
    const start = v4Start("long-1", minutesAgo(7 * 60), "kim", ["lee"]);
    await storeEvents(handle.db, start);
    await storeEvents(handle.db, [
      { ...start[1]!, at: minutesAgo(0.1), dedupKey: "long-1:recent" },
    ]);
    expect((await closeStaleCalls(handle.db, client)).closed).toContainEqual({
      callId: "long-1",
      reason: "not_live",
    });
  });
});

describe("stale-call closer in two instances on one PostgreSQL", () => {
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

  it("asks Tencent once per call however many instances run a round at once", async () => {
    for (let i = 0; i < 6; i++) {
      await storeEvents(a.db, v4Start(`race-${i}`, minutesAgo(5), "amy", [`b${i}`]));
    }
    const asked: string[] = [];
    const { client } = clientFor(emu);
    const counting: StaleCheckSource = {
      getCallInfo: (id) => {
        asked.push(id);
        return client.getCallInfo(id);
      },
      getRecord: (id) => client.getRecord(id),
    };
    const [ra, rb] = await Promise.all([
      closeStaleCalls(a.db, counting),
      closeStaleCalls(b.db, counting),
    ]);
    expect(ra.checked + rb.checked).toBe(6);
    expect(asked.toSorted()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `race-${i}`));
    expect((await listLiveCalls(b.db)).items).toEqual([]);
  });
});
