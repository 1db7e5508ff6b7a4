import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { rowsOf } from "@/lib/db/executor";
import { recordFiltersSchema, type RecordFiltersInput } from "@/lib/records/filters";
import { listIndexedRecords } from "@/lib/records/query";
import { upsertRecords } from "@/lib/sync/store";
import { TEST_DATABASES } from "@/test/databases";

import { syntheticRecords } from "./testing";
import { rollupCountable } from "./total";
import { whereClause } from "./where";

// The list's total from the insight rollups must equal counting the calls, for ranges that start
// and end inside slots, on slot edges, open on either side or inside one slot; and it must stay
// exact while a bulk load has the rollup triggers switched off.

const RECORDS = syntheticRecords(1_300, { seed: 5 });

describe.each(TEST_DATABASES)("list totals on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    handle = await open();
    await upsertRecords(handle.db, RECORDS.slice(0, 1_000));
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  async function counted(input: RecordFiltersInput): Promise<number> {
    const f = recordFiltersSchema.parse(input);
    const res = await handle.db.execute(
      sql`select count(*)::int as n from indexed_calls c where ${whereClause(f)}`,
    );
    return rowsOf<{ n: number }>(res)[0]!.n;
  }

  async function listed(input: RecordFiltersInput): Promise<number> {
    const f = recordFiltersSchema.parse({ ...input, pageSize: "1" });
    expect(rollupCountable(f)).toBe(true);
    return (await listIndexedRecords(handle.db, f)).total;
  }

  const cases: [string, RecordFiltersInput][] = [
    ["everything", {}],
    ["three filters", { result: "NotAnswer,Offline,Reject", media: "video", type: "single" }],
    ["edges inside slots", { from: "2026-11-15T03:07:11Z", to: "2026-11-18T21:52:03Z" }],
    ["edges on slot boundaries", { from: "2026-11-15T03:15:00Z", to: "2026-11-18T21:45:00Z" }],
    ["open end", { from: "2026-11-16T10:01:00Z", result: "NormalEnd" }],
    ["open start", { to: "2026-11-16T10:01:00Z", media: "audio" }],
    ["inside one slot", { from: "2026-11-16T10:01:00Z", to: "2026-11-16T10:14:00Z" }],
    ["across one slot edge only", { from: "2026-11-16T10:01:00Z", to: "2026-11-16T10:29:00Z" }],
  ];

  it.each(cases)("%s: the total equals counting the calls", async (_name, input) => {
    const want = await counted(input);
    expect(await listed(input)).toBe(want);
  });

  it("counts the calls themselves while a bulk load has the rollup triggers off", async () => {
    const input = { result: "NormalEnd,Interrupt", from: "2026-11-14T00:10:00Z" };
    await handle.db.execute(sql`alter table indexed_calls disable trigger user`);
    try {
      await upsertRecords(handle.db, RECORDS.slice(1_000));
      const want = await counted(input);
      expect(want).toBeGreaterThan(0);
      expect(await listed(input)).toBe(want);
    } finally {
      await handle.db.execute(sql`alter table indexed_calls enable trigger user`);
    }
  });
});
