import "server-only";

import { explainResult } from "@/lib/calls/explain";
import type { CallRecord, Generation } from "@/lib/calls/types";
import { log } from "@/lib/log";
import type { CallInfoResult } from "@/lib/trtc/live";
import type { GetRecordResult, RecordsApi } from "@/lib/trtc/records";

import { buildCallView, buildTimeline } from "./build";
import type { CallDetail, CallDetailResult, CallView, LivePartView, RecordPartView } from "./types";
import { isTrtcError, problemOf } from "./upstream-error";

export type ArchivedCall = { record: CallRecord; archivedAt: string; raw?: unknown };

/** `archive` is consulted only when Tencent has neither a record nor a live call. */
export type CallSources = {
  recordsApi: RecordsApi;
  getRecord: (callId: string) => Promise<GetRecordResult>;
  getCallInfo: (callId: string) => Promise<CallInfoResult & { raw?: unknown }>;
  archive?: (callId: string) => Promise<ArchivedCall | null>;
};

const generationsOf = (api: RecordsApi): Generation[] => (api === "both" ? ["v4", "v1"] : [api]);

function recordParts(
  settled: PromiseSettledResult<GetRecordResult>,
  api: RecordsApi,
): RecordPartView[] {
  if (settled.status === "fulfilled") {
    return settled.value.parts.map((p) => ({
      generation: p.generation,
      found: p.found,
      requestId: p.requestId ?? null,
      error: p.error ?? null,
    }));
  }
  const error = settled.reason as unknown;
  // getRecord reports only the first failing generation; the others' RequestIds are not kept.
  return generationsOf(api).map((generation) =>
    isTrtcError(error) && error.generation === generation
      ? { generation, found: false, requestId: error.requestId, error: problemOf(error) }
      : { generation, found: false, requestId: null, error: null },
  );
}

function livePart(settled: PromiseSettledResult<CallInfoResult>): LivePartView {
  if (settled.status === "fulfilled") {
    return {
      state: settled.value.call ? "live" : "not_live",
      requestId: settled.value.requestId,
      error: null,
    };
  }
  const error = settled.reason as unknown;
  return isTrtcError(error)
    ? { state: "error", requestId: error.requestId, error: problemOf(error) }
    : { state: "error", requestId: null, error: null };
}

function found(
  call: CallView,
  rest: Omit<CallDetail, "call" | "explanation" | "timeline" | "fetchedAt">,
): CallDetailResult {
  return {
    kind: "found",
    detail: {
      call,
      explanation: call.result === null ? null : explainResult(call.result),
      timeline: buildTimeline(call),
      ...rest,
      fetchedAt: new Date().toISOString(),
    },
  };
}

/** Throws an ApiError when a Tencent failure leaves the answer unknown: never "not found". */
export async function lookupCall(callId: string, sources: CallSources): Promise<CallDetailResult> {
  const [recordSettled, liveSettled] = await Promise.allSettled([
    sources.getRecord(callId),
    sources.getCallInfo(callId),
  ]);
  for (const s of [recordSettled, liveSettled]) {
    // Anything but an upstream error (a bug, a ZodError on a bad ID) is not ours to explain here.
    if (s.status === "rejected" && !isTrtcError(s.reason)) throw s.reason;
  }
  const parts = {
    record: recordParts(recordSettled, sources.recordsApi),
    live: livePart(liveSettled),
  };
  const requestIds = [
    ...parts.record.flatMap((p) => (p.requestId ? [p.requestId] : [])),
    ...(parts.live.requestId ? [parts.live.requestId] : []),
  ];
  const recordResult = recordSettled.status === "fulfilled" ? recordSettled.value : null;
  const info = liveSettled.status === "fulfilled" ? liveSettled.value : null;
  const record = recordResult?.record ?? null;
  const live = info?.call ?? null;
  const searched = generationsOf(sources.recordsApi);

  if (record || live) {
    return found(buildCallView(callId, record, live), {
      origin: "tencent",
      archivedAt: null,
      v1Only:
        !!record &&
        searched.includes("v4") &&
        record.sources.length === 1 &&
        record.sources[0] === "v1",
      parts,
      requestIds,
      raw: { record: recordResult?.raw ?? {}, live: info ? (info.raw ?? info.call) : null },
    });
  }

  // Nothing found, but a part failed: "not found" could be wrong, so the failure is the answer.
  const failure: unknown =
    recordSettled.status === "rejected"
      ? recordSettled.reason
      : liveSettled.status === "rejected"
        ? liveSettled.reason
        : null;
  if (isTrtcError(failure)) throw failure.toApiError({ parts, requestIds });

  let archiveSearched = false;
  if (sources.archive) {
    try {
      archiveSearched = true;
      const archived = await sources.archive(callId);
      if (archived) {
        return found(buildCallView(callId, archived.record, null), {
          origin: "archive",
          archivedAt: archived.archivedAt,
          v1Only: false,
          parts,
          requestIds,
          raw: {
            record: recordResult?.raw ?? {},
            live: info ? (info.raw ?? null) : null,
            archive: archived.raw ?? null,
          },
        });
      }
    } catch (error) {
      // The archive is a convenience on top of Tencent; its failure must not hide Tencent's answer.
      archiveSearched = false;
      log.warn({ err: error, callId }, "archive lookup failed");
    }
  }
  return {
    kind: "not_found",
    details: {
      callId,
      recordsApi: sources.recordsApi,
      searched,
      archiveSearched,
      parts,
      requestIds,
    },
  };
}
