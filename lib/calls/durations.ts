import type { CallRecord } from "./types";

type Times = Pick<CallRecord, "startedAt" | "acceptedAt" | "endedAt">;

function ms(iso: string | null): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

function span(from: number | null, to: number | null): number | null {
  if (from === null || to === null) return null;
  // Records occasionally come back inconsistent; no figure is more honest than a negative one.
  return to >= from ? to - from : null;
}

export function ringTimeMs(call: Times): number | null {
  const start = ms(call.startedAt);
  const accepted = ms(call.acceptedAt);
  return accepted !== null ? span(start, accepted) : span(start, ms(call.endedAt));
}

export function talkTimeMs(call: Times): number | null {
  return span(ms(call.acceptedAt), ms(call.endedAt));
}

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
