import { outcomeLabel, statusLabel } from "@/lib/calls/vocabulary";
import type { EndedBy, LiveStatus, StoryStep } from "@/lib/events/stories";

import type { ParticipantView } from "./types";

// Words for each person's story and for who ended a call. Client-safe: the page, the ticket text
// and tests share them, so a person reads the same while live and after the record lands.

export const STATE_LABELS: Record<LiveStatus, string> = {
  ringing: "Waiting (ringing)",
  talking: "Calling (in the call)",
  waiting: "Calling (waiting for an answer)",
  declined: outcomeLabel("declined"),
  busy: outcomeLabel("busy"),
  no_answer: outcomeLabel("missed"),
  unreachable: outcomeLabel("unreachable"),
  cancelled: "Invitation withdrawn",
  left: "Left the call",
  dropped: outcomeLabel("dropped"),
  offline: "Dropped (device went offline)",
  unknown: "No longer in the call",
};

/** One word set for a person: their outcome once their part is over, else where they are now. */
export function participantLabel(p: ParticipantView, live: boolean): string {
  if (p.outcome) return outcomeLabel(p.outcome);
  if (p.state) return STATE_LABELS[p.state];
  return live ? statusLabel(p.status) : "—";
}

const STEP_LABELS: Record<string, string> = {
  started: "started the call",
  invited: "invited",
  received: "invitation reached the device",
  accepted: "accepted",
  declined: "declined",
  busy: "busy on another call",
  no_answer: "did not answer before the ring timeout",
  joined: "joined",
  hung_up: "hung up",
  dropped: "connection dropped",
  offline: "device went offline (heartbeats stopped)",
  ended: "call ended",
  peer_accepted: "a callee accepted (seen by the caller)",
  peer_declined: "a callee declined (seen by the caller)",
  peer_no_answer: "a callee did not answer (seen by the caller)",
  peer_busy: "a callee was busy (seen by the caller)",
};

export function stepLabel(step: StoryStep, role: "caller" | "callee"): string {
  const known =
    step.action === "cancelled"
      ? role === "caller"
        ? "cancelled the call"
        : "invitation withdrawn by the caller"
      : step.kind === "unknown"
        ? undefined
        : STEP_LABELS[step.action];
  const label = known ?? `Tencent reported “${step.rawAction}”`;
  return step.fromCaller ? `${label} (reported by the caller's device)` : label;
}

/** "+0:07", "+2:31", "+1:02:03"; empty when the call's start is unknown. */
export function formatOffset(offsetMs: number | null): string {
  if (offsetMs === null) return "";
  const sign = offsetMs < 0 ? "-" : "+";
  const total = Math.floor(Math.abs(offsetMs) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, "0")}:${s}` : `${sign}${m}:${s}`;
}

/** "+0:00 invited · +0:01 invitation reached the device · +0:07 accepted". */
export function storyText(p: ParticipantView): string {
  return (p.steps ?? [])
    .map((s) => `${formatOffset(s.offsetMs)} ${stepLabel(s, p.role)}`.trim())
    .join(" · ");
}

const ENDING_ACTIONS: Record<string, string> = {
  hung_up: "hung up",
  cancelled: "cancelled before anyone answered",
  declined: "declined",
  busy: "was busy",
  dropped: "connection dropped",
};

/** "Ended by: bob (hung up)"; `time` formats the staff member's time in the reader's zone. */
export function endedByText(endedBy: EndedBy, time: (iso: string) => string): string {
  switch (endedBy.kind) {
    case "staff":
      return `Ended by staff: ${endedBy.staffEmail} at ${time(endedBy.at)}`;
    case "tencent":
      return endedBy.reason === "ring_timeout"
        ? "Ended by Tencent: nobody answered before the ring timeout"
        : `Ended by Tencent: ${endedBy.userId ? `${endedBy.userId}'s device` : "a device"} stopped sending heartbeats`;
    case "participant": {
      const what = endedBy.action ? (ENDING_ACTIONS[endedBy.action] ?? endedBy.action) : "";
      if (!endedBy.userId) {
        return `Ended by: a participant${what ? ` (${what})` : ""}; the events do not say who`;
      }
      return `Ended by: ${endedBy.userId}${what ? ` (${what})` : ""}`;
    }
  }
}
