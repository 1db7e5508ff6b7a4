import { describe, expect, it } from "vitest";

import { decodeCursor, encodeCursor, validSnapshot, type CursorPayload } from "./cursor";
import { recordFiltersSchema } from "./filters";

const PAYLOAD: CursorPayload = {
  v: 1,
  s: "-startedAt",
  k: "2026-11-20T08:00:00.123456Z",
  i: "call-ü-1",
  a: "754:760:755,757",
  t: "2026-11-20T09:00:00.000001Z",
  p: 3,
};

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("record cursors", () => {
  it("round-trip as opaque base64url text", () => {
    const text = encodeCursor(PAYLOAD);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(PAYLOAD);
    const back = { ...PAYLOAD, s: "talkSeconds", k: null, b: true };
    expect(decodeCursor(encodeCursor(back))).toEqual(back);
    expect(decodeCursor(encodeCursor({ ...PAYLOAD, s: "-ringSeconds", k: 42 }))?.k).toBe(42);
  });

  it.each([
    ["garbled text", "not a cursor!"],
    ["base64 of something else", Buffer.from("hello").toString("base64url")],
    ["JSON of the wrong shape", raw({ page: 2 })],
    ["an unknown version", raw({ ...PAYLOAD, v: 2 })],
    ["an extra field", raw({ ...PAYLOAD, sql: "drop table" })],
    ["a number key for a time sort", raw({ ...PAYLOAD, k: 12 })],
    ["a time key for a talk sort", raw({ ...PAYLOAD, s: "talkSeconds" })],
    ["a key time without microseconds", raw({ ...PAYLOAD, k: "2026-11-20T08:00:00Z" })],
    ["a call ID with a control character", raw({ ...PAYLOAD, i: "a\u0000b" })],
    ["page 0", raw({ ...PAYLOAD, p: 0 })],
    ["a snapshot PostgreSQL would refuse", raw({ ...PAYLOAD, a: "9:5:" })],
    ["an unknown sort", raw({ ...PAYLOAD, s: "caller" })],
  ])("refuses %s", (_, text) => {
    expect(decodeCursor(text)).toBeNull();
  });

  it.each([
    ["1:1:", true],
    ["754:760:755,757", true],
    ["754:760:755,755", true],
    ["0:5:", false],
    ["9:5:", false],
    ["5:9:4", false],
    ["5:9:9", false],
    ["5:9:7,6", false],
    ["5:9", false],
    [`1:${"9".repeat(20)}:`, false],
    ["1:9223372036854775808:", false],
  ])("snapshot %s valid: %s", (text, valid) => {
    expect(validSnapshot(text)).toBe(valid);
  });

  it("is a query parameter that names itself when bad and must match the sort", () => {
    const ok = recordFiltersSchema.safeParse({ cursor: encodeCursor(PAYLOAD) });
    expect(ok.success && ok.data.cursor).toEqual(PAYLOAD);
    const bad = recordFiltersSchema.safeParse({ cursor: "x".repeat(40) });
    expect(bad.error?.issues.map((i) => i.path)).toEqual([["cursor"]]);
    const long = recordFiltersSchema.safeParse({ cursor: "x".repeat(5000) });
    expect(long.error?.issues.map((i) => i.path)).toEqual([["cursor"]]);
    const other = recordFiltersSchema.safeParse({
      sort: "startedAt",
      cursor: encodeCursor(PAYLOAD),
    });
    expect(other.error?.issues).toMatchObject([
      { path: ["cursor"], message: expect.stringContaining("sort=-startedAt") },
    ]);
  });
});
