import "server-only";

import { z } from "zod";

import type { Generation } from "@/lib/calls/types";

import { TrtcError } from "./errors";
import { parsePayload } from "./parse";
import { v1CallbackSchema, v4CallbackSchema } from "./schemas";
import type { Transport } from "./transport";

// Tencent keeps one callback configuration per app and generation; setting one overwrites it.

const PATHS = {
  v4: {
    get: "/v4/call_config/get_callback",
    set: "/v4/call_config/set_callback",
    delete: "/v4/call_config/delete_callback",
  },
  v1: { get: "/v1/callback/get", set: "/v1/callback/set", delete: "/v1/callback/delete" },
} as const;

export type CallbackConfig = {
  url: string;
  /** v4 command words (`Call.CallbackAfterEndCall`, …) or v1 action words (`normal_end`, …). */
  events: string[];
};

export const callbackConfigInputSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  events: z.array(z.string().trim().min(1)).min(1, "choose at least one event"),
});

const NO_CALLBACK: Record<Generation, number> = { v4: 100301, v1: 999 };

export async function getCallbackConfig(
  transport: Transport,
  generation: Generation,
): Promise<{ config: CallbackConfig | null; requestId: string | null }> {
  const operation = "getCallbackConfig";
  const none = NO_CALLBACK[generation];
  try {
    const res = await transport.call({
      generation,
      operation,
      path: PATHS[generation].get,
      body: {},
      answers: [none],
    });
    const ctx = { generation, operation, requestId: res.requestId };
    if (generation === "v4") {
      const p = parsePayload(v4CallbackSchema, res.payload ?? {}, ctx);
      return {
        config: p.Url ? { url: p.Url, events: p.CallbackCommandList } : null,
        requestId: res.requestId,
      };
    }
    const p = parsePayload(v1CallbackSchema, res.payload ?? {}, ctx);
    return {
      config: p.address ? { url: p.address, events: p.actions } : null,
      requestId: res.requestId,
    };
  } catch (error) {
    if (error instanceof TrtcError && error.code === none)
      return { config: null, requestId: error.requestId };
    throw error;
  }
}

export async function setCallbackConfig(
  transport: Transport,
  generation: Generation,
  input: CallbackConfig,
): Promise<{ requestId: string | null }> {
  const q = callbackConfigInputSchema.parse(input);
  const body =
    generation === "v4"
      ? { Url: q.url, CallbackCommandList: q.events }
      : { address: q.url, actions: q.events };
  const res = await transport.call({
    generation,
    operation: "setCallbackConfig",
    path: PATHS[generation].set,
    body,
  });
  return { requestId: res.requestId };
}

export async function deleteCallbackConfig(
  transport: Transport,
  generation: Generation,
): Promise<{ requestId: string | null }> {
  const res = await transport.call({
    generation,
    operation: "deleteCallbackConfig",
    path: PATHS[generation].delete,
    body: {},
  });
  return { requestId: res.requestId };
}
