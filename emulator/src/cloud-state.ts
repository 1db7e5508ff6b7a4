import type { QualitySpec } from "./cloud-quality";

// The Cloud API side of the emulator: switches tests flip, scripted quality, and what was asked
// (so tests can check the console never went over Tencent's 20 requests/s).

export type CloudState = {
  /** inactive: the app has no Monitoring Dashboard plan that covers the query. */
  plan: "active" | "inactive";
  /** denied: the key's CAM user may not call trtc:Describe*. */
  permission: "granted" | "denied";
  /** Scripted quality by call ID, then user ID. */
  overrides: Map<string, Map<string, QualitySpec>>;
  /** Real-time ms of accepted requests, per action. */
  accepted: Record<string, number[]>;
  /** Refused requests by error code. */
  refused: Record<string, number>;
};

export const newCloudState = (): CloudState => ({
  plan: "active",
  permission: "granted",
  overrides: new Map(),
  accepted: {},
  refused: {},
});

const KEEP = 50_000;

export function recordAccepted(cs: CloudState, action: string, atMs: number): void {
  const list = (cs.accepted[action] ??= []);
  list.push(atMs);
  if (list.length > KEEP) list.splice(0, list.length - KEEP);
}

/** Most requests accepted within any 1-second window, per action. */
export function maxPerSecond(cs: CloudState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [action, times] of Object.entries(cs.accepted)) {
    let best = 0;
    let lo = 0;
    for (let hi = 0; hi < times.length; hi++) {
      while (times[hi]! - times[lo]! >= 1000) lo++;
      best = Math.max(best, hi - lo + 1);
    }
    out[action] = best;
  }
  return out;
}

export function cloudStats(cs: CloudState) {
  return {
    plan: cs.plan,
    permission: cs.permission,
    requests: Object.fromEntries(Object.entries(cs.accepted).map(([a, t]) => [a, t.length])),
    maxPerSecond: maxPerSecond(cs),
    refused: cs.refused,
  };
}
