import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import type { Emulator } from "@/emulator/src/server";
import { recordFiltersSchema } from "@/lib/records/filters";
import { findIndexedCall, listIndexedRecords } from "@/lib/records/query";
import { control, scriptCall } from "@/lib/trtc/testing";
import { TEST_DATABASES } from "@/test/databases";

import { runSyncPass, WINDOW_MS } from "./engine";
import type { RecordSource } from "./fetch";
import { msOf, readState } from "./state";
import {
  byCallId,
  comparableRecord,
  emulatorWithClock,
  indexedRecords,
  expectedRecord,
  groundTruth,
  manualClock,
  quietPool,
  sourceFor,
  syncSettings,
  type Clock,
} from "./testing";

// Each case reads the whole 7-day window over HTTP; on a busy 2-core machine that can take a while.
vi.setConfig({ testTimeout: 120_000 });

// The sync against the emulator over real HTTP, on PGlite and on PostgreSQL: what the index holds
// must be exactly what Tencent (the emulator) would return, field for field.

describe.each(TEST_DATABASES)("record sync on $name", ({ open }) => {
  let clock: Clock;
  let emu: Emulator;
  let handle: Awaited<ReturnType<typeof open>>;
  let source: RecordSource;

  beforeAll(async () => {
    clock = manualClock();
    emu = await emulatorWithClock(clock, 400);
    source = sourceFor(emu, clock);
  });
  afterAll(async () => {
    await emu.close();
  });
  afterEach(async () => {
    await handle?.dispose();
  });

  it("backfills exactly the emulator's records for the window (count and content)", async () => {
    handle = quietPool(await open());
    const [backfill] = await runSyncPass(handle.db, source, syncSettings(clock));
    expect(backfill?.kind).toBe("backfill");
    const truth = groundTruth(emu, clock.now());
    expect(truth.length).toBeGreaterThan(300);
    const { items, total } = await indexedRecords(handle.db);
    expect(total).toBe(truth.length);
    expect(items.map(comparableRecord).sort(byCallId)).toEqual(
      truth.map((c) => expectedRecord(c)).sort(byCallId),
    );
    // Ring and talk time are stored for filtering and sorting.
    const answered = items.find((r) => r.acceptedAt && r.endedAt)!;
    expect(answered.talkSeconds).toBe(
      (Date.parse(answered.endedAt!) - Date.parse(answered.acceptedAt!)) / 1000,
    );
    // A second pass finds every slice unchanged and writes nothing.
    const [again] = await runSyncPass(handle.db, source, syncSettings(clock));
    expect(again).toMatchObject({ kind: "incremental", written: 0 });
    expect(again!.unchangedSlices).toBe(again!.slices);
  });

  it("picks up a long call whose record appears hours after it started", async () => {
    handle = quietPool(await open());
    await runSyncPass(handle.db, source, syncSettings(clock));
    const long = await scriptCall(emu, {
      caller: "late_caller",
      callees: ["late_callee"],
      startedAt: clock.now() - 3 * 3600_000,
      acceptAfterMs: 5_000,
      endAfterMs: 3 * 3600_000 + 60_000, // still going: ends a minute from now
    });
    await runSyncPass(handle.db, source, syncSettings(clock));
    expect(await findIndexedCall(handle.db, long.callId)).toBeNull();

    clock.advance(90_000);
    await runSyncPass(handle.db, source, syncSettings(clock));
    const found = await findIndexedCall(handle.db, long.callId);
    expect(found?.record).toMatchObject({
      caller: "late_caller",
      callees: ["late_callee"],
      result: "NormalEnd",
    });
    expect(found?.record.talkSeconds).toBe(3 * 3600 + 55);
    const { total } = await indexedRecords(handle.db);
    expect(total).toBe(groundTruth(emu, clock.now()).length);
  });

  it("merges v1 and v4 copies into one row that remembers both, also across passes", async () => {
    handle = quietPool(await open());
    const both = await scriptCall(emu, {
      caller: "m_alice",
      callees: ["m_bob"],
      generations: ["v1", "v4"],
    });
    const v1Only = await scriptCall(emu, {
      caller: "m_carol",
      callees: ["m_dave"],
      generations: ["v1"],
    });
    // First only v4 is read, then both: the v1 copies must merge into the existing rows.
    await runSyncPass(handle.db, source, syncSettings(clock, { generations: ["v4"] }));
    expect((await findIndexedCall(handle.db, both.callId))?.sources).toEqual(["v4"]);
    expect(await findIndexedCall(handle.db, v1Only.callId)).toBeNull();
    // Where the index is complete from stays the first backfill's window start.
    const indexedFrom = new Date(clock.now() - WINDOW_MS).toISOString();
    expect(msOf((await readState(handle.db)).indexedFrom)).toBe(Date.parse(indexedFrom));
    clock.advance(60_000); // the v1 backfill reads a later window
    await runSyncPass(handle.db, source, syncSettings(clock));
    expect(msOf((await readState(handle.db)).indexedFrom)).toBe(Date.parse(indexedFrom));
    const merged = await findIndexedCall(handle.db, both.callId);
    expect(merged?.sources).toEqual(["v4", "v1"]);
    expect(merged?.record.roomIdType).not.toBeNull(); // v4's RoomIdType kept
    expect((await findIndexedCall(handle.db, v1Only.callId))?.sources).toEqual(["v1"]);
    const { total } = await indexedRecords(handle.db);
    expect(total).toBe(groundTruth(emu, clock.now()).length);
  });

  it("finds a user's calls in both directions", async () => {
    handle = quietPool(await open());
    const out = await scriptCall(emu, { caller: "dir_user", callees: ["dir_other"] });
    const inbound = await scriptCall(emu, {
      caller: "dir_other2",
      callees: ["x_1", "dir_user"],
      callType: "group",
    });
    await runSyncPass(handle.db, source, syncSettings(clock));
    const page = await listIndexedRecords(
      handle.db,
      recordFiltersSchema.parse({ user: "dir_user" }),
    );
    expect(page.total).toBe(2);
    expect(page.items.map((r) => r.callId).sort()).toEqual([out.callId, inbound.callId].sort());
    // A busy generated user: the index agrees with the emulator's own per-user listing.
    const someone = groundTruth(emu, clock.now())[0]!.caller;
    const truth = groundTruth(emu, clock.now()).filter(
      (c) => c.caller === someone || c.callees.includes(someone),
    );
    const res = await listIndexedRecords(
      handle.db,
      recordFiltersSchema.parse({ user: someone, pageSize: "200" }),
    );
    expect(res.total).toBe(truth.length);
    expect(res.items.every((r) => r.caller === someone || r.callees.includes(someone))).toBe(true);
  });

  it("keeps a call past Tencent's 7 days and serves it from the archive", async () => {
    handle = quietPool(await open());
    const call = await scriptCall(emu, { caller: "arch_a", callees: ["arch_b"], result: "Reject" });
    await runSyncPass(handle.db, source, syncSettings(clock));
    clock.advance(WINDOW_MS + 3600_000);
    try {
      // Tencent no longer has it...
      const upstream = await sourceFor(emu, clock).getRecord(call.callId);
      expect(upstream.record).toBeNull();
      await runSyncPass(handle.db, source, syncSettings(clock));
      // ...the index still does, marked as archived.
      const archived = await findIndexedCall(handle.db, call.callId);
      expect(archived).toMatchObject({ archived: true, sources: ["v4", "v1"] });
      expect(archived?.record).toMatchObject({
        caller: "arch_a",
        callees: ["arch_b"],
        result: "Reject",
      });
      expect(Date.parse(archived!.lastSyncedAt)).toBeGreaterThan(0);
    } finally {
      clock.advance(-(WINDOW_MS + 3600_000));
    }
  });

  it("records the checkpoint in the database", async () => {
    handle = quietPool(await open());
    await runSyncPass(handle.db, source, syncSettings(clock));
    const state = await readState(handle.db);
    expect(state.backfilledAt).not.toBeNull();
    expect(Date.parse(state.syncedThrough!)).toBe(clock.now());
  });
});

// Control endpoint sanity: the emulator must be on our manual clock for the tests above to hold.
describe("test set-up", () => {
  it("the emulator follows the injected clock", async () => {
    const clock = manualClock();
    const emu = await emulatorWithClock(clock, 10);
    try {
      const view = (await control(emu, "GET", "clock")) as { nowMs: number };
      expect(view.nowMs).toBe(clock.now());
    } finally {
      await emu.close();
    }
  });
});
