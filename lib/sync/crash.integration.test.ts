import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { openDatabase } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/executor";
import { recordFiltersSchema } from "@/lib/records/filters";
import { listIndexedRecords } from "@/lib/records/query";
import { testDatabaseUrl } from "@/test/database-url";
import { TEST_DATABASES } from "@/test/databases";

import { inBulkLoad } from "./bulk-load";
import { readState } from "./state";
import {
  comparableRecord,
  expectedRecord,
  groundTruth,
  manualClock,
  quietPool,
  sharedEmulatorWithClock,
} from "./testing";

// Crash safety for real: the sync runs in a child process that is SIGKILLed part-way through the
// backfill (twice, at random moments after some slices were stored), then run to the end. The
// index must then hold exactly the emulator's records: nothing lost, nothing twice.

const CHILD = path.join(import.meta.dirname, "fixtures/sync-child.ts");

type Run = { done: boolean; slicesSeen: number };

function runChild(env: Record<string, string>, killAfterSlices: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", CHILD], {
      cwd: process.cwd(),
      env: { ...process.env, ...env, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let slices = 0;
    let done = false;
    let killing = false;
    let stderr = "";
    let buffered = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.includes("sync_slice_written")) slices++;
        if (line.includes("SYNC_CHILD_DONE")) done = true;
      }
      if (killAfterSlices !== null && slices >= killAfterSlices && !killing) {
        killing = true;
        // A random moment after the threshold: mid-request, mid-transaction or between slices.
        setTimeout(() => child.kill("SIGKILL"), Math.floor(Math.random() * 40));
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL" || code === 0) resolve({ done, slicesSeen: slices });
      else reject(new Error(`sync child exited with ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

describe.each(TEST_DATABASES)("a sync killed mid-way on $name", ({ name, open }) => {
  const clock = manualClock();
  const emu = sharedEmulatorWithClock(clock, 1500, { faults: { latencyMs: 2 } });

  it("restarts and ends with exactly the emulator's records", { timeout: 240_000 }, async () => {
    let target: string;
    let cleanup: () => Promise<void>;
    if (name === "postgres") {
      const handle = quietPool(await open());
      // The child gets its own connections to the same throw-away database.
      const url = rowsOf<{ db: string }>(
        await handle.db.execute(sql`select current_database() as db`),
      )[0]!.db;
      const u = new URL(testDatabaseUrl());
      u.pathname = `/${url}`;
      target = u.toString();
      cleanup = handle.dispose;
    } else {
      target = await mkdtemp(path.join(tmpdir(), "cc-sync-crash-"));
      cleanup = () => rm(target, { recursive: true, force: true });
    }
    try {
      const env = {
        SYNC_CHILD_DB: target,
        SYNC_CHILD_EMULATOR: emu.url,
        SYNC_CHILD_NOW: String(clock.now()),
      };
      const first = await runChild(env, 5 + Math.floor(Math.random() * 40));
      expect(first.done).toBe(false);
      const second = await runChild(env, 50 + Math.floor(Math.random() * 60));
      expect(second.done).toBe(false);
      const last = await runChild(env, null);
      expect(last.done).toBe(true);
      // The restarts resumed from the checkpoint rather than from the start of the window.
      expect(second.slicesSeen + last.slicesSeen).toBeLessThan(168);

      const handle =
        name === "postgres"
          ? quietPool(await openDatabase({ databaseUrl: target }))
          : await openDatabase({ dataDir: target });
      try {
        const truth = groundTruth(emu, clock.now());
        const filters = recordFiltersSchema.parse({ pageSize: "200", sort: "startedAt" });
        const items = [];
        for (let page = 1; ; page++) {
          const res = await listIndexedRecords(handle.db, { ...filters, page });
          items.push(...res.items);
          expect(res.total).toBe(truth.length);
          if (res.items.length < 200) break;
        }
        const got = items.map(comparableRecord).sort((a, b) => a.callId.localeCompare(b.callId));
        expect(got).toEqual(
          truth.map((c) => expectedRecord(c)).sort((a, b) => a.callId.localeCompare(b.callId)),
        );
        // Participants: exactly one row per member of each call.
        const members = rowsOf<{ n: number }>(
          await handle.db.execute(sql`select count(*)::int as n from indexed_call_participants`),
        )[0]!.n;
        expect(members).toBe(truth.reduce((n, c) => n + 1 + c.callees.length, 0));
        expect((await readState(handle.db)).backfilledGenerations.sort()).toEqual(["v1", "v4"]);
        // The bulk load the first run started (into an empty index) was finished by the last:
        // read indexes back as declared, triggers on, rollups equal to an aggregation of the calls.
        expect(await inBulkLoad(handle.db)).toBe(false);
        const rollupDiff = rowsOf<{ n: number }>(
          await handle.db.execute(sql`
            with want as (
              select to_timestamp(floor(extract(epoch from started_at) / 900) * 900) as slot, result,
                call_type, media_type, count(*)::int as n,
                (count(*) filter (where accepted_at is not null))::int as answered
              from indexed_calls group by 1, 2, 3, 4),
            have as (select slot, result, call_type, media_type, n, answered from insight_slots)
            select count(*)::int as n from (
              (select * from want except select * from have)
              union all
              (select * from have except select * from want)) d`),
        )[0]!.n;
        expect(rollupDiff).toBe(0);
        const talks = rowsOf<{ a: number; b: number }>(
          await handle.db.execute(sql`
            select (select count(*)::int from indexed_calls where talk_seconds is not null) as a,
              (select coalesce(sum(n), 0)::int from insight_durations where grain = 'd' and metric = 'talk') as b`),
        )[0]!;
        expect(talks.b).toBe(talks.a);
      } finally {
        await handle.close();
      }
    } finally {
      await cleanup();
    }
  });
});
