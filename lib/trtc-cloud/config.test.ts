import { afterEach, describe, expect, it, vi } from "vitest";

import { EMBEDDED_EMULATOR } from "@/lib/embedded-emulator";
import { EnvError, parseEnv, resetEnvForTests } from "@/lib/env";

import { resolveQualityClient } from "./client";

// Call quality is optional: without a Cloud API key pair the console says what to set and why;
// in embedded mode the same client talks to the emulator's Cloud API with the emulator's keys.

const PRODUCTION = {
  TRTC_SDK_APP_ID: "1400123456",
  TRTC_SECRET_KEY: "app-secret",
  NEXTAUTH_SECRET: "x".repeat(32),
};

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

function envError(source: Record<string, string>): EnvError {
  try {
    parseEnv(source);
  } catch (e) {
    if (e instanceof EnvError) return e;
    throw e;
  }
  throw new Error("expected an EnvError");
}

describe("call quality configuration", () => {
  it("is unconfigured with a real app and no key pair, and the console says what to set and why", () => {
    expect(parseEnv(PRODUCTION).trtcCloud).toBeNull();
    for (const [k, v] of Object.entries(PRODUCTION)) vi.stubEnv(k, v);
    vi.stubEnv("TENCENTCLOUD_SECRET_ID", "");
    vi.stubEnv("TENCENTCLOUD_SECRET_KEY", "");
    resetEnvForTests();
    const resolved = resolveQualityClient();
    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    expect(resolved.unavailable.reason).toBe("unconfigured");
    expect(resolved.unavailable.message).toMatch(
      /TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY/,
    );
    expect(resolved.unavailable.message).toMatch(/network, device and media/);
  });

  it("uses Tencent's endpoint, the region and the app's SDKAppID when configured", () => {
    const env = parseEnv({
      ...PRODUCTION,
      TENCENTCLOUD_SECRET_ID: "AKIDreal",
      TENCENTCLOUD_SECRET_KEY: "real-key",
      TENCENTCLOUD_REGION: "ap-mumbai",
    });
    expect(env.trtcCloud).toEqual({
      endpoint: "https://trtc.tencentcloudapi.com",
      secretId: "AKIDreal",
      secretKey: "real-key",
      region: "ap-mumbai",
      sdkAppId: 1400123456,
    });
  });

  it("points embedded mode at the emulator's Cloud API with its key pair", () => {
    expect(parseEnv({ EMULATOR_PORT: "4201" }).trtcCloud).toEqual({
      endpoint: "http://trtc.localhost:4201",
      secretId: EMBEDDED_EMULATOR.cloudSecretId,
      secretKey: EMBEDDED_EMULATOR.cloudSecretKey,
      region: "ap-singapore",
      sdkAppId: EMBEDDED_EMULATOR.sdkAppId,
    });
  });

  it("refuses half a key pair, an endpoint the signature cannot name, an unknown region", () => {
    expect(envError({ ...PRODUCTION, TENCENTCLOUD_SECRET_ID: "AKIDreal" }).issues).toEqual([
      {
        variable: "TENCENTCLOUD_SECRET_KEY",
        message: "set both TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or neither",
      },
    ]);
    expect(
      envError({ TENCENTCLOUD_TRTC_ENDPOINT: "http://127.0.0.1:4010" }).issues[0],
    ).toMatchObject({
      variable: "TENCENTCLOUD_TRTC_ENDPOINT",
      message: expect.stringMatching(/host starts with trtc\./),
    });
    expect(envError({ TENCENTCLOUD_REGION: "mars" }).issues[0]?.variable).toBe(
      "TENCENTCLOUD_REGION",
    );
  });
});
