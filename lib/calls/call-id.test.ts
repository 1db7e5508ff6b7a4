import { describe, expect, it } from "vitest";

import { CALL_ID_MAX_LENGTH, callIdSchema, checkCallId } from "./call-id";

describe("checkCallId", () => {
  it.each([
    "7f3c2a90-5b1e-4c2d-9a8e-0c1d2e3f4a5b",
    "r-001",
    "c1",
    "CALL_2026:01/abc",
    "x".repeat(CALL_ID_MAX_LENGTH),
  ])("accepts %s", (id) => {
    expect(checkCallId(id)).toEqual({ ok: true, callId: id });
  });

  it("trims what a copy-paste adds around the ID", () => {
    expect(checkCallId("  7f3c2a90-5b1e\n")).toEqual({ ok: true, callId: "7f3c2a90-5b1e" });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["abc def", "spaces"],
    ["abc\u0000", "control"],
    ["ab\u200bcd", "invisible"],
    ["x".repeat(CALL_ID_MAX_LENGTH + 1), "longer"],
  ])("rejects %j (%s)", (id, reason) => {
    const result = checkCallId(id);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.toLowerCase()).toContain(reason);
  });
});

describe("callIdSchema", () => {
  it("returns the trimmed ID or a zod error with the reason", () => {
    expect(callIdSchema.parse(" abc ")).toBe("abc");
    const bad = callIdSchema.safeParse("a b");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("Call ID contains spaces");
  });
});
