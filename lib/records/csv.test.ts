import { describe, expect, it } from "vitest";

import { csvCell, csvHeader } from "./csv";

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

describe("csv header", () => {
  it("names the zone in every time column", () => {
    const header = csvHeader("Europe/Berlin").split(",");
    expect(header).toContain("started_at (Europe/Berlin)");
    expect(header).toContain("accepted_at (Europe/Berlin)");
    expect(header).toContain("ended_at (Europe/Berlin)");
    expect(header.at(-1)).toBe("started_at_utc");
    expect(header).toHaveLength(16);
  });

  it("puts the console's label beside each code", () => {
    const header = csvHeader("UTC").split(",");
    for (const code of ["call_type", "media_type", "result"])
      expect(header[header.indexOf(code) + 1]).toBe(`${code}_label`);
  });
});
