import type { LiveStatus } from "./stories";

// Client-safe: the words for where a person stands in a call, on /live and call detail alike.

export const LIVE_STATUS_LABELS: Record<LiveStatus, string> = {
  ringing: "Ringing",
  talking: "Talking",
  declined: "Declined",
  busy: "Busy",
  no_answer: "Did not answer",
  unreachable: "Unreachable",
  cancelled: "Cancelled",
  left: "Left the call",
  dropped: "Dropped",
  offline: "Went offline",
  waiting: "Waiting for an answer",
  unknown: "Unknown",
};

export function liveStatusLabel(status: string): string {
  return LIVE_STATUS_LABELS[status as LiveStatus] ?? status;
}
