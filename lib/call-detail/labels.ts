import type { ParticipantOutcome } from "@/lib/calls/types";

// Client-safe: no server imports.

export const OUTCOME_LABELS: Record<ParticipantOutcome, string> = {
  talked: "Talked",
  cancelled: "Cancelled the call",
  missed: "Missed (rang, not answered)",
  declined: "Declined",
  busy: "Busy on another call",
  unreachable: "Unreachable (the invitation never reached the device)",
  unanswered: "Not answered",
  dropped: "Dropped (interrupted)",
  unknown: "Not known from the record",
};

export function outcomeLabel(outcome: string | undefined): string {
  if (!outcome) return "—";
  return OUTCOME_LABELS[outcome as ParticipantOutcome] ?? outcome;
}

export const STATUS_LABELS: Record<string, string> = {
  Calling: "Calling (in the call)",
  Waiting: "Waiting (ringing)",
};

export function statusLabel(status: string | undefined): string {
  if (!status) return "No longer in the call";
  return STATUS_LABELS[status] ?? status;
}

export function mediaLabel(media: string): string {
  return media === "audio" ? "Audio" : media === "video" ? "Video" : media;
}

export function callTypeLabel(type: string | null): string {
  if (type === "single") return "1-to-1";
  if (type === "group") return "Group";
  return type ?? "—";
}

export function roomIdTypeLabel(type: number | null): string {
  if (type === 1) return "numeric (1)";
  if (type === 2) return "string (2)";
  if (type === 0) return "none (0)";
  return type === null ? "not reported" : `unknown (${type})`;
}
