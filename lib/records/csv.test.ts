import { describe, expect, it } from "vitest";

import { csvCell, csvHeader, csvLine, zoneFormatter } from "./csv";

describe("csv cells", () => {
  it("quotes commas, quotes and line breaks", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@sum")).toBe("'@sum");
    expect(csvCell("-2,3")).toBe(`"'-2,3"`);
  });
});

describe("zone formatter", () => {
  it("writes UTC wall time", () => {
    expect(zoneFormatter("UTC")(Date.UTC(2026, 10, 20, 3, 4, 5))).toBe("2026-11-20 03:04:05");
  });

  it("follows daylight saving time across the change", () => {
    const berlin = zoneFormatter("Europe/Berlin");
    // 2026-10-25 01:00 UTC is when Berlin goes from UTC+2 back to UTC+1.
    expect(berlin(Date.UTC(2026, 9, 25, 0, 59, 59))).toBe("2026-10-25 02:59:59");
    expect(berlin(Date.UTC(2026, 9, 25, 1, 0, 0))).toBe("2026-10-25 02:00:00");
    expect(berlin(Date.UTC(2026, 6, 1, 12, 0, 0))).toBe("2026-07-01 14:00:00");
  });

  it("handles zones with quarter-hour offsets", () => {
    expect(zoneFormatter("Asia/Kathmandu")(Date.UTC(2026, 0, 1, 0, 0, 0))).toBe(
      "2026-01-01 05:45:00",
    );
  });
});

describe("csv lines", () => {
  it("names the zone in the header and writes empty cells for missing times", () => {
    expect(csvHeader("Europe/Berlin")).toContain("started_at (Europe/Berlin)");
    const line = csvLine(
      {
        callId: "c1",
        startedMs: Date.UTC(2026, 10, 20, 3, 4, 5),
        acceptedMs: null,
        endedMs: null,
        caller: "alice",
        callees: ["bob", "carol"],
        callType: "group",
        mediaType: "video",
        result: "NotAnswer",
        ringSeconds: null,
        talkSeconds: null,
        roomId: "42",
      },
      zoneFormatter("UTC"),
    );
    expect(line).toBe(
      "c1,2026-11-20 03:04:05,alice,bob;carol,group,video,NotAnswer,,,42,,,2026-11-20T03:04:05.000Z",
    );
  });
});
