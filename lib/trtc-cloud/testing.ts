import "server-only";

import { EMULATOR_DEFAULTS } from "@/emulator/src/defaults";
import type { Emulator } from "@/emulator/src/server";
import type { TrtcCloudConfig } from "@/lib/env";
import { memoryLogger } from "@/lib/trtc/testing";

import { createQualityClient, type QualityClientOptions } from "./client";

// Test helpers: a quality client pointed at an emulator over real HTTP, the way embedded mode does.

export function cloudConfigFor(
  emu: Pick<Emulator, "url">,
  overrides: Partial<TrtcCloudConfig> = {},
): TrtcCloudConfig {
  return {
    endpoint: `http://trtc.localhost:${new URL(emu.url).port}`,
    secretId: EMULATOR_DEFAULTS.cloudSecretId,
    secretKey: EMULATOR_DEFAULTS.cloudSecretKey,
    region: "ap-singapore",
    sdkAppId: EMULATOR_DEFAULTS.sdkAppId,
    ...overrides,
  };
}

export function qualityClientFor(
  emu: Pick<Emulator, "url">,
  overrides: Partial<TrtcCloudConfig> = {},
  options: QualityClientOptions = {},
) {
  const log = memoryLogger();
  const client = createQualityClient(cloudConfigFor(emu, overrides), {
    logger: log.logger,
    ...options,
  });
  return { client, log };
}

export type CloudStats = {
  plan: string;
  permission: string;
  requests: Record<string, number>;
  maxPerSecond: Record<string, number>;
  refused: Record<string, number>;
};
