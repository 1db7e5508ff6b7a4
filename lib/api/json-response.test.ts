import { describe, expect, it } from "vitest";

import { jsonResponse, UNCOMPRESSED_JSON_LIMIT } from "./json-response";

describe("jsonResponse", () => {
  it("sends a small body uncached and marked not to be compressed", async () => {
    const res = jsonResponse({ user: "ü" }, { status: 201, headers: { "X-Request-Id": "r1" } });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(res.headers.get("x-request-id")).toBe("r1");
    expect(await res.json()).toEqual({ user: "ü" });
  });

  it("leaves a body larger than the limit free to be compressed", async () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ callId: `call-${i}`, result: "Hangup" }));
    const res = jsonResponse({ rows });
    expect(JSON.stringify({ rows }).length).toBeGreaterThan(UNCOMPRESSED_JSON_LIMIT);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await res.json()).rows).toHaveLength(400);
  });

  it("keeps a Cache-Control the caller chose", () => {
    const res = jsonResponse({}, { headers: { "Cache-Control": "private, max-age=5" } });
    expect(res.headers.get("cache-control")).toBe("private, max-age=5, no-transform");
  });
});
