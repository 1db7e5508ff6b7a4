import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { Emulator } from "@/emulator/src/server";
import { control } from "@/lib/trtc/testing";
import { TEST_DATABASES } from "@/test/databases";

import { runSyncPass } from "./engine";
import { readState, updateState } from "./state";
import { getSyncStatus } from "./status";
import {
  emulatorWithClock,
  indexedRecords,
  manualClock,
  quietPool,
  sourceFor,
  syncSettings,
  type Clock,
} from "./testing";

vi.setConfig({ testTimeout: 180_000 });

// Tencent counts a call its pages never list (the emulator's `hiddenCallIds` fault): the slice
// stays short after every re-read, so the status names it with both counts, and every pass reads
// it again until it is whole. The call starts 30 h back, outside the incremental overlap, so only
// the re-read of the stored slice can bring it in.

describe("a slice that stays short of Tencent's count", () => {
  let clock: Clock;
  let emu: Emulator;
  beforeAll(async () => {
    clock = manualClock();
    emu = await emulatorWithClock(clock, 300);
  });
  afterAll(async () => {
    await emu.close();
  });
  const config = () => ({ intervalSeconds: 60, retentionDays: 7, now: clock.now });

  it("is shown as incomplete with both counts, kept while short, and cleared once read in full", async () => {
    const handle = quietPool(await TEST_DATABASES[0]!.open());
    try {
      const startedAt = clock.now() - 30 * 3600_000;
      const call = (await control(emu, "POST", "calls", {
        caller: "short_a",
        callees: ["short_b"],
        startedAt,
      })) as { callId: string };
      await control(emu, "POST", "faults", { hiddenCallIds: [call.callId] });
      const source = sourceFor(emu, clock);
      const indexedIds = async () => (await indexedRecords(handle.db)).items.map((r) => r.callId);

      // Left by an earlier run, out of the window now: Tencent no longer serves it, so it goes.
      const aged = clock.now() - 8 * 24 * 3600_000;
      const stale = { generation: "v4", expected: 3, got: 2 };
      await readState(handle.db); // the row exists from here on
      await updateState(handle.db, {
        incompleteSlices: [
          { ...stale, from: new Date(aged).toISOString(), to: new Date(aged + 1000).toISOString() },
        ],
      });
      const first = await runSyncPass(handle.db, source, syncSettings(clock));
      expect(first.at(-1)!.incomplete).toBe(2);
      let status = await getSyncStatus(handle.db, config());
      const second = Math.floor(startedAt / 1000) * 1000;
      expect(status.incomplete).toEqual(
        (["v1", "v4"] as const).map((generation) => ({
          generation,
          from: new Date(second).toISOString(),
          to: new Date(second + 1000).toISOString(),
          expected: 1,
          got: 0,
        })),
      );
      expect(await indexedIds()).not.toContain(call.callId);

      clock.advance(60_000);
      await runSyncPass(handle.db, source, syncSettings(clock));
      status = await getSyncStatus(handle.db, config());
      expect(status.incomplete.map((s) => [s.generation, s.expected, s.got])).toEqual([
        ["v1", 1, 0],
        ["v4", 1, 0],
      ]);

      await control(emu, "DELETE", "faults");
      clock.advance(60_000);
      const last = await runSyncPass(handle.db, source, syncSettings(clock));
      expect(last.at(-1)!.incomplete).toBe(0);
      expect((await getSyncStatus(handle.db, config())).incomplete).toEqual([]);
      expect(await indexedIds()).toContain(call.callId);
    } finally {
      await control(emu, "DELETE", "faults");
      await handle.dispose();
    }
  });
});
