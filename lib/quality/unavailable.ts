import type { QualityUnavailableReason } from "@/lib/trtc-cloud/types";

import type { QualityUnavailable } from "./types";

// The monitoring client throws an error carrying `reason` (lib/trtc-cloud/errors.ts); it is read
// by shape so this layer does not depend on the class's module identity.

const REASONS = new Set<QualityUnavailableReason>([
  "unconfigured",
  "plan_inactive",
  "permission",
  "expired",
  "not_found",
  "upstream",
]);

export function asUnavailable(error: unknown): QualityUnavailable | null {
  if (typeof error !== "object" || error === null) return null;
  const e = error as Partial<QualityUnavailable> & { message?: unknown };
  if (typeof e.reason !== "string" || !REASONS.has(e.reason)) return null;
  return {
    reason: e.reason,
    message: typeof e.message === "string" ? e.message : "Tencent could not give call quality.",
    ...(typeof e.code === "string" ? { code: e.code } : {}),
    ...(typeof e.requestId === "string" ? { requestId: e.requestId } : {}),
  };
}

export const UNCONFIGURED: QualityUnavailable = {
  reason: "unconfigured",
  message:
    "Call quality comes from Tencent Cloud API 3.0 (TRTC monitoring). Set TENCENTCLOUD_SECRET_ID, " +
    "TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_REGION for an account whose application has the " +
    "TRTC Monitoring Dashboard plan, then restart the console.",
};

export const EXPIRED: QualityUnavailable = {
  reason: "expired",
  message:
    "Tencent keeps call quality for 14 days and this call is older; the console fetched none " +
    "while Tencent had it.",
};

export const NOT_STARTED: QualityUnavailable = {
  reason: "not_found",
  message: "The call has no record with a start time and room yet; quality follows once it has.",
};

export function noRoom(roomId: string): QualityUnavailable {
  return {
    reason: "not_found",
    message: `Tencent's monitoring has no room ${roomId} at the time of this call (it may have ended before media started).`,
  };
}
