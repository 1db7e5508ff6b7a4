import "server-only";

import { ApiError } from "@/lib/api/errors";
import type { CallDetailResult } from "@/lib/call-detail/types";
import type { Executor } from "@/lib/db/executor";
import type { QualityClient } from "@/lib/trtc-cloud/types";

import { readQuality, saveQuality, type ArchivedQuality } from "./archive";
import { fetchCallQuality } from "./fetch";
import type { QualityReport, QualityUnavailable } from "./types";
import { asUnavailable, EXPIRED, NOT_STARTED, noRoom, UNCONFIGURED } from "./unavailable";

/** How long Tencent keeps monitoring data. */
export const TENCENT_HISTORY_MS = 14 * 86_400_000;
/** Tencent's figures for a call stop changing this long after its end; later copies are final. */
const SETTLED_MS = 10 * 60_000;

export type QualityDeps = {
  db: () => Promise<Executor>;
  /** null when TENCENTCLOUD_* is not configured. */
  client: () => QualityClient | null;
  lookupCall: (callId: string) => Promise<CallDetailResult>;
  now: () => number;
};

export type QualityOutcome =
  | { kind: "found"; report: QualityReport }
  | { kind: "not_found"; lookup: Extract<CallDetailResult, { kind: "not_found" }> };

function fromArchive(row: ArchivedQuality, source: QualityReport["source"]): QualityReport {
  return { participants: row.participants, source, fetchedAt: row.fetchedAt };
}

const unavailable = (why: QualityUnavailable, fetchedAt: string | null = null): QualityReport => ({
  participants: [],
  source: "tencent",
  fetchedAt,
  unavailable: why,
});

/** Tencent while it keeps the data (14 days), the console's archive after that. */
export async function getCallQuality(callId: string, deps: QualityDeps): Promise<QualityOutcome> {
  const db = await deps.db();
  const archived = await readQuality(db, callId);
  const now = deps.now();
  const kept = archived && archived.participants.length > 0 ? archived : null;
  if (kept && now - Date.parse(kept.startedAt) > TENCENT_HISTORY_MS)
    return { kind: "found", report: fromArchive(kept, "archive") };

  let lookup: CallDetailResult;
  try {
    lookup = await deps.lookupCall(callId);
  } catch (error) {
    // Tencent's call APIs failing does not make the quality already fetched any less true.
    if (kept) return { kind: "found", report: fromArchive(kept, "archive") };
    throw error;
  }
  if (lookup.kind === "not_found") {
    if (kept) return { kind: "found", report: fromArchive(kept, "archive") };
    return { kind: "not_found", lookup };
  }
  const { call } = lookup.detail;
  if (!call.startedAt || !call.roomId) return { kind: "found", report: unavailable(NOT_STARTED) };
  if (now - Date.parse(call.startedAt) > TENCENT_HISTORY_MS)
    return { kind: "found", report: kept ? fromArchive(kept, "archive") : unavailable(EXPIRED) };

  // A copy fetched once the figures had settled is Tencent's answer: no need to spend the budget.
  if (kept && call.endedAt && Date.parse(kept.fetchedAt) > Date.parse(call.endedAt) + SETTLED_MS)
    return { kind: "found", report: fromArchive(kept, "tencent") };

  const client = deps.client();
  if (!client)
    return {
      kind: "found",
      report: kept ? fromArchive(kept, "archive") : unavailable(UNCONFIGURED),
    };

  try {
    const fetched = await fetchCallQuality(client, { ...call, startedAt: call.startedAt }, now);
    await saveQuality(db, fetched);
    if (fetched.unavailableReason)
      return { kind: "found", report: unavailable(noRoom(call.roomId), fetched.fetchedAt) };
    return { kind: "found", report: fromArchive(fetched, "tencent") };
  } catch (error) {
    const why = asUnavailable(error);
    if (!why) throw error;
    if (why.reason === "expired" && kept)
      return { kind: "found", report: fromArchive(kept, "archive") };
    if (why.reason === "upstream") throw upstreamError(why);
    return { kind: "found", report: unavailable(why) };
  }
}

function upstreamError(why: QualityUnavailable): ApiError {
  return new ApiError({
    code: "upstream_error",
    message: `Tencent's monitoring API failed (${why.code ?? "no code"}: ${why.message}).`,
    details: {
      upstream: {
        generation: "cloud-api",
        code: why.code ?? null,
        message: why.message,
        requestId: why.requestId ?? null,
      },
    },
  });
}
