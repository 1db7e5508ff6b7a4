import type { CallType, MediaType } from "@/lib/calls/types";

import type { LiveStatus } from "./stories";

// GET /api/live: every call in progress as Tencent's callbacks tell it. Pure: the client imports it.

export type LiveParticipant = {
  userId: string;
  role: "caller" | "callee";
  /** The same words as call detail (lib/events/stories.ts). */
  status: LiveStatus;
};

export type LiveCallItem = {
  callId: string;
  /** `null` only when neither generation's start callback arrived. */
  caller: string | null;
  callees: string[];
  callType: CallType;
  mediaType: MediaType;
  /** ISO 8601, UTC: the first event's time. */
  startedAt: string;
  participants: LiveParticipant[];
};

export type LiveCallsResponse = {
  /** Newest first. */
  items: LiveCallItem[];
  /** When the database was read (ISO 8601). */
  asOf: string;
};
