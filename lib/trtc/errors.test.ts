import { describe, expect, it } from "vitest";

import { codeInfo, V1_CODES, V4_CODES } from "./error-codes";
import { TrtcError } from "./errors";

describe("error tables", () => {
  it("keep the two generations apart where numbers collide", () => {
    expect(codeInfo("v1", 70001).meaning).toBe("invalid request parameters");
    expect(codeInfo("v4", 70001).meaning).toBe("UserSig expired");
    expect(codeInfo("v1", 70003).meaning).toBe("UserSig expired");
    expect(codeInfo("v4", 70003).meaning).toBe("UserSig check failed");
    expect(codeInfo("v1", 70005).rateLimited).toBe(true);
    expect(codeInfo("v4", 70005).rateLimited).toBeUndefined();
  });

  it("mark exactly the worth-retrying codes as retryable", () => {
    const retryable = (t: Record<number, { retryable?: boolean }>) =>
      Object.entries(t)
        .filter(([, v]) => v.retryable)
        .map(([k]) => Number(k))
        .sort((a, b) => a - b);
    expect(retryable(V4_CODES)).toEqual([
      60007, 60008, 60011, 60018, 60019, 70169, 91000, 100001, 101001,
    ]);
    expect(retryable(V1_CODES)).toEqual([70005]);
  });

  it("explain an unlisted code instead of failing", () => {
    expect(codeInfo("v4", 123456).explanation).toContain("123456");
    expect(codeInfo("v4", 123456).retryable).toBeUndefined();
    expect(codeInfo("v1", 99999)).toMatchObject({ meaning: "internal error", retryable: true });
  });
});

describe("TrtcError", () => {
  it("carries Tencent's code, message, RequestId and a staff explanation", () => {
    const e = new TrtcError({
      generation: "v4",
      operation: "getCallInfo",
      code: 101004,
      message: "call not exist",
      requestId: "Id-1",
    });
    expect(e).toMatchObject({
      generation: "v4",
      code: 101004,
      requestId: "Id-1",
      retryable: false,
    });
    expect(e.explanation).toBe("This call has ended or never existed; look at its record.");
    expect(e.toUpstreamDetails()).toEqual({
      generation: "v4",
      code: 101004,
      message: "call not exist",
      requestId: "Id-1",
      explanation: e.explanation,
      retryable: false,
    });
  });

  it("classifies client-side failures", () => {
    expect(
      new TrtcError({ generation: "v1", operation: "x", code: "NETWORK", message: "ECONNRESET" })
        .retryable,
    ).toBe(true);
    expect(
      new TrtcError({ generation: "v1", operation: "x", code: "BAD_RESPONSE", message: "?" })
        .retryable,
    ).toBe(false);
    const http = new TrtcError({
      generation: "v4",
      operation: "x",
      code: "HTTP_STATUS",
      httpStatus: 502,
      message: "HTTP 502",
      retryable: true,
    });
    expect(http).toMatchObject({ httpStatus: 502, retryable: true });
  });
});

describe("TrtcError.toApiError", () => {
  const err = (init: Partial<ConstructorParameters<typeof TrtcError>[0]>) =>
    new TrtcError({
      generation: "v4",
      operation: "getRecord",
      code: 101001,
      message: "boom",
      requestId: "Id-1",
      ...init,
    }).toApiError();

  it("answers 502 with details.upstream carrying Tencent's code and RequestId", () => {
    const e = err({});
    expect(e.status).toBe(502);
    expect(e.details!.upstream).toMatchObject({
      generation: "v4",
      code: 101001,
      message: "boom",
      requestId: "Id-1",
    });
    expect(e.details!.reason).toBe("upstream_failed");
  });

  it("names error 50001 as the missing Group Call package", () => {
    const e = err({ generation: "v1", code: 50001 });
    expect(e.details!.reason).toBe("package_missing");
    expect(e.message).toContain("Group Call package");
  });

  it("maps unreachable Tencent to 503 and rate limits to 429 with Retry-After", () => {
    expect(err({ code: "TIMEOUT" }).status).toBe(503);
    const limited = err({ code: 60007 });
    expect(limited.status).toBe(429);
    expect(limited.headers).toEqual({ "Retry-After": "2" });
  });

  it("says the console's own throttle is pacing, not that Tencent answered with an error", () => {
    const paced = err({ code: "THROTTLED", message: "no slot" });
    expect(paced.status).toBe(429);
    expect(paced.message).toMatch(/pacing requests to Tencent at its published limit/);
    expect(paced.message).not.toMatch(/Tencent answered/);
  });
});
