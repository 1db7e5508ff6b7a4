import "server-only";

import { createHash, timingSafeEqual } from "node:crypto";

// The receiver's own checks. Secrets are compared as sha256 digests, so the comparison takes the
// same time whatever the input's length or content.

const digest = (s: string): Buffer => createHash("sha256").update(s, "utf8").digest();

export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** How far `RequestTime` may be from this clock, either way: Tencent signs each attempt afresh. */
export const SIGN_WINDOW_SECONDS = 60;

/** Tencent Chat webhook authentication: `Sign` = hex sha256(token + RequestTime), seconds. */
export function callbackSign(token: string, requestTime: string): string {
  return createHash("sha256")
    .update(token + requestTime, "utf8")
    .digest("hex");
}

export type SignCheck = "ok" | "missing" | "expired" | "mismatch";

export function checkSign(query: URLSearchParams, token: string, nowMs: number): SignCheck {
  const requestTime = query.get("RequestTime");
  const sign = query.get("Sign");
  if (!requestTime || !sign) return "missing";
  if (!/^\d{1,12}$/.test(requestTime)) return "mismatch";
  if (Math.abs(Number(requestTime) - nowMs / 1000) > SIGN_WINDOW_SECONDS) return "expired";
  return sameSecret(sign.toLowerCase(), callbackSign(token, requestTime)) ? "ok" : "mismatch";
}
