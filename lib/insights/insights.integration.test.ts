import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { GET as getInsights } from "@/app/api/insights/route";
import { GET as getRecords } from "@/app/api/records/route";
import type { Emulator } from "@/emulator/src/server";
import type { Role } from "@/lib/auth/roles";
import { runSyncPass } from "@/lib/sync/engine";
import {
  emulatorWithClock,
  expectedRecord,
  groundTruth,
  manualClock,
  quietPool,
  sourceFor,
  syncSettings,
} from "@/lib/sync/testing";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

import { drillFilters, drillSearchParams, type Drill } from "./drill";
import { countBy, percentilesOf, topFailed, truthCall, within, type TruthCall } from "./testing";
import { TOP_USERS, type Insights } from "./types";

// Insights against the emulator over real HTTP, on PGlite and PostgreSQL: the emulator's calls are
// synced into the index, and every figure is checked against a computation over the emulator's
// own records. Every drill-down must give GET /api/records the same total as the figure.

const DAY = 86_400_000;

describe.each(APP_DATABASES)("insights on $name", ({ open }) => {
  const clock = manualClock();
  let emu: Emulator;
  let handle: Awaited<ReturnType<typeof open>>;
  let truth: TruthCall[];
  let insights: (query: string, role?: Role | null) => Promise<Response>;
  let recordsTotal: (params: URLSearchParams) => Promise<number>;

  beforeAll(async () => {
    emu = await emulatorWithClock(clock, 900);
    handle = quietPool(await open());
    await runSyncPass(handle.db, sourceFor(emu, clock), syncSettings(clock));
    truth = groundTruth(emu, clock.now()).map((c) => truthCall(expectedRecord(c)));
    // The route reads the time from Date; the emulator's calls were made on the test's clock.
    vi.setSystemTime(clock.now());
    insights = async (query, role = "manager") =>
      getInsights(await requestAs(role, `/api/insights?${query}`));
    recordsTotal = async (params) => {
      params.set("pageSize", "1");
      const res = await getRecords(await requestAs("support", `/api/records?${params}`));
      expect(res.status, await res.clone().text()).toBe(200);
      return ((await res.json()) as { total: number }).total;
    };
  }, 120_000);
  afterAll(async () => {
    vi.useRealTimers();
    await handle?.dispose();
    await emu?.close();
  });

  async function ok(query: string): Promise<Insights> {
    const res = await insights(query);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Insights;
  }

  /** Every figure of an answer against the truth for the calls the filters select. */
  function expectFigures(got: Insights, selected: TruthCall[]) {
    const cur = selected.filter(within(got.range.from, got.range.to));
    const prev = selected.filter(within(got.range.previousFrom, got.range.previousTo));
    expect(cur.length).toBeGreaterThan(0);
    // Answered: someone picked up (an accept time), however the call ended.
    const answered = (cs: TruthCall[]) => cs.filter((c) => c.acceptedAt !== null).length;
    const ended = (cs: TruthCall[]) => cs.filter((c) => c.result === "NormalEnd").length;
    expect(got.summary).toMatchObject({
      total: cur.length,
      answered: answered(cur),
      endedNormally: ended(cur),
    });
    expect(got.summary.answerRate).toBeCloseTo(answered(cur) / cur.length, 12);
    expect(got.summary.previous).toMatchObject({
      total: prev.length,
      answered: answered(prev),
      endedNormally: ended(prev),
    });

    const byResult = countBy(cur, (c) => c.result);
    const prevByResult = countBy(prev, (c) => c.result);
    expect(
      Object.fromEntries(got.results.map((r) => [r.result, r.count]).filter(([, n]) => n)),
    ).toEqual(byResult);
    expect(
      Object.fromEntries(got.results.map((r) => [r.result, r.previous]).filter(([, n]) => n)),
    ).toEqual(prevByResult);
    expect(got.failedResults.sort()).toEqual(
      Object.keys(byResult)
        .filter((r) => r !== "NormalEnd")
        .sort(),
    );

    // Buckets tile the range; each holds exactly the calls that started in it.
    expect(got.series[0]!.from).toBe(got.range.from);
    expect(got.series.at(-1)!.to).toBe(got.range.to);
    for (const [i, point] of got.series.entries()) {
      if (i > 0) expect(point.from).toBe(got.series[i - 1]!.to);
      const inBucket = cur.filter(within(point.from, point.to));
      expect(point.total).toBe(inBucket.length);
      expect(point.answered).toBe(answered(inBucket));
      expect(point.results).toEqual(countBy(inBucket, (c) => c.result));
    }

    for (const [segments, field] of [
      [got.segments.callType, "callType"],
      [got.segments.mediaType, "mediaType"],
    ] as const) {
      for (const s of segments) {
        const mine = cur.filter((c) => c[field] === s.key);
        const theirs = prev.filter((c) => c[field] === s.key);
        expect(s).toMatchObject({
          total: mine.length,
          answered: answered(mine),
          endedNormally: ended(mine),
        });
        expect(s.previous).toMatchObject({ total: theirs.length, answered: answered(theirs) });
        expectPercentiles(
          s.ring,
          mine.map((c) => c.ring),
        );
        expectPercentiles(
          s.talk,
          mine.map((c) => c.talk),
        );
        expectPercentiles(
          s.previous.talk,
          theirs.map((c) => c.talk),
        );
      }
      expect(segments.map((s) => s.key).sort()).toEqual(
        Object.keys(countBy(cur, (c) => c[field])).sort(),
      );
    }

    expectPercentiles(
      got.durations.ring,
      cur.map((c) => c.ring),
    );
    expectPercentiles(
      got.durations.talk,
      cur.map((c) => c.talk),
    );
    expectPercentiles(
      got.durations.ring.previous,
      prev.map((c) => c.ring),
    );
    for (const metric of ["ring", "talk"] as const) {
      for (const bin of got.durations[metric].histogram) {
        const n = cur.filter(
          (c) =>
            c[metric] !== null &&
            c[metric] >= bin.min &&
            (bin.max === null || c[metric] <= bin.max),
        );
        expect(bin.count, `${metric} ${bin.min}-${bin.max}`).toBe(n.length);
      }
    }
    return { cur, prev };
  }

  function expectPercentiles(
    got: { count: number; p50: number | null; p90: number | null },
    values: (number | null)[],
  ) {
    const want = percentilesOf(values);
    expect(got.count).toBe(want.count);
    for (const p of ["p50", "p90"] as const) {
      if (want[p] === null) expect(got[p]).toBeNull();
      else expect(got[p]).toBeCloseTo(want[p], 9);
    }
  }

  /** Every clickable figure with its count; each drill-down must give the records API that total. */
  async function expectDrillDowns(got: Insights) {
    const figures: [Drill, number][] = [
      [{}, got.summary.total],
      [{ answered: "yes" }, got.summary.answered],
      [{ result: ["NormalEnd"] }, got.summary.endedNormally],
      ...got.results.map((r): [Drill, number] => [{ result: [r.result] }, r.count]),
      ...got.series.flatMap((p): [Drill, number][] => [
        [{ from: p.from, to: p.to }, p.total],
        ...Object.entries(p.results).map(([result, n]): [Drill, number] => [
          { from: p.from, to: p.to, result: [result] },
          n,
        ]),
      ]),
      ...got.segments.callType.flatMap((s): [Drill, number][] => [
        [{ type: s.key }, s.total],
        [{ type: s.key, answered: "yes" }, s.answered],
        [{ type: s.key, result: ["NormalEnd"] }, s.endedNormally],
      ]),
      ...got.segments.mediaType.flatMap((s): [Drill, number][] => [
        [{ media: s.key }, s.total],
        [{ media: s.key, answered: "yes" }, s.answered],
        [{ media: s.key, result: ["NormalEnd"] }, s.endedNormally],
      ]),
      ...got.durations.ring.histogram.map((b): [Drill, number] => [
        { ringMin: b.min, ringMax: b.max ?? undefined },
        b.count,
      ]),
      ...got.durations.talk.histogram.map((b): [Drill, number] => [
        { talkMin: b.min, talkMax: b.max ?? undefined },
        b.count,
      ]),
      ...got.topFailedUsers.map((u): [Drill, number] => [
        { user: u.userId, result: got.failedResults },
        u.failed,
      ]),
      [{ from: got.range.previousFrom, to: got.range.previousTo }, got.summary.previous.total],
    ];
    let checked = 0;
    for (const [figure, count] of figures) {
      const drill = drillFilters(got, figure);
      if (drill === null) {
        expect(count, JSON.stringify(figure)).toBe(0);
        continue;
      }
      expect(await recordsTotal(drillSearchParams(drill)), JSON.stringify(drill)).toBe(count);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  }

  it("defaults to the last 7 days in UTC days, every figure matching the emulator's records", async () => {
    const got = await ok("");
    expect(got.range).toMatchObject({
      to: new Date(clock.now()).toISOString(),
      tz: "UTC",
      bucket: "day",
    });
    expect(Date.parse(got.range.to) - Date.parse(got.range.from)).toBe(7 * DAY);
    expect(got.series).toHaveLength(8); // a partial day at each end
    const { cur } = expectFigures(got, truth);
    expect(cur.length).toBeGreaterThan(600);
    // A call answered and then interrupted counts as answered, not as ended normally.
    expect(got.summary.answered).toBeGreaterThan(got.summary.endedNormally);
    const want = topFailed(cur, TOP_USERS);
    expect(got.topFailedUsers.map((u) => [u.userId, u.failed])).toEqual(want);
    // The first backfill read the 7 days up to its start (the clock stood still meanwhile): the
    // index is complete from there, where this range starts, and the previous period lies before.
    expect(got.coverage.completeFrom).toBe(got.range.from);
  });

  it("compares 3 days with the 3 before them, and every drill-down count equals the records total", async () => {
    const to = new Date(clock.now() - DAY / 2).toISOString();
    const from = new Date(clock.now() - 3.5 * DAY).toISOString();
    const got = await ok(`from=${from}&to=${to}`);
    const { prev } = expectFigures(got, truth);
    expect(prev.length).toBeGreaterThan(100);
    const prevFailed = Object.fromEntries(topFailed(prev, 10_000));
    for (const u of got.topFailedUsers) expect(u.previous).toBe(prevFailed[u.userId] ?? 0);
    await expectDrillDowns(got);
  }, 60_000);

  it("cuts hour buckets in the chosen zone (a half-hour offset), still tiling the range exactly", async () => {
    const from = new Date(clock.now() - 1.3 * DAY).toISOString();
    const got = await ok(`from=${from}&tz=Asia/Kolkata`);
    expect(got.range.bucket).toBe("hour");
    for (const p of got.series.slice(1)) expect(new Date(p.from).getUTCMinutes()).toBe(30);
    expectFigures(got, truth);
    const days = await ok(`from=${from}&tz=America/New_York&bucket=day`);
    const local = new Intl.DateTimeFormat("en-GB", {
      timeZone: "America/New_York",
      hour: "2-digit",
      minute: "2-digit",
    });
    for (const p of days.series) expect(local.format(new Date(p.bucketStart))).toBe("00:00");
    expectFigures(days, truth);
  });

  it("applies the browser's filters, user included, and drills down within them", async () => {
    const busiest = Object.entries(
      countBy(
        truth.flatMap((c) => c.users.map((u) => ({ u }))),
        (x) => x.u,
      ),
    ).sort(([, a], [, b]) => b - a)[0]![0];
    const got = await ok(`user=${busiest}&media=video`);
    const selected = truth.filter((c) => c.users.includes(busiest) && c.mediaType === "video");
    const { cur } = expectFigures(got, selected);
    const failed = cur.filter((c) => c.result !== "NormalEnd").length;
    expect(got.topFailedUsers).toEqual(failed ? [{ userId: busiest, failed, previous: 0 }] : []);
    await expectDrillDowns(got);
    // A figure outside the filters has nothing to open.
    expect(drillFilters(got, { media: "audio" })).toBeNull();

    const rs = await ok("result=Cancel,NotAnswer&type=group&ringMin=5&ringMax=20");
    expectFigures(
      rs,
      truth.filter(
        (c) =>
          ["Cancel", "NotAnswer"].includes(c.result) &&
          c.callType === "group" &&
          c.ring !== null &&
          c.ring >= 5 &&
          c.ring <= 20,
      ),
    );
    expect(rs.summary.answered).toBe(0);
    await expectDrillDowns(rs);

    const never = await ok("answered=no");
    expectFigures(
      never,
      truth.filter((c) => c.acceptedAt === null),
    );
    expect(never.summary.answered).toBe(0);
    await expectDrillDowns(never);
  }, 60_000);

  it("refuses support staff and anonymous callers, and names the field of bad input", async () => {
    expect((await insights("", "support")).status).toBe(403);
    expect((await insights("", null)).status).toBe(401);
    expect((await insights("", "admin")).status).toBe(200);
    const cases: [string, string][] = [
      ["tz=Mars/Olympus", "tz"],
      ["bucket=week", "bucket"],
      ["from=yesterday", "from"],
      ["type=conference", "type"],
      [`from=${new Date(clock.now() - 100 * DAY).toISOString()}`, "from"],
      [`from=${new Date(clock.now() + DAY).toISOString()}`, "from"],
      [`from=${new Date(clock.now() - 40 * DAY).toISOString()}&bucket=hour`, "bucket"],
      ["ringMin=9&ringMax=3", "ringMax"],
      ["answered=maybe", "answered"],
    ];
    for (const [query, field] of cases) {
      const res = await insights(query);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(res.status, query).toBe(422);
      expect(body.error.message.startsWith(`${field}:`), `${query} → ${body.error.message}`).toBe(
        true,
      );
    }
  });
});
