import { createServer } from "node:net";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { Emulator } from "@/emulator/src/server";
import { recordFiltersSchema } from "@/lib/records/filters";
import { listIndexedRecords } from "@/lib/records/query";
import { clientFor, control } from "@/lib/trtc/testing";
import { TEST_DATABASES } from "@/test/databases";

import { runSyncPass } from "./engine";
import { updateState } from "./state";
import { getSyncStatus } from "./status";
import {
  emulatorWithClock,
  groundTruth,
  manualClock,
  quietPool,
  syncSettings,
  type Clock,
} from "./testing";

vi.setConfig({ testTimeout: 180_000 });

// One generation failing for good does not stop the other: v1 without the Group Call package,
// v1 unreachable, v4 refusing the UserSig. The failing one is named with its code, and once back
// it backfills what it missed.

async function indexedIds(db: Parameters<typeof listIndexedRecords>[0]): Promise<string[]> {
  const filters = recordFiltersSchema.parse({ pageSize: "200", sort: "startedAt" });
  const out: string[] = [];
  for (let page = 1; ; page++) {
    const res = await listIndexedRecords(db, { ...filters, page });
    out.push(...res.items.map((r) => r.callId));
    if (res.items.length < filters.pageSize) return out.sort();
  }
}

async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return `http://127.0.0.1:${port}`;
}

describe("generations isolated", () => {
  let clock: Clock;
  let emu: Emulator;
  beforeAll(async () => {
    clock = manualClock();
    emu = await emulatorWithClock(clock, 300);
  });
  afterAll(async () => {
    await emu.close();
  });
  const truthOf = (g: "v4" | "v1") =>
    groundTruth(emu, clock.now(), [g])
      .map((c) => c.callId)
      .sort();
  const settings = () => syncSettings(clock, { pageRetries: 1, retryDelayMs: 1 });
  const config = () => ({ intervalSeconds: 60, retentionDays: 7, now: clock.now });

  it("v1 without the Group Call package: v4 syncs, v1 is named, and backfills once it is back", async () => {
    const handle = quietPool(await TEST_DATABASES[0]!.open());
    try {
      await control(emu, "POST", "faults", { errorRate: 1, errorCode: 50001, onlyPaths: ["/v1/"] });
      const source = clientFor(emu, { recordsApi: "both" }, { now: clock.now }).client;
      const reports = await runSyncPass(handle.db, source, settings());
      expect(reports.at(-1)!.unavailable).toEqual([
        expect.objectContaining({ generation: "v1", code: 50001 }),
      ]);
      expect(await indexedIds(handle.db)).toEqual(truthOf("v4"));
      await updateState(handle.db, {
        lastRun: { records: 0, pruned: 0, passes: reports },
        lastSuccessAt: new Date(clock.now()).toISOString(),
      });
      const status = await getSyncStatus(handle.db, config());
      expect(status.unavailable).toEqual([
        expect.objectContaining({ generation: "v1", code: 50001, requestId: expect.any(String) }),
      ]);

      await control(emu, "DELETE", "faults");
      clock.advance(60_000);
      const again = await runSyncPass(handle.db, source, settings());
      expect(again.some((r) => r.unavailable)).toBe(false);
      const both = [...new Set([...truthOf("v4"), ...truthOf("v1")])].sort();
      expect(await indexedIds(handle.db)).toEqual(both);
    } finally {
      await control(emu, "DELETE", "faults");
      await handle.dispose();
    }
  });

  it("v1 unreachable: v4 still syncs", async () => {
    const handle = quietPool(await TEST_DATABASES[0]!.open());
    try {
      const source = clientFor(
        emu,
        { recordsApi: "both", callkitBaseUrl: await closedPort() },
        { now: clock.now },
      ).client;
      const reports = await runSyncPass(handle.db, source, settings());
      expect(reports.at(-1)!.unavailable).toEqual([
        expect.objectContaining({ generation: "v1", code: "NETWORK" }),
      ]);
      expect(await indexedIds(handle.db)).toEqual(truthOf("v4"));
    } finally {
      await handle.dispose();
    }
  });

  it("v4 refusing the UserSig: v1 still syncs, v4 is named with Tencent's code", async () => {
    const handle = quietPool(await TEST_DATABASES[0]!.open());
    try {
      await control(emu, "POST", "faults", { errorRate: 1, errorCode: 70003, onlyPaths: ["/v4/"] });
      const source = clientFor(emu, { recordsApi: "both" }, { now: clock.now }).client;
      const reports = await runSyncPass(handle.db, source, settings());
      expect(reports.at(-1)!.unavailable).toEqual([
        expect.objectContaining({ generation: "v4", code: 70003 }),
      ]);
      expect(await indexedIds(handle.db)).toEqual(truthOf("v1"));
    } finally {
      await control(emu, "DELETE", "faults");
      await handle.dispose();
    }
  });
});
