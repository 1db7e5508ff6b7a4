import type { ParticipantOutcome } from "./types";

// The console's words for call facts: the page, the ticket text, insights and the CSV export all
// read them from here, so a code reads the same everywhere. Pure: server and client import it.
// "Dropped" means one thing: a person's connection to a call broke off without anyone hanging up.

export const OUTCOME_LABELS: Record<ParticipantOutcome, string> = {
  talked: "Talked",
  cancelled: "Cancelled the call",
  missed: "Missed (rang, not answered)",
  declined: "Declined",
  busy: "Busy on another call",
  unreachable: "Unreachable (the invitation never reached the device)",
  no_answer: "No answer (nobody picked up)",
  callee_declined: "Declined by the callee",
  callee_busy: "Callee busy on another call",
  dropped: "Dropped (connection lost)",
  unknown: "Not known from the record",
};

export function outcomeLabel(outcome: string | null | undefined): string {
  if (!outcome) return "—";
  return OUTCOME_LABELS[outcome as ParticipantOutcome] ?? outcome;
}

/** Short names of Tencent's results; `explainResult` adds what each means and what to do. */
export const RESULT_LABELS: Record<string, string> = {
  NormalEnd: "Ended normally",
  Cancel: "Cancelled",
  Reject: "Declined",
  NotAnswer: "Not answered",
  CallBusy: "Busy",
  Interrupt: "Interrupted",
  Offline: "Device offline",
};

/** An unknown upstream value is shown as Tencent sent it. */
export const resultLabel = (result: string): string => RESULT_LABELS[result] ?? result;

export const CALL_TYPE_LABELS: Record<string, string> = { single: "1-to-1", group: "Group" };

export function callTypeLabel(type: string | null | undefined): string {
  if (!type) return "—";
  return CALL_TYPE_LABELS[type] ?? type;
}

export const MEDIA_LABELS: Record<string, string> = { audio: "Audio", video: "Video" };

export function mediaLabel(media: string | null | undefined): string {
  if (!media) return "—";
  return MEDIA_LABELS[media] ?? media;
}

/** The records filter `answered`: whether someone picked up (an accept time), however it ended. */
export const ANSWERED_LABELS: Record<string, string> = { yes: "Answered", no: "Never answered" };

/** `get_call_info`'s member status, for someone still listed in a live call. */
export const STATUS_LABELS: Record<string, string> = {
  Calling: "Calling (in the call)",
  Waiting: "Waiting (ringing)",
};

export function statusLabel(status: string | undefined): string {
  if (!status) return "No longer in the call";
  return STATUS_LABELS[status] ?? status;
}

export function roomIdTypeLabel(type: number | null): string {
  if (type === 1) return "numeric (1)";
  if (type === 2) return "string (2)";
  if (type === 0) return "none (0)";
  return type === null ? "not reported" : `unknown (${type})`;
}

/** Call quality: a participant's verdict from Tencent's loss bands (lib/calls/quality.ts). */
export const QUALITY_VERDICT_LABELS: Record<string, string> = {
  good: "Good",
  fair: "Fair",
  poor: "Poor",
  unknown: "No data",
};

export const qualityVerdictLabel = (verdict: string): string =>
  QUALITY_VERDICT_LABELS[verdict] ?? verdict;

/** Tencent's packet-loss bands: under 2 % good, over 5 % poor, over 10 % congested. */
export const LOSS_GRADE_LABELS: Record<string, string> = {
  good: "Good (under 2 %)",
  fair: "Fair (2–5 %)",
  poor: "Poor (over 5 %)",
  congested: "Congested (over 10 %)",
};

/** The records filter `quality`: any participant poor, once quality was fetched. */
export const QUALITY_FILTER_LABELS: Record<string, string> = {
  poor: "Poor (any participant)",
  fair: "Fair",
  good: "Good",
  unknown: "Not fetched",
};

/** Why quality is not shown, in staff words (the message adds the fix). */
export const QUALITY_UNAVAILABLE_LABELS: Record<string, string> = {
  unconfigured: "Not configured",
  plan_inactive: "Monitoring plan not active",
  permission: "No permission",
  expired: "Older than Tencent keeps",
  not_found: "No room data",
  upstream: "Tencent did not answer",
};
