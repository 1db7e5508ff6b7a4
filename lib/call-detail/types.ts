import type {
  CallResult,
  CallType,
  Generation,
  LiveMemberStatus,
  MediaType,
  ParticipantOutcome,
  ResultExplanation,
  RoomIdType,
} from "@/lib/calls/types";
import type { UpstreamDetails } from "@/lib/trtc/errors";

// Type-only imports keep this module usable from client components.

export type UpstreamProblem = UpstreamDetails;

export type RecordPartView = {
  generation: Generation;
  found: boolean;
  requestId: string | null;
  error: UpstreamProblem | null;
};

export type LivePartView = {
  state: "live" | "not_live" | "error";
  requestId: string | null;
  error: UpstreamProblem | null;
};

export type RecordOrigin = "tencent" | "archive";

export type ParticipantView = {
  userId: string;
  role: "caller" | "callee";
  status?: LiveMemberStatus;
  outcome?: ParticipantOutcome;
};

export type CallView = {
  callId: string;
  /** `null` while the call is live and Tencent has not written its record yet. */
  result: CallResult | null;
  mediaType: MediaType;
  callType: CallType | null;
  caller: string | null;
  callees: string[];
  startedAt: string | null;
  acceptedAt: string | null;
  endedAt: string | null;
  roomId: string;
  roomIdType: RoomIdType | null;
  chatGroupId: string | null;
  live: boolean;
  participants: ParticipantView[];
  sources: Generation[];
};

export type CallTimeline = {
  ringTimeMs: number | null;
  talkTimeMs: number | null;
  ringTime: string;
  talkTime: string;
};

export type CallDetail = {
  call: CallView;
  explanation: ResultExplanation | null;
  timeline: CallTimeline;
  origin: RecordOrigin;
  archivedAt: string | null;
  /** Only v1 had the call though v4 was searched: made with the deprecated call()/groupCall(). */
  v1Only: boolean;
  parts: { record: RecordPartView[]; live: LivePartView };
  requestIds: string[];
  raw: { record: Partial<Record<Generation, unknown>>; live: unknown; archive?: unknown };
  fetchedAt: string;
};

export type CallNotFoundDetails = {
  callId: string;
  recordsApi: "v4" | "v1" | "both";
  searched: Generation[];
  archiveSearched: boolean;
  parts: { record: RecordPartView[]; live: LivePartView };
  requestIds: string[];
};

/** A lookup's answer: "not found" is a state for the page to explain, not a failure. */
export type CallDetailResult =
  { kind: "found"; detail: CallDetail } | { kind: "not_found"; details: CallNotFoundDetails };

export type CallLookupErrorDetails = {
  upstream: UpstreamProblem;
  reason: "package_missing" | "upstream_failed";
  parts?: { record: RecordPartView[]; live: LivePartView };
  requestIds?: string[];
};

export type EndCallResponse = {
  callId: string;
  ended: true;
  confirmed: boolean;
  requestId: string | null;
};
