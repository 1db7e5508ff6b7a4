import "server-only";

import type { Logger } from "pino";

import type { Executor } from "@/lib/db/executor";
import type { Env } from "@/lib/env";
import type { TrtcClient } from "@/lib/trtc/client";

import { consoleReceiverUrl, pointCallbacksAt } from "./callback-admin";
import { CALLBACK_GENERATIONS, maskReceiverUrl } from "./callback-config";

// Demo mode only: the console points the embedded emulator's callbacks at itself, so a newcomer
// sees events without visiting the admin page. With a real Tencent app an admin decides.

export type DemoCallbackOptions = {
  env: Pick<Env, "embedded" | "NEXTAUTH_URL" | "PORT">;
  db: Executor;
  client: Pick<TrtcClient, "setCallbackConfig" | "getCallbackConfig" | "deleteCallbackConfig">;
  logger: Logger;
  attempts?: number;
  retryDelayMs?: number;
};

/** Resolves true once both generations point here; never throws (failures are logged). */
export async function configureDemoCallbacks(options: DemoCallbackOptions): Promise<boolean> {
  if (!options.env.embedded) return false;
  const { logger, attempts = 3, retryDelayMs = 5_000 } = options;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const receiverUrl = await consoleReceiverUrl(options.db, options.env);
      const results = await pointCallbacksAt(options.client, CALLBACK_GENERATIONS, receiverUrl);
      const failed = results.filter((r) => !r.ok);
      if (failed.length === 0) {
        logger.info(
          { receiverUrl: maskReceiverUrl(receiverUrl) },
          "demo mode: the emulator's callbacks point at this console",
        );
        return true;
      }
      logger.warn(
        {
          attempt,
          failed: failed.map((r) => ({ generation: r.generation, ...r.error })),
        },
        "demo mode: could not configure the emulator's callbacks",
      );
    } catch (error) {
      logger.warn(
        { attempt, err: error instanceof Error ? { message: error.message } : error },
        "demo mode: could not configure the emulator's callbacks",
      );
    }
    if (attempt < attempts) await new Promise((r) => setTimeout(r, retryDelayMs));
  }
  return false;
}
