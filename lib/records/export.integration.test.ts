import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { formatInZone } from "@/lib/call-detail/format-time";
import { callTypeLabel, mediaLabel, resultLabel } from "@/lib/calls/vocabulary";
import { recordFiltersSchema, type RecordFiltersInput } from "@/lib/records/filters";
import { listIndexedRecords, type IndexedRecord } from "@/lib/records/query";
import { upsertRecords } from "@/lib/sync/store";
import { TEST_DATABASES } from "@/test/databases";

import { csvCell } from "./csv";
import { exportBatches, openCsvExport } from "./export";
import { syntheticRecords } from "./testing";

// The export must hold exactly the rows the list pages through, in the same order, for every sort
// (including ring/talk time with their nulls) and with the user filter's join, on both drivers.
// The database writes the lines (csv-sql.ts); each is compared with a line written here from the
// list's record with formatInZone and csvCell, the rules the SQL must follow.

const RECORDS = syntheticRecords(1_300, { seed: 11 });
// Cells a spreadsheet would run as formulas, or that need quotes.
RECORDS[5] = { ...RECORDS[5]!, caller: "=cmd()", callees: ["@x", "b,c"], roomId: 'r"1' };
RECORDS[6] = { ...RECORDS[6]!, caller: "-1", callees: ['say "hi"'], roomId: "+2,3" };
// Codes the vocabulary does not know: their label cell repeats the code, defused like any cell.
RECORDS[7] = { ...RECORDS[7]!, result: "-NewResult", mediaType: "hologram" };

function referenceLine(r: IndexedRecord, zone: string): string {
  // The console's own wall-clock time, without the zone name it appends.
  const local = (iso: string | null) => (iso === null ? "" : formatInZone(iso, zone).slice(0, 19));
  return [
    csvCell(r.callId),
    local(r.startedAt),
    csvCell(r.caller),
    csvCell(r.callees.join(";")),
    csvCell(r.callType),
    csvCell(callTypeLabel(r.callType)),
    csvCell(r.mediaType),
    csvCell(mediaLabel(r.mediaType)),
    csvCell(r.result),
    csvCell(resultLabel(r.result)),
    r.ringSeconds ?? "",
    r.talkSeconds ?? "",
    csvCell(r.roomId),
    local(r.acceptedAt),
    local(r.endedAt),
    new Date(r.startedAt).toISOString(),
  ].join(",");
}

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

  async function listAll(
    input: RecordFiltersInput,
  ): Promise<{ items: IndexedRecord[]; total: number }> {
    const f = recordFiltersSchema.parse({ ...input, pageSize: "200" });
    const items: IndexedRecord[] = [];
    for (let page = 1; ; page++) {
      const res = await listIndexedRecords(handle.db, { ...f, page });
      items.push(...res.items);
      if (res.items.length < f.pageSize) return { items, total: res.total };
    }
  }

  async function exportAll(input: RecordFiltersInput, zone: string, batch: number) {
    const lines: string[] = [];
    let rows = 0;
    const f = recordFiltersSchema.parse(input);
    for await (const b of exportBatches(handle.db, f, zone, batch)) {
      lines.push(...b.text.split("\r\n"));
      rows += b.rows;
    }
    return { lines, rows };
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
    expect(list.items.length).toBe(list.total);
    expect(list.total).toBeGreaterThan(0);
    // A batch size that does not divide the total, so batch edges fall on ties and nulls.
    const exported = await exportAll(input, "Europe/Berlin", 97);
    expect(exported.rows).toBe(list.total);
    expect(exported.lines).toEqual(list.items.map((r) => referenceLine(r, "Europe/Berlin")));
  });

  it.each([
    ["-ringSeconds", "ringSeconds", -1],
    ["talkSeconds", "talkSeconds", 1],
  ] as const)(
    "pages by %s in small pages across the end of the values: every call once, in order, nulls last",
    async (sort, field, sign) => {
      // Pages of 7 do not divide the number of calls with a value, so one page holds the last
      // values and the first nulls, and later pages begin inside the nulls.
      const f = recordFiltersSchema.parse({ sort, pageSize: "7" });
      const seen: IndexedRecord[] = [];
      for (let page = 1; ; page++) {
        const res = await listIndexedRecords(handle.db, { ...f, page });
        seen.push(...res.items);
        if (res.items.length < 7) break;
      }
      expect(new Set(seen.map((r) => r.callId)).size).toBe(RECORDS.length);
      const firstNull = seen.findIndex((r) => r[field] === null);
      expect(firstNull).toBeGreaterThan(0);
      expect(firstNull % 7).not.toBe(0);
      expect(seen.slice(firstNull).every((r) => r[field] === null)).toBe(true);
      for (let i = 1; i < seen.length; i++) {
        const [a, b] = [seen[i - 1]!, seen[i]!];
        if (i === firstNull) continue;
        // Equal values (or both null) are ordered by call ID, in the sort's direction.
        const byValue = b[field] === null ? 0 : sign * (b[field] - a[field]!);
        expect(byValue).toBeGreaterThanOrEqual(0);
        if (byValue === 0) expect(sign * b.callId.localeCompare(a.callId)).toBeGreaterThan(0);
      }
    },
  );

  it.each(["UTC", "Asia/Kathmandu", "America/New_York"])(
    "writes times in %s as Intl does, and quotes and defuses cells as csvCell does",
    async (zone) => {
      const list = await listAll({});
      const exported = await exportAll({}, zone, 500);
      expect(exported.lines).toEqual(list.items.map((r) => referenceLine(r, zone)));
      expect(exported.lines.join("\n")).toContain(`'=cmd(),"'@x;b,c"`);
    },
  );

  it("streams a header naming the zone and one CSV line per call, times in that zone", async () => {
    const f = recordFiltersSchema.parse({ user: "user_3" });
    const text = await new Response(
      await openCsvExport(handle.db, f, "Asia/Shanghai", { batchSize: 50 }),
    ).text();
    const lines = text.split("\r\n");
    expect(lines.pop()).toBe("");
    expect(lines[0]).toContain("started_at (Asia/Shanghai)");
    const { total } = await listAll({ user: "user_3" });
    expect(lines.length - 1).toBe(total);
    const { items } = await listAll({ user: "user_3" });
    const cells = lines[1]!.split(",");
    expect(cells[0]).toBe(items[0]!.callId);
    // Shanghai is UTC+8 all year.
    const startedMs = Date.parse(items[0]!.startedAt);
    const shanghai = new Date(startedMs + 8 * 3_600_000).toISOString().replace("T", " ");
    expect(cells[1]).toBe(shanghai.slice(0, 19));
    expect(cells.at(-1)).toBe(new Date(startedMs).toISOString());
  });

  it("exports nothing but the header when nothing matches", async () => {
    const f = recordFiltersSchema.parse({ room: "no-such-room" });
    const text = await new Response(await openCsvExport(handle.db, f, "UTC")).text();
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(1);
  });
});
