import "server-only";

import { z } from "zod";

import { callIdSchema } from "@/lib/calls/call-id";
import type { LiveCall } from "@/lib/calls/types";

import { TrtcError } from "./errors";
import { liveCallFromV4 } from "./map";
import { parsePayload } from "./parse";
import { v4CallInfoSchema, v4StartCallSchema } from "./schemas";
import type { Transport } from "./transport";

export const V4_GET_CALL_INFO = "/v4/call_engine_http_srv/get_call_info";
export const V4_END_CALL = "/v4/call_engine_http_srv/end_call";
export const V4_START_CALL_BY_ROBOT = "/v4/call_engine_http_srv/start_call_by_robot";

/** get_call_info's answer for a call that has ended or never existed. */
const NOT_LIVE = 101004;

export type CallInfoResult = {
  call: LiveCall | null;
  requestId: string | null;
  raw?: unknown;
};

export async function getCallInfo(
  transport: Transport,
  callIdInput: string,
): Promise<CallInfoResult> {
  const callId = callIdSchema.parse(callIdInput);
  const generation = "v4";
  const operation = "getCallInfo";
  try {
    const res = await transport.call({
      generation,
      operation,
      path: V4_GET_CALL_INFO,
      body: { CallId: callId },
      answers: [NOT_LIVE],
    });
    const info = parsePayload(v4CallInfoSchema, res.payload, {
      generation,
      operation,
      requestId: res.requestId,
    });
    return { call: liveCallFromV4(info), requestId: res.requestId, raw: res.raw };
  } catch (error) {
    if (error instanceof TrtcError && error.code === NOT_LIVE)
      return {
        call: null,
        requestId: error.requestId,
        raw: { code: error.code, message: error.message, requestId: error.requestId },
      };
    throw error;
  }
}

export type EndCallResult = {
  requestId: string | null;
  /** False when a retry found the call gone: our unanswered first attempt most likely ended it. */
  confirmed: boolean;
};

/** Ends a live call. Throws TrtcError 101004 when the call had already ended or never existed. */
export async function endCall(transport: Transport, callIdInput: string): Promise<EndCallResult> {
  const callId = callIdSchema.parse(callIdInput);
  try {
    const res = await transport.call({
      generation: "v4",
      operation: "endCall",
      path: V4_END_CALL,
      body: { CallId: callId },
    });
    return { requestId: res.requestId, confirmed: true };
  } catch (error) {
    if (error instanceof TrtcError && error.code === NOT_LIVE && error.attempt > 1) {
      return { requestId: error.requestId, confirmed: false };
    }
    throw error;
  }
}

const userId = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(32, "must be at most 32 characters");

export const startCallInputSchema = z.object({
  robot: userId,
  callees: z.array(userId).min(1, "needs at least one callee").max(100, "at most 100 callees"),
  mediaType: z.enum(["audio", "video"]),
  timeoutMs: z.number().int().min(10_000).max(600_000).default(30_000),
  roomId: z.string().min(1).max(64).optional(),
  roomIdType: z.union([z.literal(1), z.literal(2)]).optional(),
  userData: z
    .string()
    .refine((s) => Buffer.byteLength(s, "utf8") <= 1000, "must be at most 1000 bytes")
    .optional(),
  offlinePush: z
    .object({
      title: z.string().optional(),
      desc: z.string().optional(),
      ext: z.string().optional(),
    })
    .optional(),
});
export type StartCallInput = z.input<typeof startCallInputSchema>;

export type StartCallResult = {
  /** `null` if Tencent did not return one: the API page documents no Response. */
  callId: string | null;
  callees: { userId: string; resultCode: number | null }[];
  requestId: string | null;
};

/** Never retried where Tencent may already have acted. */
export async function startCallByRobot(
  transport: Transport,
  input: StartCallInput,
): Promise<StartCallResult> {
  const q = startCallInputSchema.parse(input);
  const generation = "v4";
  const operation = "startCallByRobot";
  const res = await transport.call({
    generation,
    operation,
    path: V4_START_CALL_BY_ROBOT,
    idempotent: false,
    body: {
      Robot_Account: q.robot,
      CalleeList_Account: q.callees,
      Timeout: q.timeoutMs,
      ...(q.userData !== undefined ? { UserData: q.userData } : {}),
      CallInfo: {
        MediaType: q.mediaType === "video" ? "Video" : "Audio",
        ...(q.roomId !== undefined ? { RoomId: q.roomId } : {}),
        ...(q.roomIdType !== undefined ? { RoomIdType: q.roomIdType } : {}),
      },
      ...(q.offlinePush
        ? {
            OfflinePushInfo: {
              PushFlag: 0,
              Title: q.offlinePush.title ?? "",
              Desc: q.offlinePush.desc ?? "",
              Ext: q.offlinePush.ext ?? "",
            },
          }
        : {}),
    },
  });
  const out = parsePayload(v4StartCallSchema, res.payload, {
    generation,
    operation,
    requestId: res.requestId,
  });
  return {
    callId: out?.CallId ?? null,
    callees: (out?.CallResult ?? []).map((r) => ({
      userId: r.Callee_Account,
      resultCode: r.ResultCode,
    })),
    requestId: res.requestId,
  };
}
