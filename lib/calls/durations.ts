import type { CallRecord } from "./types";

type Times = Pick<CallRecord, "startedAt" | "acceptedAt" | "endedAt">;

function ms(iso: string | null): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

function span(from: number | null, to: number | null): number | null {
  if (from === null || to === null) return null;
  // Upstream clocks are in whole seconds and records occasionally come back inconsistent; a
  // negative span means the data is wrong, and "no figure" is more honest than a negative one.
  return to >= from ? to - from : null;
}

/**
 * How long the call rang: start → accept, or start → end when nobody ever answered. `null` while a
 * call is still ringing (no accept, no end) or when the times are inconsistent.
 */
export function ringTimeMs(call: Times): number | null {
  const start = ms(call.startedAt);
  const accepted = ms(call.acceptedAt);
  return accepted !== null ? span(start, accepted) : span(start, ms(call.endedAt));
}

/** How long the parties talked: accept → end. `null` when the call never connected or has not ended. */
export function talkTimeMs(call: Times): number | null {
  return span(ms(call.acceptedAt), ms(call.endedAt));
}

/**
 * Compact duration for tables: `45s`, `2m 05s`, `1h 02m 03s`. Rounds down to whole seconds
 * because the upstream only has second precision. `null` or negative → an em dash.
 */
export function formatDuration(durationMs: number | null): string {
  if (durationMs === null || !Number.isFinite(durationMs) || durationMs < 0) return "—";
  const total = Math.floor(durationMs / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}
