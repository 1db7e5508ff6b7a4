import type { CallRecord } from "@/lib/calls/types";

// Ground truth for the insights tests, written from the definitions: it shares nothing with the SQL.

export type TruthCall = CallRecord & { ring: number | null; talk: number | null; users: string[] };

const secs = (a: string | null, b: string | null) => {
  if (a === null || b === null) return null;
  const d = (Date.parse(b) - Date.parse(a)) / 1000;
  return d >= 0 ? Math.floor(d) : null;
};

export function truthCall(r: CallRecord): TruthCall {
  return {
    ...r,
    ring: secs(r.startedAt, r.acceptedAt ?? r.endedAt),
    talk: secs(r.acceptedAt, r.endedAt),
    users: [...new Set([r.caller, ...r.callees])],
  };
}

export const within = (from: string | number, to: string | number) => (c: TruthCall) => {
  const t = Date.parse(c.startedAt);
  return t >= new Date(from).getTime() && t < new Date(to).getTime();
};

/** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
export function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = sorted[Math.floor(pos)]!;
  const hi = sorted[Math.ceil(pos)]!;
  return lo + (hi - lo) * (pos - Math.floor(pos));
}

export function percentilesOf(values: (number | null)[]) {
  const present = values.filter((v): v is number => v !== null);
  return {
    count: present.length,
    p50: percentileCont(present, 0.5),
    p90: percentileCont(present, 0.9),
  };
}

export function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export function topFailed(calls: TruthCall[], limit: number) {
  const failed = countBy(
    calls.filter((c) => c.result !== "NormalEnd").flatMap((c) => c.users.map((u) => ({ u }))),
    (x) => x.u,
  );
  return Object.entries(failed)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit);
}
