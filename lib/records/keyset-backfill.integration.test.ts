import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Emulator } from "@/emulator/src/server";
import type { Db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/executor";
import { runSyncPass } from "@/lib/sync/engine";
import {
  emulatorWithClock,
  groundTruth,
  manualClock,
  quietPool,
  sourceFor,
  syncSettings,
} from "@/lib/sync/testing";
import { TEST_DATABASES } from "@/test/databases";

import { recordFiltersSchema } from "./filters";
import { listIndexedRecords } from "./query";

// A first backfill of over 3,000 emulator calls over real HTTP, and GET /api/records's query paged
// 100 at a time by cursor while it writes. Offset paging returned 2,951 items but 462 distinct
// calls here (issue 26); the walk must return each call indexed when it began exactly once.

vi.setConfig({ testTimeout: 300_000 });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function indexedIds(db: Db): Promise<string[]> {
  const res = await db.execute(sql`select call_id from indexed_calls`);
  return rowsOf<{ call_id: string }>(res).map((r) => r.call_id);
}

async function walk(db: Db, sort: string, between: () => Promise<void>) {
  const seen: string[] = [];
  const totals = new Set<number>();
  let cursor: string | null = null;
  for (let page = 1; ; page++) {
    const query = { sort, pageSize: "100", ...(cursor ? { cursor } : {}) };
    const res = await listIndexedRecords(db, recordFiltersSchema.parse(query));
    expect(res.page).toBe(page);
    seen.push(...res.items.map((r) => r.callId));
    totals.add(res.total);
    if (!res.nextCursor) return { seen, totals: [...totals] };
    cursor = res.nextCursor;
    await between();
  }
}

describe.each(TEST_DATABASES)("keyset paging during a first backfill on $name", ({ open }) => {
  let emu: Emulator | undefined;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  afterEach(async () => {
    await handle?.dispose();
    await emu?.close();
  });

  it.each(["-startedAt", "startedAt"])(
    "sort=%s: every call indexed when paging began, exactly once",
    async (sort) => {
      const clock = manualClock();
      // Latency keeps the backfill writing for the whole walk on a fast machine.
      emu = await emulatorWithClock(clock, 3400, { faults: { latencyMs: 15 } });
      handle = quietPool(await open());
      const db = handle.db;
      let passDone = false;
      const pass = runSyncPass(db, sourceFor(emu, clock), syncSettings(clock)).finally(() => {
        passDone = true;
      });

      for (let i = 0; (await indexedIds(db)).length < 600; i++) {
        expect(passDone, "the backfill ended before the walk could begin").toBe(false);
        await sleep(50);
      }
      const atStart = await indexedIds(db);
      const { seen, totals } = await walk(db, sort, () => sleep(40));
      const atEnd = await indexedIds(db);
      const stillWriting = !passDone;
      await pass;
      const final = new Set(await indexedIds(db));

      // The sync wrote while the walk ran, so offset pages would have shifted under it.
      expect(atEnd.length).toBeGreaterThan(atStart.length);
      expect(stillWriting).toBe(true);
      expect(final.size).toBeGreaterThanOrEqual(3000);
      expect(final.size).toBe(groundTruth(emu, clock.now()).length);

      const seenOnce = new Set(seen);
      expect(seen.length - seenOnce.size, "calls returned twice").toBe(0);
      expect(atStart.filter((id) => !seenOnce.has(id))).toEqual([]);
      expect(seen.filter((id) => !final.has(id))).toEqual([]);
      // Every page gave the same total, and it is the number of calls the walk returned.
      expect(totals).toEqual([seen.length]);
      expect(seen.length).toBeLessThan(final.size);
    },
  );
});
