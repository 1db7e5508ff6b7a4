import { afterEach, describe, expect, it } from "vitest";

import { resetEnvForTests } from "@/lib/env";

import { getTrtcClient } from "./client";
import { sharedEmulator } from "./testing";

// getTrtcClient() built from the environment: embedded mode reaches the emulator on EMULATOR_PORT;
// a real app's region picks Tencent's hosts.

const saved = { ...process.env };
// getTrtcClient() keeps its client on globalThis under this key (lib/trtc/client.ts).
const resetTrtcClient = () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("call-console.trtc.client")];
};
const emu = sharedEmulator({ reset: false });
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
  resetTrtcClient();
});

function useEnv(vars: Record<string, string | undefined>): void {
  process.env = { ...saved };
  for (const key of Object.keys(process.env))
    if (key.startsWith("TRTC_") || key.startsWith("EMULATOR_")) delete process.env[key];
  Object.assign(process.env, vars);
  resetEnvForTests();
  resetTrtcClient();
}

describe("getTrtcClient", () => {
  it("in embedded mode talks to the emulator on EMULATOR_PORT with the emulator's key", async () => {
    useEnv({ EMULATOR_PORT: new URL(emu.url).port, LOG_LEVEL: "silent" });
    const client = getTrtcClient();
    expect(client.mode).toBe("embedded");
    expect(client.upstream.chatBaseUrl).toBe(emu.url);
    // 101004 from the emulator is "no live call", not an error; the answer is kept for the raw panel.
    await expect(client.getCallInfo("x")).resolves.toEqual({
      call: null,
      requestId: expect.any(String),
      raw: expect.objectContaining({ code: 101004 }),
    });
    expect(getTrtcClient()).toBe(client);
  });

  it.each([
    ["kr", "https://adminapikr.im.qcloud.com", "https://callkit-intl.trtc.tencent-cloud.com"],
    ["china", "https://console.tim.qq.com", "https://callkit.trtc.tencent-cloud.com"],
  ])("with a real app, TRTC_REGION=%s picks Tencent's hosts", (region, chat, callkit) => {
    useEnv({
      TRTC_SDK_APP_ID: "1400123456",
      TRTC_SECRET_KEY: "k".repeat(64),
      NEXTAUTH_SECRET: "s".repeat(32),
      TRTC_REGION: region,
    });
    const client = getTrtcClient();
    expect(client.mode).toBe("tencent");
    expect(client.upstream).toEqual({
      sdkAppId: 1400123456,
      identifier: "administrator",
      chatBaseUrl: chat,
      callkitBaseUrl: callkit,
    });
    expect(JSON.stringify(client.upstream)).not.toContain("kkkk");
  });

  it("base-URL overrides win over the region", () => {
    useEnv({
      TRTC_SDK_APP_ID: "1400123456",
      TRTC_SECRET_KEY: "k",
      NEXTAUTH_SECRET: "s".repeat(32),
      TRTC_CHAT_BASE_URL: "http://127.0.0.1:9",
      TRTC_CALLKIT_BASE_URL: "http://127.0.0.1:8",
    });
    expect(getTrtcClient().upstream).toMatchObject({
      chatBaseUrl: "http://127.0.0.1:9",
      callkitBaseUrl: "http://127.0.0.1:8",
    });
  });
});
