import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startEmulator, type Emulator } from "@/emulator/src/server";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { groundTruth, quietPool } from "@/lib/sync/testing";
import { V1_RECORD_BY_ID } from "@/lib/trtc/records";
import { control } from "@/lib/trtc/testing";
import { createPostgresDatabase } from "@/test/databases";

import { startInstanceChild, type InstanceChild } from "./fixtures/start-instance-child";

// Three console instances, each its own process with its own pool, on one PostgreSQL and one
// Tencent app (the emulator, with Tencent's documented limits on): a burst of lookups and a sync
// together never draw 60007/70005, which three separate per-process budgets do.

const PERIOD_MS = 1_000;
const TTL_MS = 6_000;
const LOOKUPS_EACH = 40;

type Counts = { byPath: Record<string, { total: number }>; rateLimited: number };
type Status = { status: { fraction: number; instances: number } | null; fraction: number };

describe("three instances sharing Tencent's per-app limits", () => {
  let emu: Emulator;
  let db: { url: string; drop: () => Promise<void> };
  let migrated: DbHandle;
  let callIds: string[];
  const running: InstanceChild[] = [];

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, calls: 600, seed: 11, recordDelayMs: 0, rateLimit: true });
    db = await createPostgresDatabase();
    // Migrated here first, so the instances start on a ready schema at the same moment.
    migrated = quietPool(await openDatabase({ databaseUrl: db.url }));
    callIds = groundTruth(emu, Date.now())
      .filter((c) => c.state === "ended" && c.generations.length === 2)
      .map((c) => c.callId);
    expect(callIds.length).toBeGreaterThanOrEqual(LOOKUPS_EACH * 6);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(running.map((i) => i.stop()));
    await migrated?.close();
    await db?.drop();
    await emu?.close();
  });

  async function fleet(solo: boolean): Promise<InstanceChild[]> {
    const options = { db: db.url, emulatorUrl: emu.url, periodMs: PERIOD_MS, ttlMs: TTL_MS, solo };
    const started = await Promise.all([1, 2, 3].map(() => startInstanceChild(options)));
    running.push(...started);
    return started;
  }

  const counts = async () => (await control(emu, "GET", "requests")) as Counts;
  async function freshCounts(): Promise<void> {
    // Also empties the emulator's rate-limit windows, so each case starts at a clean second.
    await control(emu, "POST", "faults", { rateLimit: true });
    await control(emu, "DELETE", "requests");
  }
  const burst = (instances: InstanceChild[], ids: string[]) =>
    Promise.all(
      instances.map((i, n) =>
        i.send<Record<string, number>>({
          op: "lookups",
          callIds: ids.slice(n * LOOKUPS_EACH, (n + 1) * LOOKUPS_EACH),
        }),
      ),
    );

  it("control: three instances each keeping the whole limit send too much, and Tencent refuses some", async () => {
    const solo = await fleet(true);
    await freshCounts();
    await burst(solo, callIds.slice(0, LOOKUPS_EACH * 3));
    expect((await counts()).rateLimited).toBeGreaterThan(0);
    await Promise.all(solo.map((i) => i.stop()));
  }, 120_000);

  it("leased: a burst of lookups and a sync on three instances starting together draw no 60007/70005", async () => {
    await freshCounts();
    const instances = await fleet(false);
    const ids = callIds.slice(LOOKUPS_EACH * 3, LOOKUPS_EACH * 6);
    const burstStarted = performance.now();
    const [served, synced] = await Promise.all([
      burst(instances, ids),
      instances[0]!.send<{ written: number }>({ op: "sync" }),
    ]);
    const burstSeconds = (performance.now() - burstStarted) / 1000;
    expect(served).toEqual([1, 2, 3].map(() => ({ found: LOOKUPS_EACH })));
    expect(synced.written).toBeGreaterThan(0);
    const after = await counts();
    expect(after.rateLimited).toBe(0);
    // More v1 by-ID requests than one second's limit: the limit was really pressed.
    expect(after.byPath[V1_RECORD_BY_ID]?.total).toBeGreaterThan(20);

    // Now indexed, the same calls cost no v1 request at all.
    await freshCounts();
    const started = performance.now();
    const again = await burst(instances, ids);
    const seconds = (performance.now() - started) / 1000;
    expect(again).toEqual([1, 2, 3].map(() => ({ found: LOOKUPS_EACH })));
    const indexed = await counts();
    expect(indexed.byPath[V1_RECORD_BY_ID]).toBeUndefined();
    expect(indexed.rateLimited).toBe(0);
    console.info(
      `fleet: ${ids.length} lookups of calls not yet indexed, with a sync, in ` +
        `${burstSeconds.toFixed(2)} s (${(ids.length / burstSeconds).toFixed(0)}/s); ` +
        `${ids.length} indexed lookups on 3 instances in ${seconds.toFixed(2)} s ` +
        `(${(ids.length / seconds).toFixed(0)}/s), 0 v1 by-ID requests`,
    );
  }, 120_000);

  it("when one instance's lease lapses, the other two take its share; it sends nothing meanwhile", async () => {
    const [a, b, c] = running.slice(-3) as [InstanceChild, InstanceChild, InstanceChild];
    const fractions = async () =>
      Promise.all([a, b, c].map(async (i) => (await i.send<Status>({ op: "status" })).fraction));
    await expect.poll(fractions, { timeout: 20_000, interval: 250 }).toEqual([0.3, 0.3, 0.3]);

    await c.send({ op: "stop" }); // stops renewing, as a hung or cut-off instance would
    await expect
      .poll(fractions, { timeout: TTL_MS + 10_000, interval: 250 })
      .toEqual([0.45, 0.45, 0]);
  }, 60_000);
});
