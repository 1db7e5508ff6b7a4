import "server-only";

import { ApiError } from "@/lib/api/errors";
import { getEnv } from "@/lib/env";

import { FairShare } from "./fair-share";
import { V1_RECORD_BY_ID, V4_RECORD_BY_ID } from "./records";
import { limitFor } from "./throttle";

// A lookup's tightest per-app limit is its record-by-ID endpoint (v1: 20/s).
function lookupBudget(): number {
  const { recordsApi } = getEnv().trtc;
  return recordsApi === "v4" ? limitFor("v4", V4_RECORD_BY_ID) : limitFor("v1", V1_RECORD_BY_ID);
}

// On globalThis like the throttle registry: one share table per process.
const KEY = Symbol.for("call-console.trtc.upstream-share");
function shares(): FairShare {
  const g = globalThis as Record<symbol, FairShare | undefined>;
  return (g[KEY] ??= new FairShare({ budgetPerSecond: lookupBudget() }));
}

/** Throws 429 with Retry-After when this session has used up its share of Tencent's budget. */
export function takeUpstreamShare(session: string, now = Date.now()): void {
  const decision = shares().take(session, now);
  if (decision.ok) return;
  const perSecond = Math.max(1, Math.floor(decision.sharePerSecond));
  throw new ApiError({
    code: "rate_limited",
    message:
      `The console paces requests to Tencent at its published limit, shared between the ` +
      `${decision.activeSessions} staff session${decision.activeSessions === 1 ? "" : "s"} ` +
      `using it now; yours is about ${perSecond} per second. Try again in ` +
      `${decision.retryAfterSeconds} s.`,
    details: { reason: "fair_share", retryAfterSeconds: decision.retryAfterSeconds },
    headers: { "Retry-After": String(decision.retryAfterSeconds) },
  });
}
