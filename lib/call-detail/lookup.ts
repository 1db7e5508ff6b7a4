import "server-only";

import { explainResult } from "@/lib/calls/explain";
import type { CallRecord, Generation } from "@/lib/calls/types";
import type { CallHistory } from "@/lib/events/history";
import { log } from "@/lib/log";
import type { CallInfoResult } from "@/lib/trtc/live";
import type { GetRecordOptions, GetRecordResult, KnownCopy, RecordsApi } from "@/lib/trtc/records";

import { buildCallView, buildTimeline } from "./build";
import type {
  CallDetail,
  CallDetailResult,
  CallView,
  DegradedUpstream,
  EventsPartView,
  LivePartView,
  RecordPartView,
} from "./types";
import { isTrtcError, problemOf } from "./upstream-error";

export type ArchivedCall = { record: CallRecord; archivedAt: string; raw?: unknown };

/** `archive` (the record index) stands in for v1's copy when it has one, and for the whole call
 *  when Tencent has neither a record nor a live call, or could not answer; `history`
 *  (events and staff endings from the database) is read alongside Tencent. */
export type CallSources = {
  recordsApi: RecordsApi;
  getRecord: (callId: string, options?: GetRecordOptions) => Promise<GetRecordResult>;
  getCallInfo: (callId: string) => Promise<CallInfoResult & { raw?: unknown }>;
  archive?: (callId: string) => Promise<ArchivedCall | null>;
  history?: (callId: string) => Promise<CallHistory>;
  /** How long the page waits for `history` beyond Tencent's answers before showing without it. */
  historyGraceMs?: number;
};

const HISTORY_GRACE_MS = 1000;
// v1 answers only for calls started within the last 7 days (reference §3.4).
const V1_WINDOW_MS = 7 * 86_400_000;
// Tencent writes a record about 5 s after a call ends; past this, a missing record is not "late".
const RECORD_WAIT_MS = 60_000;
const NO_HISTORY: CallHistory = { events: [], staffEnding: null };

/** The database is a convenience on top of Tencent: when slow or failing, the record still shows. */
async function readHistory(
  callId: string,
  sources: CallSources,
  tencent: Promise<unknown>,
): Promise<{ history: CallHistory; part: EventsPartView }> {
  if (!sources.history) return { history: NO_HISTORY, part: { state: "not_read", count: 0 } };
  const reading = sources.history(callId);
  const late = Symbol("late");
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settledFirst = false;
  const grace = tencent.then(
    () =>
      new Promise<typeof late>((resolve) => {
        if (settledFirst) return resolve(late);
        timer = setTimeout(() => resolve(late), sources.historyGraceMs ?? HISTORY_GRACE_MS);
      }),
  );
  try {
    const settled = await Promise.race([reading, grace]);
    if (settled === late) throw new Error("the event store did not answer in time");
    return { history: settled, part: { state: "read", count: settled.events.length } };
  } catch (error) {
    reading.catch(() => {});
    log.warn({ err: error, callId }, "call events could not be read");
    return { history: NO_HISTORY, part: { state: "failed", count: 0 } };
  } finally {
    settledFirst = true;
    clearTimeout(timer);
  }
}

const generationsOf = (api: RecordsApi): Generation[] => (api === "both" ? ["v4", "v1"] : [api]);

function recordParts(
  settled: PromiseSettledResult<GetRecordResult>,
  api: RecordsApi,
): RecordPartView[] {
  const error = settled.status === "rejected" ? (settled.reason as unknown) : null;
  const answered =
    settled.status === "fulfilled"
      ? settled.value.parts
      : isTrtcError(error)
        ? error.recordParts
        : undefined;
  if (answered) {
    return answered.map((p) => ({
      generation: p.generation,
      found: p.found,
      requestId: p.requestId ?? null,
      error: p.error ?? null,
      indexedAt: p.indexedAt ?? null,
      notAsked: p.notAsked ?? null,
    }));
  }
  const unanswered = { found: false, indexedAt: null, notAsked: null };
  return generationsOf(api).map((generation) =>
    isTrtcError(error) && error.generation === generation
      ? { generation, ...unanswered, requestId: error.requestId, error: problemOf(error) }
      : { generation, ...unanswered, requestId: null, error: null },
  );
}

/** Each part Tencent failed to answer, in the API's short form. */
function failuresOf(parts: { record: RecordPartView[]; live: LivePartView }): DegradedUpstream[] {
  const problems = [...parts.record.map((p) => p.error), parts.live.error];
  return problems.flatMap((p) =>
    p
      ? [{ generation: p.generation, code: p.code, message: p.message, requestId: p.requestId }]
      : [],
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

async function readArchive(callId: string, sources: CallSources): Promise<ArchivedCall | null> {
  if (!sources.archive) return null;
  try {
    return await sources.archive(callId);
  } catch (error) {
    log.warn({ err: error, callId }, "record index lookup failed");
    return null;
  }
}

function found(
  call: CallView,
  rest: Omit<CallDetail, "call" | "explanation" | "timeline" | "fetchedAt">,
): CallDetailResult {
  return {
    kind: "found",
    detail: {
      call,
      explanation: call.result === null ? null : explainResult(call.result, call.endedBy),
      timeline: buildTimeline(call),
      ...rest,
      fetchedAt: new Date().toISOString(),
    },
  };
}

/**
 * v1's by-ID request (20/s for the whole app) is spent only when it can tell something new: not
 * when the index holds v1's copy (records never change once written), not for a live call (its
 * record comes after it ends), not past v1's 7-day window.
 */
async function knownV1Copy(
  indexed: Promise<ArchivedCall | null>,
  live: Promise<CallInfoResult>,
): Promise<KnownCopy | null> {
  const hit = await indexed;
  if (hit && Date.now() - Date.parse(hit.record.startedAt) > V1_WINDOW_MS)
    return { kind: "not_asked", reason: "outside_window" };
  if (hit?.record.sources.includes("v1")) {
    return {
      kind: "indexed",
      record: { ...hit.record, sources: ["v1"] },
      indexedAt: hit.archivedAt,
    };
  }
  const info = await live.catch(() => null);
  return info?.call ? { kind: "not_asked", reason: "live" } : null;
}

/** Throws an ApiError when a Tencent failure leaves the answer unknown: never "not found". */
export async function lookupCall(callId: string, sources: CallSources): Promise<CallDetailResult> {
  const liveCall = sources.getCallInfo(callId);
  const v1 =
    sources.recordsApi === "v4" ? undefined : knownV1Copy(readArchive(callId, sources), liveCall);
  const tencent = Promise.allSettled([
    sources.getRecord(callId, v1 ? { known: { v1 } } : {}),
    liveCall,
  ]);
  const [[recordSettled, liveSettled], { history, part: eventsPart }] = await Promise.all([
    tencent,
    readHistory(callId, sources, tencent),
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

  const failure: unknown =
    recordSettled.status === "rejected"
      ? recordSettled.reason
      : liveSettled.status === "rejected"
        ? liveSettled.reason
        : null;
  // A record that is only the index's v1 copy, while Tencent failed: shown as the index's, degraded.
  const tencentAnswered = parts.record.some((p) => p.found && !p.indexedAt);
  if (live || (record && (tencentAnswered || !isTrtcError(failure)))) {
    return found(buildCallView(callId, record, live, history), {
      origin: "tencent",
      archivedAt: null,
      // Only when v4 really answered "no such call": a v4 failure says nothing about the app.
      v1Only:
        !!record &&
        record.sources.length === 1 &&
        record.sources[0] === "v1" &&
        parts.record.some((p) => p.generation === "v4" && !p.found && !p.error),
      parts: { ...parts, events: eventsPart },
      requestIds,
      raw: { record: recordResult?.raw ?? {}, live: info ? (info.raw ?? info.call) : null },
    });
  }

  // Nothing found, but a part failed: "not found" could be wrong, so the failure is the answer.
  if (isTrtcError(failure)) {
    const indexed = await readArchive(callId, sources);
    if (!indexed) throw failure.toApiError({ parts, requestIds });
    // Tencent could not answer, but the record index has the call: its copy, with the errors.
    return found(buildCallView(callId, indexed.record, null, history), {
      origin: "index",
      archivedAt: indexed.archivedAt,
      v1Only: false,
      parts: { ...parts, events: eventsPart },
      requestIds,
      raw: {
        record: recordResult?.raw ?? {},
        live: info ? (info.raw ?? null) : null,
        archive: indexed.raw ?? null,
      },
      degraded: { upstream: failuresOf(parts) },
    });
  }

  let archiveSearched = false;
  if (sources.archive) {
    try {
      archiveSearched = true;
      const archived = await sources.archive(callId);
      if (archived) {
        return found(buildCallView(callId, archived.record, null, history), {
          origin: "archive",
          archivedAt: archived.archivedAt,
          v1Only: false,
          parts: { ...parts, events: eventsPart },
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
      staffEnding: history.staffEnding,
      awaitingRecord:
        !!history.staffEnding && Date.now() - Date.parse(history.staffEnding.at) < RECORD_WAIT_MS,
    },
  };
}
