"use client";

import { useNow } from "@/components/records/use-now";

/** "m:ss" or "h:mm:ss". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** Time since `since`, ticking every second; blank until mounted (the server has no "now"). */
export function Elapsed({ since }: { since: string }) {
  const now = useNow(1000);
  return (
    <time dateTime={since} className="font-mono tabular-nums" suppressHydrationWarning>
      {now === 0 ? "…" : formatElapsed(now - Date.parse(since))}
    </time>
  );
}
