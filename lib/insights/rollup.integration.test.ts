import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Emulator } from "@/emulator/src/server";
import type { CallRecord } from "@/lib/calls/types";
import { rowsOf } from "@/lib/db/executor";
import { runSyncPass } from "@/lib/sync/engine";
import { rebuildInsightRollups } from "@/lib/sync/rollup-rebuild";
import { pruneBefore, upsertRecords } from "@/lib/sync/store";
import {
  emulatorWithClock,
  expectedRecord,
  groundTruth,
  manualClock,
  quietPool,
  sourceFor,
  syncSettings,
} from "@/lib/sync/testing";
import { TEST_DATABASES } from "@/test/databases";

import { computeInsights } from "./compute";
import { insightsQuerySchema, resolveInsightsQuery, type ResolvedInsightsQuery } from "./params";
import { cover, rollupEligible } from "./rollup";

// The rollup path must give exactly the raw path's answer, on both drivers: after the first sync,
// after later syncs and direct writes that move and change calls, after a write that rolls back
// (a crash mid-batch) and after pruning. The rollup tables themselves are also compared with an
// aggregation of indexed_calls written here, independently of the triggers.

const HOUR = 3_600_000;
const DAY = 86_400_000;

const QUERIES = [
  "",
  "bucket=hour&tz=Europe/Berlin",
  "tz=Asia/Kathmandu",
  "bucket=hour&tz=America/St_Johns&from=2026-11-18T03:07:11Z&to=2026-11-20T09:52:01Z",
  "result=NormalEnd,Cancel,Reject",
  "type=group&media=video",
  "type=single&tz=Australia/Lord_Howe",
  "from=2026-11-19T10:10:10Z&to=2026-11-19T10:40:00Z&bucket=hour",
];

describe("cover", () => {
  it("splits a range into whole days, whole hours at the edges and raw rest", () => {
    const t = (s: string) => Date.parse(s);
    const c = cover(t("2026-11-13T12:30:05Z"), t("2026-11-16T01:00:00Z"), [DAY, HOUR]);
    expect(c.grains[0]).toEqual([[t("2026-11-14T00:00:00Z"), t("2026-11-16T00:00:00Z")]]);
    expect(c.grains[1]).toEqual([
      [t("2026-11-13T13:00:00Z"), t("2026-11-14T00:00:00Z")],
      [t("2026-11-16T00:00:00Z"), t("2026-11-16T01:00:00Z")],
    ]);
    expect(c.raw).toEqual([[t("2026-11-13T12:30:05Z"), t("2026-11-13T13:00:00Z")]]);
    const inside = cover(t("2026-11-13T12:30:05Z"), t("2026-11-13T12:40:00Z"), [DAY, HOUR]);
    expect(inside).toEqual({ grains: [[], []], raw: [[inside.raw[0]![0], inside.raw[0]![1]]] });
  });
});

describe.each(TEST_DATABASES)("insight rollups on $name", ({ open }) => {
  const clock = manualClock();
  let emu: Emulator;
  let handle: Awaited<ReturnType<typeof open>>;

  beforeAll(async () => {
    emu = await emulatorWithClock(clock, 900);
    handle = quietPool(await open());
    await runSyncPass(handle.db, sourceFor(emu, clock), syncSettings(clock));
  }, 120_000);
  afterAll(async () => {
    await handle?.dispose();
    await emu?.close();
  });

  const resolve = (query: string): ResolvedInsightsQuery => {
    const parsed = insightsQuerySchema.parse(Object.fromEntries(new URLSearchParams(query)));
    const q = resolveInsightsQuery(parsed, clock.now(), 90);
    if ("field" in q) throw new Error(`${q.field}: ${q.message}`);
    return q;
  };

  async function expectSameAnswers() {
    for (const query of QUERIES) {
      const q = resolve(query);
      expect(rollupEligible(q), query).toBe(true);
      const rollup = await computeInsights(handle.db, q, "auto");
      const raw = await computeInsights(handle.db, q, "raw");
      expect(rollup, query).toEqual(raw);
    }
  }

  const rows = async (query: ReturnType<typeof sql>) =>
    rowsOf<Record<string, unknown>>(await handle.db.execute(query)).map((r) => JSON.stringify(r));

  /** Each rollup table against a plain aggregation of indexed_calls. */
  async function expectRollupsMatchCalls() {
    const slotsWant = await rows(sql`
      select extract(epoch from date_bin('15 minutes', started_at, '2000-01-01 00:00+00'))::bigint as t,
        result, call_type, media_type, count(*)::int as n,
        (count(*) filter (where accepted_at is not null))::int as answered
      from indexed_calls group by 1, 2, 3, 4 order by 1, 2, 3, 4`);
    const slotsHave = await rows(sql`
      select extract(epoch from slot)::bigint as t, result, call_type, media_type, n, answered
      from insight_slots order by 1, 2, 3, 4`);
    expect(slotsHave).toEqual(slotsWant);
    expect(slotsHave.length).toBeGreaterThan(0);

    const durWant = await rows(sql`
      select g, extract(epoch from date_bin(case g when 'd' then interval '1 day' else interval '1 hour' end,
          started_at, '2000-01-01 00:00+00'))::bigint as t, m, result, call_type, media_type, v, count(*)::int as n
      from (
        select 'd' as g, * from indexed_calls union all select 'h', * from indexed_calls) c,
        lateral (values ('ring', ring_seconds), ('talk', talk_seconds)) as x(m, v)
      where v is not null
      group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7`);
    const durHave = await rows(sql`
      select grain as g, extract(epoch from period)::bigint as t, metric as m, result, call_type,
        media_type, v, n
      from insight_durations order by 1, 2, 3, 4, 5, 6, 7`);
    expect(durHave).toEqual(durWant);

    const usersWant = await rows(sql`
      select g, extract(epoch from date_bin(case g when 'd' then interval '1 day' else interval '1 hour' end,
          started_at, '2000-01-01 00:00+00'))::bigint as t, u collate "C" as u, count(*)::int as n
      from (select 'd' as g, * from indexed_calls union all select 'h', * from indexed_calls) c,
        lateral unnest(array[caller] || callees) as u
      where result <> 'NormalEnd'
      group by 1, 2, 3 order by 1, 2, 3`);
    const usersHave = await rows(sql`
      select grain as g, extract(epoch from period)::bigint as t, user_id collate "C" as u, n
      from insight_failed_users order by 1, 2, 3`);
    expect(usersHave).toEqual(usersWant);
  }

  it("answers as the raw path does after the first sync", async () => {
    await expectRollupsMatchCalls();
    await expectSameAnswers();
  });

  it("stays exact after later syncs and writes that move, change and add calls", async () => {
    clock.advance(3 * HOUR + 17 * 60_000);
    await runSyncPass(handle.db, sourceFor(emu, clock), syncSettings(clock));
    // A v4 copy wins field by field: new results, start times moved across slots, hours and days.
    const records = groundTruth(emu, clock.now())
      .slice(0, 60)
      .map((c) => expectedRecord(c));
    const changed: CallRecord[] = records.map((r, i) => ({
      ...r,
      result: i % 2 ? "Cancel" : "NormalEnd",
      startedAt: new Date(Date.parse(r.startedAt) + (i % 3) * 7 * HOUR + 60_000).toISOString(),
      callees: [...r.callees, `extra-${i % 4}`].sort(),
      sources: ["v4"],
    }));
    expect(await upsertRecords(handle.db, changed)).toBeGreaterThan(0);
    await expectRollupsMatchCalls();
    await expectSameAnswers();

    // Only the accept time changes: the slot's count stays, its answered count moves.
    const accepted = changed.slice(0, 10).map((r, i) => ({
      ...r,
      acceptedAt: i % 2 ? null : new Date(Date.parse(r.startedAt) + 5_000).toISOString(),
    }));
    expect(await upsertRecords(handle.db, accepted)).toBeGreaterThan(0);
    await expectRollupsMatchCalls();
    await expectSameAnswers();
  });

  it("keeps the rollups with the rows when a batch rolls back (a crash mid-sync)", async () => {
    const before = await computeInsights(handle.db, resolve(""), "auto");
    const records = groundTruth(emu, clock.now())
      .slice(100, 160)
      .map((c) => expectedRecord(c));
    await expect(
      handle.db.transaction(async (tx) => {
        await upsertRecords(
          tx,
          records.map((r) => ({ ...r, result: "Offline", sources: ["v4"] })),
        );
        throw new Error("crash");
      }),
    ).rejects.toThrow("crash");
    await expectRollupsMatchCalls();
    expect(await computeInsights(handle.db, resolve(""), "auto")).toEqual(before);
  });

  it("reads the calls, not the lagging rollups, while a bulk load has their triggers off", async () => {
    const q = resolve("");
    const before = await computeInsights(handle.db, q, "raw");
    await handle.db.execute(sql`alter table indexed_calls disable trigger user`);
    try {
      const records = groundTruth(emu, clock.now())
        .slice(200, 260)
        .map((c) => expectedRecord(c));
      await upsertRecords(
        handle.db,
        records.map((r) => ({ ...r, result: "CallBusy", sources: ["v4"] })),
      );
      const raw = await computeInsights(handle.db, q, "raw");
      expect(raw).not.toEqual(before);
      expect(await computeInsights(handle.db, q, "auto")).toEqual(raw);
    } finally {
      await handle.db.execute(sql`alter table indexed_calls enable trigger user`);
      // Put the rollups back in step for the tests after this one.
      await handle.db.transaction((tx) => rebuildInsightRollups(tx));
    }
    await expectRollupsMatchCalls();
  });

  it("drops pruned calls from the rollups", async () => {
    const removed = await pruneBefore(handle.db, new Date(clock.now() - 4 * DAY - 5 * HOUR), 50);
    expect(removed).toBeGreaterThan(0);
    await expectRollupsMatchCalls();
    await expectSameAnswers();
  });
});
