import { describe, expect, it } from "vitest";

import { MAX_LOOKUP_IDS, NOT_A_CALL_LINK, parseLookupInput } from "./parse-lookup-input";

const A = "7f3c2a90-5b1e-4c2d-9a8e-0c1d2e3f4a5b";
const B = "9b2f6c1e-3a4d-4e5f-8a7b-1c2d3e4f5a6b";

describe("parseLookupInput", () => {
  it("takes a bare ID, trimming whitespace", () => {
    expect(parseLookupInput(`   ${A}\n`).callIds).toEqual([A]);
  });

  it("accepts IDs that are not UUIDs", () => {
    expect(parseLookupInput("call-42_x").callIds).toEqual(["call-42_x"]);
  });

  it("takes the ID out of an absolute or relative console link, ignoring query and hash", () => {
    expect(parseLookupInput(`https://console.example.com/calls/${A}?tab=raw#x`).callIds).toEqual([
      A,
    ]);
    expect(parseLookupInput("see /calls/abc%2Fdef for details").callIds).toEqual(["abc/def"]);
  });

  it("splits lists by lines and commas, drops duplicates and keeps order", () => {
    const parsed = parseLookupInput(`${B}, ${A}\n\n${B};${A}`);
    expect(parsed.callIds).toEqual([B, A]);
    expect(parsed.entries).toHaveLength(2);
  });

  it("trims surrounding text: labels, quotes, brackets and punctuation", () => {
    expect(parseLookupInput(`Call ID: "call-77".`).callIds).toEqual(["call-77"]);
    expect(parseLookupInput(`callId=(call-78)`).callIds).toEqual(["call-78"]);
    expect(parseLookupInput(`The customer says call ${A} dropped after a minute`).callIds).toEqual([
      A,
    ]);
  });

  it("reports a malformed entry of a list with a reason instead of an ID", () => {
    const parsed = parseLookupInput(`${A}\nx${"y".repeat(200)}`);
    expect(parsed.callIds).toEqual([A]);
    expect(parsed.entries.filter((e) => !e.ok)).toEqual([
      { ok: false, input: `x${"y".repeat(200)}`, reason: "Call ID is longer than 128 characters" },
    ]);
  });

  it("looks up only the words of pasted prose that look like call IDs", () => {
    const ticket = `Hi team,\nmy call to bob failed yesterday around 3pm (call ${A}), and again today: ${B}.\nThanks, Ann (user_1234, room 88)`;
    const parsed = parseLookupInput(ticket);
    expect(parsed.callIds).toEqual([A, B]);
    expect(parsed.entries).toHaveLength(2);
    expect(parsed.entries.every((e) => e.ok)).toBe(true);
    expect(parseLookupInput("not a call id")).toEqual({ entries: [], callIds: [], truncated: 0 });
  });

  it("takes long generated IDs out of prose, but not words, names or numbers", () => {
    const parsed = parseLookupInput(
      "failed twice: call_9f8e7d6c5b4a3210 then 20261120-1500-abcdef; phone 13800138000, bobby_smith_the_third",
    );
    expect(parsed.callIds).toEqual(["call_9f8e7d6c5b4a3210", "20261120-1500-abcdef"]);
  });

  it("takes call links out of prose and skips links to other pages", () => {
    const parsed = parseLookupInput(
      `see https://console.example.com/calls/${A} and /records?user=bob&from=2026-11-19 too`,
    );
    expect(parsed.callIds).toEqual([A]);
    expect(parsed.entries).toHaveLength(1);
  });

  it("says a lone link to another console page is not a call, instead of looking it up", () => {
    for (const link of [
      "http://127.0.0.1:3000/records?user=bob&from=2026-11-19T00:00",
      "https://console.example.com/users/bob",
      "/insights?bucket=hour",
    ]) {
      expect(parseLookupInput(link)).toEqual({
        entries: [{ ok: false, input: link, reason: NOT_A_CALL_LINK }],
        callIds: [],
        truncated: 0,
      });
    }
  });

  it("rejects invisible characters pasted from a ticket", () => {
    const parsed = parseLookupInput("abc\u200bdef");
    expect(parsed.callIds).toEqual([]);
    expect(parsed.entries[0]).toMatchObject({ ok: false });
  });

  it("returns nothing for blank input", () => {
    expect(parseLookupInput(" \n , ")).toEqual({ entries: [], callIds: [], truncated: 0 });
  });

  it(`keeps at most ${MAX_LOOKUP_IDS} IDs and says how many were left out`, () => {
    const ids = Array.from({ length: MAX_LOOKUP_IDS + 3 }, (_, i) => `call-${i}`);
    const parsed = parseLookupInput(ids.join("\n"));
    expect(parsed.callIds).toHaveLength(MAX_LOOKUP_IDS);
    expect(parsed.truncated).toBe(3);
    expect(parsed.entries).toHaveLength(MAX_LOOKUP_IDS);
  });
});
