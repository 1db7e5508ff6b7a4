import "server-only";

import { ApiError } from "@/lib/api/errors";
import { isTrtcError } from "@/lib/call-detail/upstream-error";
import type { Generation } from "@/lib/calls/types";
import type { Executor } from "@/lib/db/executor";
import type { Env } from "@/lib/env";
import type { TrtcClient } from "@/lib/trtc/client";

import {
  CALLBACK_GENERATIONS,
  CONSOLE_CALLBACK_EVENTS,
  missingEvents,
  receiverUrlFor,
  type CallbackChange,
  type CallbackGenerationState,
  type CallbackSetup,
  type UpstreamFailure,
} from "./callback-config";
import { callbackStats, callbackToken } from "./callback-state";

// Reading and changing Tencent's callback configuration for both generations. One generation's
// failure is reported beside the other's answer, never instead of it.

type CallbackClient = Pick<
  TrtcClient,
  "getCallbackConfig" | "setCallbackConfig" | "deleteCallbackConfig"
>;

/** The console's own receiver: NEXTAUTH_URL (the public URL) plus the path and its token. */
export async function consoleReceiverUrl(
  db: Executor,
  env: Pick<Env, "NEXTAUTH_URL" | "PORT">,
): Promise<string> {
  const base = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  return receiverUrlFor(base, await callbackToken(db));
}

function failureOf(error: unknown): UpstreamFailure {
  if (!isTrtcError(error)) throw error;
  const upstream = error.toUpstreamDetails();
  return {
    code: upstream.code,
    message: upstream.message,
    requestId: upstream.requestId,
    explanation: upstream.explanation,
  };
}

async function readGeneration(
  client: CallbackClient,
  db: Executor,
  generation: Generation,
  receiverUrl: string,
): Promise<CallbackGenerationState> {
  const [config, stats] = await Promise.all([
    client.getCallbackConfig(generation).then(
      (r) => ({ configured: r.config, error: null }),
      (error: unknown) => ({ configured: null, error: failureOf(error) }),
    ),
    callbackStats(db, generation),
  ]);
  return {
    generation,
    configured: config.configured,
    pointsHere: config.configured?.url === receiverUrl,
    missingEvents: missingEvents(generation, config.configured?.events ?? []),
    stats,
    error: config.error,
  };
}

export async function readCallbackSetup(
  client: CallbackClient,
  db: Executor,
  receiverUrl: string,
): Promise<CallbackSetup> {
  const generations = await Promise.all(
    CALLBACK_GENERATIONS.map((g) => readGeneration(client, db, g, receiverUrl)),
  );
  return { receiverUrl, generations };
}

async function change(
  generation: Generation,
  run: () => Promise<{ requestId: string | null }>,
): Promise<CallbackChange> {
  try {
    const { requestId } = await run();
    return { generation, ok: true, requestId, error: null };
  } catch (error) {
    const failure = failureOf(error);
    return { generation, ok: false, requestId: failure.requestId, error: failure };
  }
}

/** Points each generation at `receiverUrl` with every event the console reads. */
export function pointCallbacksAt(
  client: CallbackClient,
  generations: readonly Generation[],
  receiverUrl: string,
): Promise<CallbackChange[]> {
  return Promise.all(
    generations.map((g) =>
      change(g, () =>
        client.setCallbackConfig(g, {
          url: receiverUrl,
          events: [...CONSOLE_CALLBACK_EVENTS[g]],
        }),
      ),
    ),
  );
}

/**
 * A change with a failed generation answers as an upstream failure naming it (502, or 503 when
 * Tencent could not be reached); `details.results` says what happened to each generation.
 */
export function failureOfChanges(changes: CallbackChange[]): ApiError | null {
  const failed = changes.find((c) => !c.ok);
  if (!failed?.error) return null;
  const unreachable = failed.error.code === "NETWORK" || failed.error.code === "TIMEOUT";
  const done = changes.filter((c) => c.ok).map((c) => c.generation);
  return new ApiError({
    code: unreachable ? "unavailable" : "upstream_error",
    message:
      `Tencent refused the ${failed.generation} callback change (${failed.error.code}: ${failed.error.message}).` +
      (done.length > 0 ? ` ${done.join(" and ")} changed.` : ""),
    details: {
      upstream: {
        generation: failed.generation,
        code: failed.error.code,
        message: failed.error.message,
        requestId: failed.error.requestId,
        explanation: failed.error.explanation,
      },
      results: changes,
    },
  });
}

export function removeCallbacks(
  client: CallbackClient,
  generations: readonly Generation[],
): Promise<CallbackChange[]> {
  return Promise.all(generations.map((g) => change(g, () => client.deleteCallbackConfig(g))));
}
