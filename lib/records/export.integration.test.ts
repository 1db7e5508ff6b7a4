import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { recordFiltersSchema, type RecordFiltersInput } from "@/lib/records/filters";
import { listIndexedRecords } from "@/lib/records/query";
import { upsertRecords } from "@/lib/sync/store";
import { TEST_DATABASES } from "@/test/databases";

import { exportBatches, exportCsvStream } from "./export";
import { syntheticRecords } from "./testing";

// The export must hold exactly the rows the list pages through, in the same order, for every sort
// (including ring/talk time with their nulls) and with the user filter's join, on both drivers.

const RECORDS = syntheticRecords(1_300, { seed: 11 });

describe.each(TEST_DATABASES)("record export on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;

  beforeAll(async () => {
    handle = await open();
    for (let i = 0; i < RECORDS.length; i += 500)
      await upsertRecords(handle.db, RECORDS.slice(i, i + 500));
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  async function listAll(input: RecordFiltersInput): Promise<{ ids: string[]; total: number }> {
    const f = recordFiltersSchema.parse({ ...input, pageSize: "200" });
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const res = await listIndexedRecords(handle.db, { ...f, page });
      ids.push(...res.items.map((r) => r.callId));
      if (res.items.length < f.pageSize) return { ids, total: res.total };
    }
  }

  async function exportAll(input: RecordFiltersInput, batch: number): Promise<string[]> {
    const ids: string[] = [];
    for await (const rows of exportBatches(handle.db, recordFiltersSchema.parse(input), batch)) {
      ids.push(...rows.map((r) => r.callId));
    }
    return ids;
  }

  const cases: [string, RecordFiltersInput][] = [
    ["everything, newest first", {}],
    ["oldest first", { sort: "startedAt" }],
    ["ring time, longest first (nulls last)", { sort: "-ringSeconds" }],
    ["talk time, shortest first (nulls last)", { sort: "talkSeconds" }],
    ["one user in both directions", { user: "user_3" }],
    ["a user by talk time", { user: "user_7", sort: "-talkSeconds" }],
    [
      "three filters and a time range",
      {
        result: "NotAnswer,Offline",
        media: "video",
        type: "single",
        from: "2026-11-15T00:00:00Z",
        to: "2026-11-19T00:00:00Z",
      },
    ],
  ];

  it.each(cases)("%s: same rows, same order as the list", async (_name, input) => {
    const list = await listAll(input);
    expect(list.ids.length).toBe(list.total);
    expect(list.total).toBeGreaterThan(0);
    // A batch size that does not divide the total, so batch edges fall on ties and nulls.
    expect(await exportAll(input, 97)).toEqual(list.ids);
  });

  it("streams a header naming the zone and one CSV line per call, times in that zone", async () => {
    const f = recordFiltersSchema.parse({ user: "user_3" });
    const text = await new Response(
      exportCsvStream(handle.db, f, "Asia/Shanghai", { batchSize: 50 }),
    ).text();
    const lines = text.split("\r\n");
    expect(lines.pop()).toBe("");
    expect(lines[0]).toContain("started_at (Asia/Shanghai)");
    const { total } = await listAll({ user: "user_3" });
    expect(lines.length - 1).toBe(total);
    const [first] = await exportBatches(handle.db, f)
      .next()
      .then((r) => r.value!);
    const cells = lines[1]!.split(",");
    expect(cells[0]).toBe(first!.callId);
    // Shanghai is UTC+8 all year.
    const utc = new Date(first!.startedMs + 8 * 3_600_000)
      .toISOString()
      .replace("T", " ")
      .slice(0, 19);
    expect(cells[1]).toBe(utc);
    expect(cells.at(-1)).toBe(new Date(first!.startedMs).toISOString());
  });

  it("exports nothing but the header when nothing matches", async () => {
    const f = recordFiltersSchema.parse({ room: "no-such-room" });
    const text = await new Response(exportCsvStream(handle.db, f, "UTC")).text();
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(1);
  });
});
