import type { SyncStatus } from "@/lib/sync/status";
import type { UserSigStatus } from "@/lib/trtc/credentials";
import type { StartCheck } from "@/lib/trtc/start-check";

// Type-only imports keep this usable from client components.

export type HealthReason =
  "database_unavailable" | "upstream_unreachable" | "upstream_check_failed" | "sync_failing";

export type Health = {
  status: "ok" | "degraded" | "unavailable";
  /** Why the status is not "ok"; empty when it is. */
  reasons: HealthReason[];
  upstream: {
    mode: "embedded" | "tencent";
    /** null when the probe could not run. */
    reachable: boolean | null;
    usersig: UserSigStatus | null;
    /** The signed request made at start, per generation (null until it has answered). */
    checks: StartCheck[] | null;
    /**
     * This instance's part of Tencent's per-app rate limits: `leased` on PostgreSQL, where the
     * instances split them (lib/fleet); on PGlite one instance keeps them whole.
     */
    rateShare: { leased: boolean; instances: number; fraction: number };
  };
  sync: Pick<
    SyncStatus,
    "state" | "lastSuccessAt" | "lagSeconds" | "records" | "incomplete"
  > | null;
};

export type SyncFacts = Pick<
  SyncStatus,
  "state" | "lastSuccessAt" | "consecutiveFailures" | "intervalSeconds"
>;

/** Failing for more than three intervals since the last success (or four attempts, if none). */
export function syncFailingTooLong(sync: SyncFacts, now: number): boolean {
  if (sync.state !== "failing") return false;
  const lastSuccess = sync.lastSuccessAt ? Date.parse(sync.lastSuccessAt) : null;
  if (lastSuccess === null) return sync.consecutiveFailures > 3;
  return now - lastSuccess > 3 * sync.intervalSeconds * 1000;
}

export function judgeHealth(
  input: {
    dbOk: boolean;
    upstreamReachable: boolean | null;
    checks?: Pick<StartCheck, "ok">[] | null;
    sync: SyncFacts | null;
  },
  now: number,
): Pick<Health, "status" | "reasons"> {
  if (!input.dbOk) return { status: "unavailable", reasons: ["database_unavailable"] };
  const reasons: HealthReason[] = [];
  if (input.upstreamReachable === false) reasons.push("upstream_unreachable");
  if (input.checks?.some((c) => !c.ok)) reasons.push("upstream_check_failed");
  if (input.sync && syncFailingTooLong(input.sync, now)) reasons.push("sync_failing");
  return { status: reasons.length ? "degraded" : "ok", reasons };
}
