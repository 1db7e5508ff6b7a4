import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { openDatabase, type DbHandle } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/executor";
import { eventsForCall, storeEvents } from "@/lib/events/store";
import { control, scriptCall } from "@/lib/trtc/testing";
import { testDatabaseUrl } from "@/test/database-url";
import { TEST_DATABASES } from "@/test/databases";

import type { RecordSource } from "./fetch";
import { createSyncLoop, nextDelayMs, type TickOutcome } from "./loop";
import { readState, updateState } from "./state";
import { getSyncStatus } from "./status";
import {
  groundTruth,
  manualClock,
  quietPool,
  sharedEmulatorWithClock,
  sourceFor,
  syncSettings,
} from "./testing";

// The scheduler: leadership across instances, status, backoff after failures, "sync now" and
// retention, against the emulator over HTTP.

const count = async (
  db: { execute: (q: ReturnType<typeof sql>) => Promise<unknown> },
  table: string,
) =>
  rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

describe("two console instances on one PostgreSQL", () => {
  const clock = manualClock();
  const emu = sharedEmulatorWithClock(clock, 800, { faults: { latencyMs: 5 } });

  it("never sync at once and never duplicate", { timeout: 120_000 }, async () => {
    const first = quietPool(await TEST_DATABASES[1]!.open());
    const u = new URL(testDatabaseUrl());
    u.pathname = `/${rowsOf<{ db: string }>(await first.db.execute(sql`select current_database() as db`))[0]!.db}`;
    const second = quietPool(await openDatabase({ databaseUrl: u.toString() }));
    try {
      // Each instance's upstream traffic is tagged; a request from one while the other has one
      // in flight means both were syncing at the same time.
      const inFlight = { a: 0, b: 0 };
      let overlaps = 0;
      const tagged = (me: "a" | "b"): RecordSource => {
        const real = sourceFor(emu, clock);
        const other = me === "a" ? "b" : "a";
        return {
          listRecordsPage: async (input) => {
            if (inFlight[other] > 0) overlaps++;
            inFlight[me]++;
            try {
              return await real.listRecordsPage(input);
            } finally {
              inFlight[me]--;
            }
          },
        };
      };
      const loopOf = (handle: DbHandle, me: "a" | "b") =>
        createSyncLoop({
          handle,
          source: tagged(me),
          settings: syncSettings(clock, { sliceMs: 6 * 3600_000 }),
          intervalMs: 0, // always due: both try on every tick
          retentionDays: 90,
        });
      const a = loopOf(first, "a");
      const b = loopOf(second, "b");
      const outcomes: TickOutcome[] = [];
      for (let round = 0; round < 4; round++) {
        outcomes.push(...(await Promise.all([a.tick(), b.tick()])));
        await scriptCall(emu, { caller: `dup_${round}`, callees: ["dup_peer"] });
      }
      await a.tick();
      expect(overlaps).toBe(0);
      // In every round one of them found the other holding the lock.
      expect(outcomes.filter((o) => !o.ran && o.reason === "busy").length).toBeGreaterThan(0);
      expect(outcomes.filter((o) => o.ran && o.ok).length).toBeGreaterThanOrEqual(4);
      const truth = groundTruth(emu, clock.now());
      expect(await count(first.db, "indexed_calls")).toBe(truth.length);
      expect(await count(first.db, "indexed_call_participants")).toBe(
        truth.reduce((n, c) => n + 1 + c.callees.length, 0),
      );
    } finally {
      await second.close();
      // pg's Pool.end() does not wait for its sockets to close; let them go before the DROP.
      await new Promise((ok) => setTimeout(ok, 300));
      await first.dispose();
    }
  });
});

describe.each(TEST_DATABASES)("sync loop on $name", ({ open }) => {
  const clock = manualClock();
  const emu = sharedEmulatorWithClock(clock, 200);

  it(
    "reports status, backs off after failures, honours sync now and prunes old calls",
    { timeout: 60_000 },
    async () => {
      const handle = quietPool(await open());
      try {
        const loop = createSyncLoop({
          handle,
          source: sourceFor(emu, clock),
          settings: syncSettings(clock),
          intervalMs: 60_000,
          retentionDays: 3,
        });
        const config = { intervalSeconds: 60, retentionDays: 3, now: clock.now };
        expect((await getSyncStatus(handle.db, config)).state).toBe("never");

        const cutoff = clock.now() - 3 * 86_400_000;
        const event = (callId: string, at: number) => ({
          callId,
          at: new Date(at).toISOString(),
          userId: "alice",
          generation: "v4" as const,
          kind: "end" as const,
          action: "ended",
          rawAction: "Call.CallbackAfterEndCall",
          dedupKey: callId,
          body: {},
        });
        await storeEvents(handle.db, [
          event("old-call", cutoff - 60_000),
          event("recent-call", cutoff + 60_000),
        ]);
        const ok = await loop.tick();
        expect(ok).toMatchObject({ ran: true, ok: true });
        let status = await getSyncStatus(handle.db, config);
        // Retention (3 days) pruned the older part of the 7-day backfill right away.
        const kept = groundTruth(emu, clock.now()).filter((c) => c.startedAt >= cutoff);
        expect(status).toMatchObject({
          state: "ok",
          lagSeconds: 0,
          records: kept.length,
          lastError: null,
        });
        expect(await count(handle.db, "indexed_calls")).toBe(kept.length);
        // Callback events follow the same retention.
        expect(await eventsForCall(handle.db, "old-call")).toEqual([]);
        expect(await eventsForCall(handle.db, "recent-call")).toHaveLength(1);
        expect(await loop.tick()).toEqual({ ran: false, reason: "not-due" });

        // Tencent fails: the error is recorded (with Tencent's code, no URL) and retried with backoff.
        await control(emu, "POST", "faults", { errorRate: 1 });
        clock.advance(60_000);
        const failed = await loop.tick();
        expect(failed).toMatchObject({ ran: true, ok: false });
        status = await getSyncStatus(handle.db, config);
        expect(status.state).toBe("failing");
        expect(status.lastError?.message).toMatch(/listRecordsPage/);
        expect(status.lastError?.message).not.toMatch(/usersig/i);
        expect(status.activity).toBe("idle");
        expect(status.lastPass).toMatchObject({ outcome: "failed", message: /listRecordsPage/ });
        clock.advance(2_000);
        expect(await loop.tick()).toEqual({ ran: false, reason: "not-due" }); // backoff: 5 s first
        clock.advance(4_000);
        expect(await loop.tick()).toMatchObject({ ran: true, ok: false });

        // "Sync now" makes a pass due at once; with Tencent back it succeeds and clears the error.
        await control(emu, "DELETE", "faults");
        await updateState(handle.db, { requestedAt: new Date(clock.now() + 1).toISOString() });
        clock.advance(10);
        expect(await getSyncStatus(handle.db, config)).toMatchObject({
          requested: true,
          activity: "queued",
        });
        await scriptCall(emu, { caller: "now_caller", callees: ["now_callee"] });
        expect(await loop.tick()).toMatchObject({ ran: true, ok: true });
        status = await getSyncStatus(handle.db, config);
        expect(status).toMatchObject({
          state: "ok",
          lastError: null,
          consecutiveFailures: 0,
          requested: false,
          activity: "idle",
          lastPass: { outcome: "finished" },
        });
        expect(status.lastPass).toMatchObject({ records: status.records });
        // Everything Tencent has now (the scripted call, calls that ended meanwhile) minus the pruned.
        const keptNow = groundTruth(emu, clock.now()).filter((c) => c.startedAt >= cutoff);
        expect(keptNow.some((c) => c.caller === "now_caller")).toBe(true);
        expect(status.records).toBe(keptNow.length);
        expect(await count(handle.db, "indexed_calls")).toBe(keptNow.length);
        expect((await readState(handle.db)).prunedTotal).toBeGreaterThan(0);
        await loop.stop();
        // A pass that has started and not ended is running; one abandoned long ago is not.
        await updateState(handle.db, { lastAttemptAt: new Date(clock.now() + 5).toISOString() });
        clock.advance(10);
        expect((await getSyncStatus(handle.db, config)).activity).toBe("running");
        clock.advance(31 * 60_000);
        expect((await getSyncStatus(handle.db, config)).activity).toBe("idle");
      } finally {
        await handle.dispose();
      }
    },
  );
});

describe("a backfill interrupted by a restart", () => {
  const clock = manualClock();
  const emu = sharedEmulatorWithClock(clock, 100);

  it(
    "resumes on the new process's first tick, not a sync interval later",
    { timeout: 60_000 },
    async () => {
      const handle = quietPool(await TEST_DATABASES[0]!.open());
      try {
        const until = clock.now();
        await readState(handle.db);
        // What a process killed a minute into its backfill leaves behind.
        await updateState(handle.db, {
          lastAttemptAt: new Date(clock.now()).toISOString(),
          backfillUntil: new Date(until).toISOString(),
          backfillCursor: new Date(until - 5 * 86_400_000).toISOString(),
        });
        clock.advance(60_000);
        const config = { intervalSeconds: 600, retentionDays: 7, now: clock.now };
        expect((await getSyncStatus(handle.db, config)).state).toBe("backfilling");
        const loop = createSyncLoop({
          handle,
          source: sourceFor(emu, clock),
          settings: syncSettings(clock),
          intervalMs: 600_000,
          retentionDays: 7,
        });
        expect(await loop.tick()).toMatchObject({ ran: true, ok: true });
        expect((await getSyncStatus(handle.db, config)).state).toBe("ok");
        // Once finished, the interval applies again.
        expect(await loop.tick()).toEqual({ ran: false, reason: "not-due" });
        await loop.stop();
      } finally {
        await handle.dispose();
      }
    },
  );
});

describe("backoff", () => {
  it("grows from 5 s and is capped", () => {
    expect(nextDelayMs(0, 60_000, 300_000)).toBe(60_000);
    expect(nextDelayMs(1, 60_000, 300_000)).toBe(5_000);
    expect(nextDelayMs(3, 60_000, 300_000)).toBe(20_000);
    expect(nextDelayMs(20, 60_000, 300_000)).toBe(300_000);
  });
});
