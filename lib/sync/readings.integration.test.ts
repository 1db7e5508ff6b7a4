import { isDeepStrictEqual } from "node:util";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { READING_CHOICES, type Readings } from "@/emulator/src/readings";
import type { Emulator } from "@/emulator/src/server";
import { control } from "@/lib/trtc/testing";
import { TEST_DATABASES } from "@/test/databases";

import { runSyncPass, WINDOW_MS } from "./engine";
import { readState } from "./state";
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

vi.setConfig({ testTimeout: 180_000 });

// The reduced ambiguity matrix: under each reading of Tencent's docs (emulator/README.md,
// "Readings"), a backfill and an incremental pass leave exactly the emulator's records, no more.

type Case = {
  name: string;
  readings: Partial<Readings>;
  maxPageSize?: number;
  /** Generated calls over the week. */
  calls?: number;
  /** Scripted calls that all start in one second, three hours back. */
  ties?: number;
};

const REDUCED: Case[] = [
  { name: "reads its docs as the reference does", readings: {} },
  { name: "filters on the end time", readings: { filterTimeField: "end" } },
  { name: "filters on any overlap", readings: { filterTimeField: "overlap" } },
  { name: "answers newest first", readings: { filterOrder: "desc" }, maxPageSize: 10 },
  {
    name: "orders ties afresh each time, 10 to a page",
    readings: { filterOrder: "unstable" },
    maxPageSize: 10,
    ties: 25,
  },
  { name: "refuses v1 starts older than 7 days", readings: { v1Window: "reject" } },
  { name: "types v4 CallResult as a number", readings: { v4ResultFormat: "number" } },
  { name: "types v4 RoomIdType as a string", readings: { v4RoomIdTypeFormat: "string" } },
  // What the client sees if Tencent ignores NumberPerPage and applies its documented default of 10.
  { name: "caps pages at 10", readings: {}, maxPageSize: 10, calls: 2000 },
  {
    name: "caps pages at 7, which 100 is no multiple of",
    readings: {},
    maxPageSize: 7,
    calls: 2000,
  },
  {
    name: "filters on end times, newest first, 10 to a page",
    readings: { filterTimeField: "end", filterOrder: "desc" },
    maxPageSize: 10,
    calls: 2000,
  },
];

/**
 * Every combination (`npm run matrix`): 144 cases. RoomIdType's type goes with v1's not-found code,
 * which the sync never sees, so each of its readings meets every other combination without doubling
 * the run. v1 callback casing is not a sync matter (lib/events/v1-callback-case.integration.test.ts).
 */
function fullMatrix(): Case[] {
  const out: Case[] = [];
  for (const filterTimeField of READING_CHOICES.filterTimeField)
    for (const filterOrder of READING_CHOICES.filterOrder)
      for (const v1Window of READING_CHOICES.v1Window)
        for (const v4ResultFormat of READING_CHOICES.v4ResultFormat)
          for (const v1NotFoundCode of [70001, 70404])
            for (const maxPageSize of [10, 100]) {
              const readings: Partial<Readings> = {
                filterTimeField,
                filterOrder,
                v1Window,
                v4ResultFormat,
                v1NotFoundCode,
                v4RoomIdTypeFormat: v1NotFoundCode === 70001 ? "number" : "string",
              };
              const name = `${Object.values(readings).join(" ")} cap ${maxPageSize}`;
              out.push({ name, readings, maxPageSize, calls: 2000, ties: 25 });
            }
  return out;
}

const CASES = process.env.SYNC_MATRIX === "full" ? fullMatrix() : REDUCED;
const table: { case: string; tencent: number; indexed: number; exact: boolean; seconds: number }[] =
  [];
afterAll(() => {
  if (process.env.SYNC_MATRIX === "full") console.table(table);
});

// Named by a plain string: "$name" would be cut at 40 characters, and cases differ at the end.
describe.each(CASES.map((c) => [c.name, c] as const))(
  "the index when Tencent %s",
  (name, { readings, maxPageSize, calls, ties }) => {
    let clock: Clock;
    let emu: Emulator;
    beforeAll(async () => {
      clock = manualClock();
      emu = await emulatorWithClock(clock, calls ?? 400, { readings, maxPageSize });
      const startedAt = clock.now() - 3 * 3600_000;
      for (let i = 0; i < (ties ?? 0); i++)
        await control(emu, "POST", "calls", { caller: `tie_${i}`, callees: ["tie_b"], startedAt });
    });
    afterAll(async () => {
      await emu.close();
    });

    it("holds exactly the emulator's records after a backfill and an incremental pass", async () => {
      const handle = quietPool(await TEST_DATABASES[0]!.open());
      const started = performance.now();
      try {
        const source = sourceFor(emu, clock);
        await runSyncPass(handle.db, source, syncSettings(clock));
        clock.advance(10 * 60_000);
        await control(emu, "POST", "calls", { caller: "matrix_a", callees: ["matrix_b"] });
        clock.advance(5 * 60_000);
        await runSyncPass(handle.db, source, syncSettings(clock));
        const truth = groundTruth(emu, clock.now()).map((c) => expectedRecord(c));
        // The pass does not prune (the loop does): calls that aged out since the backfill stay.
        const windowStart = clock.now() - WINDOW_MS;
        const items = (await indexedRecords(handle.db)).items
          .filter((r) => Date.parse(r.startedAt) >= Math.floor(windowStart / 1000) * 1000)
          .map(comparableRecord);
        items.sort(byCallId);
        truth.sort(byCallId);
        const exact = isDeepStrictEqual(items, truth);
        const seconds = Math.round((performance.now() - started) / 100) / 10;
        table.push({ case: name, tencent: truth.length, indexed: items.length, exact, seconds });
        expect(items.length).toBe(truth.length);
        expect(items).toEqual(truth);
        // Exact, and known to be: no slice left short of Tencent's count.
        expect((await readState(handle.db)).incompleteSlices).toEqual([]);
      } finally {
        await handle.dispose();
      }
    });
  },
);
