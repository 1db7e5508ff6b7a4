// Display helpers for the record views. Client-safe; lib/calls/durations.ts is server-only, so
// the index's whole seconds are formatted here in the same style ("45s", "2m 05s", "1h 02m 03s").

export function formatSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return "—";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** "12 s ago", "4 min ago", "3 h ago". */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** Tencent keeps records for 7 days; older rows in the index are archived copies. */
export const UPSTREAM_WINDOW_MS = 7 * 86_400_000;

export const KNOWN_RESULTS = [
  "NormalEnd",
  "Cancel",
  "Reject",
  "NotAnswer",
  "CallBusy",
  "Interrupt",
  "Offline",
] as const;

// Same wording as lib/calls/explain.ts (server-only), so a result reads the same on every page.
export const RESULT_LABELS: Record<string, string> = {
  NormalEnd: "Ended normally",
  Cancel: "Cancelled",
  Reject: "Declined",
  NotAnswer: "Not answered",
  CallBusy: "Busy",
  Interrupt: "Interrupted",
  Offline: "Dropped (offline)",
};
