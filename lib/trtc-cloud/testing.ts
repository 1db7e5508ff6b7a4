import "server-only";

import { EMULATOR_DEFAULTS } from "@/emulator/src/defaults";
import type { Emulator } from "@/emulator/src/server";
import type { TrtcCloudConfig } from "@/lib/env";
import { memoryLogger } from "@/lib/trtc/testing";

import { createQualityClient, type QualityClientOptions } from "./client";
import { sdkClient } from "./transport";

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

export type RawAnswer =
  | { ok: true; response: Record<string, unknown> }
  | { ok: false; code: string; message: string; requestId: string };

/** Signed requests straight through the SDK, past the client's limits: to test the emulator. */
export function rawCloud(emu: Pick<Emulator, "url">, overrides: Partial<TrtcCloudConfig> = {}) {
  const client = sdkClient(cloudConfigFor(emu, overrides), 10_000);
  return async (action: string, params: Record<string, unknown>): Promise<RawAnswer> => {
    try {
      return {
        ok: true,
        response: (await client.request(action, params)) as Record<string, unknown>,
      };
    } catch (e) {
      const err = e as { code?: string; message?: string; requestId?: string };
      return {
        ok: false,
        code: err.code ?? "",
        message: err.message ?? "",
        requestId: err.requestId ?? "",
      };
    }
  };
}

export async function cloudStats(emu: Pick<Emulator, "url">): Promise<CloudStats> {
  const res = await fetch(`${emu.url}/__emulator/cloud`);
  return (await res.json()) as CloudStats;
}
