import "server-only";

import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { createHistoryLookup } from "@/lib/events/history";
import { createArchiveLookup } from "@/lib/records/archive";
import { getTrtcClient, type TrtcClient } from "@/lib/trtc/client";

import { lookupCall, type CallSources } from "./lookup";
import type { CallDetailResult, EndCallResponse } from "./types";
import { isTrtcError } from "./upstream-error";

export function defaultSources(client: TrtcClient = getTrtcClient()): CallSources {
  return {
    recordsApi: client.recordsApi,
    getRecord: (callId, options) => client.getRecord(callId, options),
    getCallInfo: (callId) => client.getCallInfo(callId),
  };
}

export function getCallLookup(
  callId: string,
  sources: CallSources = {
    ...defaultSources(),
    archive: createArchiveLookup(getDb),
    history: createHistoryLookup(getDb),
  },
): Promise<CallDetailResult> {
  return lookupCall(callId, sources);
}

export function notFoundError(outcome: Extract<CallDetailResult, { kind: "not_found" }>): ApiError {
  return new ApiError({
    code: "not_found",
    message: `No call with ID ${outcome.details.callId} was found in Tencent's records or among live calls.`,
    details: outcome.details,
  });
}

export async function endLiveCall(
  callId: string,
  client: Pick<TrtcClient, "endCall"> = getTrtcClient(),
): Promise<EndCallResponse> {
  try {
    const res = await client.endCall(callId);
    return { callId, ended: true, confirmed: res.confirmed, requestId: res.requestId };
  } catch (error) {
    if (isTrtcError(error) && error.code === 101004) {
      throw new ApiError({
        code: "conflict",
        message: "This call is not live: it has already ended or never existed.",
        details: { upstream: error.toUpstreamDetails() },
      });
    }
    throw error;
  }
}
