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
import type { EndedBy, LiveStatus, StaffEnding, StoryStep } from "@/lib/events/stories";
import type { EventAction, EventKind } from "@/lib/events/types";
import type { UpstreamDetails } from "@/lib/trtc/errors";

// Type-only imports keep this module usable from client components.

export type UpstreamProblem = UpstreamDetails;

export type RecordPartView = {
  generation: Generation;
  found: boolean;
  requestId: string | null;
  error: UpstreamProblem | null;
  /** The record index's copy was used (synced then) instead of asking Tencent. */
  indexedAt: string | null;
  /** Tencent was not asked: the call is live (no record yet) or past v1's 7-day window. */
  notAsked: "live" | "outside_window" | null;
};

export type LivePartView = {
  state: "live" | "not_live" | "error";
  requestId: string | null;
  error: UpstreamProblem | null;
};

/** Tencent's events as the console stored them; `failed` when the database could not be read. */
export type EventsPartView = {
  state: "read" | "failed" | "not_read";
  count: number;
};

/** `index`: Tencent failed, so the record index's copy is shown (see `CallDetail.degraded`). */
export type RecordOrigin = "tencent" | "archive" | "index";

/** One part Tencent failed to answer, as `GET /api/calls/:id` reports it beside an indexed copy. */
export type DegradedUpstream = Pick<
  UpstreamProblem,
  "generation" | "code" | "message" | "requestId"
>;

export type ParticipantView = {
  userId: string;
  role: "caller" | "callee";
  /** get_call_info's own word, while the call is live. */
  status?: LiveMemberStatus;
  /** Present once this person's part is over, also while the call goes on without them. */
  outcome?: ParticipantOutcome;
  /** Where this person stands now, or where they left the call. */
  state?: LiveStatus;
  /** What happened to this person, in time order, with offsets from the call's start. */
  steps?: StoryStep[];
};

/** One of Tencent's events (`call.events`), in time order. */
export type CallEventView = {
  at: string;
  userId: string | null;
  generation: Generation;
  kind: EventKind;
  action: EventAction;
  rawAction: string;
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
  events: CallEventView[];
  /** `null` while live, or when nothing tells who ended the call. */
  endedBy: EndedBy | null;
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
  parts: { record: RecordPartView[]; live: LivePartView; events: EventsPartView };
  requestIds: string[];
  raw: { record: Partial<Record<Generation, unknown>>; live: unknown; archive?: unknown };
  /** Present only when `origin` is `index`: what Tencent failed to answer. */
  degraded?: { upstream: DegradedUpstream[] };
  fetchedAt: string;
};

export type CallNotFoundDetails = {
  callId: string;
  recordsApi: "v4" | "v1" | "both";
  searched: Generation[];
  archiveSearched: boolean;
  parts: { record: RecordPartView[]; live: LivePartView };
  requestIds: string[];
  /** From the audit log: staff ended this call from the console. */
  staffEnding: StaffEnding | null;
  /** Ended from the console moments ago: Tencent has probably not written its record yet. */
  awaitingRecord: boolean;
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
