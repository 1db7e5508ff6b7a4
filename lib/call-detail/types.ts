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

// The wire shape of GET /api/calls/:callId, shared by the route, the page's server prefetch and
// the browser. Type-only imports keep this module usable from client components.

/** What Tencent said about one part of the lookup, as `details.upstream` carries it. */
export type UpstreamProblem = UpstreamDetails;

export type RecordPartView = {
  generation: Generation;
  found: boolean;
  requestId: string | null;
  error: UpstreamProblem | null;
};

export type LivePartView = {
  /** `live`: get_call_info knows the call; `not_live`: ended or never existed (101004). */
  state: "live" | "not_live" | "error";
  requestId: string | null;
  error: UpstreamProblem | null;
};

/** Where the record came from: Tencent (within 7 days) or the console's archive (older). */
export type RecordOrigin = "tencent" | "archive";

export type ParticipantView = {
  userId: string;
  role: "caller" | "callee";
  /** get_call_info status while the call is live. */
  status?: LiveMemberStatus;
  /** What the record lets us credit this participant with (ended calls). */
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
  /** API generations that had the call (records), plus "v4" when get_call_info knew it live. */
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
  /** Set when the record came from the archive: when it was copied from Tencent. */
  archivedAt: string | null;
  /**
   * Only the v1 records had the call while v4 was searched too: it was made with the deprecated
   * TUICallKit.call()/groupCall() client APIs.
   */
  v1Only: boolean;
  parts: { record: RecordPartView[]; live: LivePartView };
  requestIds: string[];
  raw: { record: Partial<Record<Generation, unknown>>; live: unknown; archive?: unknown };
  fetchedAt: string;
};

/** `details` of the 404 answer: what was searched, so the page can say what it may mean. */
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

/** `details` of a failed lookup (502/503/429): the upstream failure and every part. */
export type CallLookupErrorDetails = {
  upstream: UpstreamProblem;
  /** `package_missing` for 50001 (no TUICallKit Group Call package), else `upstream_failed`. */
  reason: "package_missing" | "upstream_failed";
  parts?: { record: RecordPartView[]; live: LivePartView };
  requestIds?: string[];
};

export type EndCallResponse = {
  callId: string;
  ended: true;
  /** False when Tencent did not confirm (a retried request found the call already gone). */
  confirmed: boolean;
  requestId: string | null;
};
