import { describe, expect, it } from "vitest";

import { TrtcError } from "@/lib/trtc/errors";

import type { CallLookupErrorDetails } from "./types";
import { isTrtcError, upstreamApiError } from "./upstream-error";

describe("isTrtcError", () => {
  it("recognises a TrtcError thrown by another bundle's copy of the class", () => {
    const Copy = class extends Error {
      name = "TrtcError";
      generation = "v4";
      code = 101001;
      toUpstreamDetails() {
        return {};
      }
    };
    expect(isTrtcError(new Copy("x"))).toBe(true);
    expect(
      isTrtcError(
        new TrtcError({ generation: "v4", operation: "getRecord", code: 101001, message: "x" }),
      ),
    ).toBe(true);
    expect(isTrtcError(new Error("plain"))).toBe(false);
    expect(isTrtcError({ name: "TrtcError", toUpstreamDetails: () => ({}) })).toBe(false);
  });
});

describe("upstreamApiError", () => {
  const err = (init: Partial<ConstructorParameters<typeof TrtcError>[0]>) =>
    upstreamApiError(
      new TrtcError({
        generation: "v4",
        operation: "getRecord",
        code: 101001,
        message: "boom",
        requestId: "Id-1",
        ...init,
      }),
    );

  it("answers 502 with details.upstream carrying Tencent's code and RequestId", () => {
    const e = err({});
    expect(e.status).toBe(502);
    expect((e.details as CallLookupErrorDetails).upstream).toMatchObject({
      generation: "v4",
      code: 101001,
      message: "boom",
      requestId: "Id-1",
    });
    expect((e.details as CallLookupErrorDetails).reason).toBe("upstream_failed");
  });

  it("names error 50001 as the missing Group Call package", () => {
    const e = err({ generation: "v1", code: 50001 });
    expect((e.details as CallLookupErrorDetails).reason).toBe("package_missing");
    expect(e.message).toContain("Group Call package");
  });

  it("maps unreachable Tencent to 503 and rate limits to 429 with Retry-After", () => {
    expect(err({ code: "TIMEOUT" }).status).toBe(503);
    const limited = err({ code: 60007 });
    expect(limited.status).toBe(429);
    expect(limited.headers).toEqual({ "Retry-After": "2" });
  });
});
