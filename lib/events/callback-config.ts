import { z } from "zod";

import type { Generation } from "@/lib/calls/types";
import { V1_CALLBACK_ACTIONS, V4_CALLBACK_COMMANDS } from "@/lib/trtc/callback-events";

// What the console asks Tencent to send it, and the shape of GET /api/admin/callbacks. Pure: the
// admin page imports it.

export const CALLBACK_GENERATIONS = ["v4", "v1"] as const satisfies readonly Generation[];

/** Where the receiver lives under the console's public URL; the token follows. */
export const RECEIVER_PATH = "/api/tencent/callbacks/";

/** Every callback the console reads: all that Tencent publishes, per generation. */
export const CONSOLE_CALLBACK_EVENTS: Record<Generation, readonly string[]> = {
  v4: V4_CALLBACK_COMMANDS,
  v1: V1_CALLBACK_ACTIONS,
};

/** `base` is the console's public URL (NEXTAUTH_URL); a path prefix in it is kept. */
export function receiverUrlFor(base: string, token: string): string {
  return `${base.replace(/\/+$/, "")}${RECEIVER_PATH}${encodeURIComponent(token)}`;
}

export function missingEvents(generation: Generation, configured: readonly string[]): string[] {
  const have = new Set(configured);
  return CONSOLE_CALLBACK_EVENTS[generation].filter((e) => !have.has(e));
}

/** The receiver URL with its token hidden, for logs, audit entries and the page's default view. */
export function maskReceiverUrl(url: string): string {
  const at = url.indexOf(RECEIVER_PATH);
  if (at < 0) return url;
  const token = url.slice(at + RECEIVER_PATH.length);
  return `${url.slice(0, at + RECEIVER_PATH.length)}${token.slice(0, 4)}${"•".repeat(12)}`;
}

const generationsList = z
  .array(z.enum(CALLBACK_GENERATIONS, { error: 'must be "v4" or "v1"' }), {
    error: 'must be a list of generations, e.g. ["v4", "v1"]',
  })
  .min(1, "name at least one generation")
  .refine((list) => new Set(list).size === list.length, "name each generation once");

/** PUT and DELETE bodies: `{"generations": ["v4", "v1"]}`. */
export const callbackGenerationsBodySchema = z.strictObject({ generations: generationsList });

/** DELETE may name them in the query instead: `?generations=v4,v1` or repeated. */
export const callbackGenerationsQuerySchema = z.strictObject({
  generations: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) =>
      v === undefined
        ? undefined
        : (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).map((s) => s.trim()),
    )
    .pipe(generationsList.optional()),
});

export type UpstreamFailure = {
  code: number | string;
  message: string;
  requestId: string | null;
  explanation: string;
};

export type CallbackGenerationState = {
  generation: Generation;
  /** What Tencent has configured; null when none, or when the lookup failed (see `error`). */
  configured: { url: string; events: string[] } | null;
  pointsHere: boolean;
  /** Events the console uses that the configuration leaves out (all of them when none). */
  missingEvents: string[];
  stats: {
    lastEventAt: string | null;
    eventsLastHour: number;
    rejectedLastDay: number;
    lastRejectedAt: string | null;
  };
  error: UpstreamFailure | null;
};

export type CallbackSetup = {
  receiverUrl: string;
  generations: CallbackGenerationState[];
};

export type CallbackChange = {
  generation: Generation;
  ok: boolean;
  requestId: string | null;
  error: UpstreamFailure | null;
};
