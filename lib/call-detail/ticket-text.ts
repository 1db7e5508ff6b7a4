import type { ResultExplanation } from "@/lib/calls/types";
import { qualityVerdictLabel } from "@/lib/calls/vocabulary";
import type { QualityReport } from "@/lib/quality/types";

import { formatInZone, formatUtc } from "./format-time";
import { endedByText, participantLabel, storyText } from "./story-labels";
import type { CallDetail } from "./types";

// Client-safe and pure (zone and link are passed in), so it is unit-tested as is.

function resultLine(
  result: string | null,
  explanation: ResultExplanation | null,
  live: boolean,
): string {
  if (live) return "Result: still in progress (live)";
  if (!result) return "Result: not reported";
  const label =
    explanation?.label && explanation.label !== result
      ? `${explanation.label} (${result})`
      : result;
  return `Result: ${label}${explanation ? ` – ${explanation.meaning}` : ""}`;
}

function qualityLines(quality: QualityReport): string[] {
  if (quality.unavailable || quality.participants.length === 0) return [];
  const from =
    quality.source === "archive" ? "console archive of TRTC monitoring" : "TRTC monitoring";
  return [
    `Quality (${from}):`,
    ...quality.participants.map(
      (p) => `- ${p.userId}: ${qualityVerdictLabel(p.verdict)}. ${p.sentence}`,
    ),
  ];
}

/** `quality`: the call's quality when the page has fetched it; its sentences join the text. */
export function ticketText(
  detail: CallDetail,
  link: string,
  timeZone: string,
  quality?: QualityReport,
): string {
  const { call } = detail;
  const who = (userId: string) => {
    const p = call.participants.find((x) => x.userId === userId);
    const what = p ? participantLabel(p, call.live) : "—";
    return `${userId} (${what})`;
  };
  const time = call.startedAt
    ? `Started: ${formatUtc(call.startedAt)}${timeZone === "UTC" ? "" : ` / ${formatInZone(call.startedAt, timeZone)} (${timeZone})`}`
    : "Started: not reported yet (the record appears when the call ends)";
  const lines = [
    `Call ${call.callId}`,
    time,
    resultLine(call.result, detail.explanation, call.live),
    `Caller: ${call.caller ? who(call.caller) : "unknown"}`,
    `Callees: ${call.callees.length > 0 ? call.callees.map(who).join(", ") : "none listed"}`,
  ];
  if (call.endedBy) lines.push(endedByText(call.endedBy, formatUtc));
  if (detail.timeline.talkTimeMs !== null || detail.timeline.ringTimeMs !== null) {
    lines.push(`Ring time: ${detail.timeline.ringTime}; talk time: ${detail.timeline.talkTime}`);
  }
  const stories = call.participants.filter((p) => (p.steps ?? []).length > 0);
  if (stories.length > 0) {
    lines.push("What happened to each person (time from the start):");
    for (const p of stories) lines.push(`- ${p.userId}: ${storyText(p)}`);
  }
  if (quality) lines.push(...qualityLines(quality));
  if (detail.parts.events.state === "failed") {
    lines.push(
      "Note: the console's stored events could not be read; outcomes are from the record.",
    );
  }
  if (detail.origin === "archive")
    lines.push("Source: console archive (older than Tencent's 7-day window)");
  if (detail.origin === "index") {
    const failed = (detail.degraded?.upstream ?? []).map(
      (u) => `${u.generation} ${u.code}, RequestId ${u.requestId ?? "none"}`,
    );
    lines.push(`Source: console record index; Tencent could not answer (${failed.join("; ")})`);
  }
  lines.push(`Link: ${link}`);
  return lines.join("\n");
}
