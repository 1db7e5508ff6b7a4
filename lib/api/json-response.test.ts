import { describe, expect, it } from "vitest";

import { jsonResponse } from "./json-response";

describe("jsonResponse", () => {
  it("sends JSON uncached with the caller's status and headers", async () => {
    const res = jsonResponse({ user: "ü" }, { status: 201, headers: { "X-Request-Id": "r1" } });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-request-id")).toBe("r1");
    expect(await res.json()).toEqual({ user: "ü" });
  });

  it("keeps a Cache-Control the caller chose", () => {
    const res = jsonResponse({}, { headers: { "Cache-Control": "private, max-age=5" } });
    expect(res.headers.get("cache-control")).toBe("private, max-age=5");
  });
});
