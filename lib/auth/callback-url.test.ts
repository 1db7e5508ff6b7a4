import { describe, expect, it } from "vitest";

import { safeCallbackPath } from "@/lib/auth/callback-url";

describe("safeCallbackPath", () => {
  it.each([
    ["/records?from=2024-01-01&result=Cancel#top", "/records?from=2024-01-01&result=Cancel#top"],
    ["/calls/abc%2Fdef", "/calls/abc%2Fdef"],
    ["http://localhost:3000/insights?x=1", "/insights?x=1"],
  ])("keeps the same-origin target %s", (raw, expected) => {
    expect(safeCallbackPath(raw, "http://localhost:3000")).toBe(expected);
  });

  it.each([
    "https://evil.example/phish",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http://localhost:3000.evil.example/",
    "records",
    "/login?callbackUrl=/records",
    "/api/auth/signout",
    "/ok\r\nSet-Cookie: x=1",
    "",
    null,
    undefined,
  ])("refuses %s", (raw) => {
    expect(safeCallbackPath(raw, "http://localhost:3000")).toBe("/");
  });
});
