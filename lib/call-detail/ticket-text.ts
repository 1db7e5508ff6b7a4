import type { ResultExplanation } from "@/lib/calls/types";

import { formatInZone, formatUtc } from "./format-time";
import { outcomeLabel, statusLabel } from "./labels";
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

export function ticketText(detail: CallDetail, link: string, timeZone: string): string {
  const { call } = detail;
  const who = (userId: string) => {
    const p = call.participants.find((x) => x.userId === userId);
    const what = call.live ? statusLabel(p?.status) : outcomeLabel(p?.outcome);
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
  if (detail.timeline.talkTimeMs !== null || detail.timeline.ringTimeMs !== null) {
    lines.push(`Ring time: ${detail.timeline.ringTime}; talk time: ${detail.timeline.talkTime}`);
  }
  if (detail.origin === "archive")
    lines.push("Source: console archive (older than Tencent's 7-day window)");
  lines.push(`Link: ${link}`);
  return lines.join("\n");
}
