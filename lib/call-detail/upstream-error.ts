import "server-only";

import { ApiError, type ErrorCode } from "@/lib/api/errors";
import { TrtcError } from "@/lib/trtc/errors";

import type { CallLookupErrorDetails, UpstreamProblem } from "./types";

/** Tencent's error code 50001: the app has no TUICallKit Group Call package (v1 records need it). */
export const PACKAGE_MISSING_CODE = 50001;

export function problemOf(error: TrtcError): UpstreamProblem {
  return error.toUpstreamDetails();
}

// Our status for an upstream failure: Tencent's own refusal is a bad gateway (502); not reaching
// Tencent at all is "unavailable" (503); rate limits stay rate limits (429) so the browser backs off.
function statusCodeFor(error: TrtcError): ErrorCode {
  if (error.rateLimited) return "rate_limited";
  if (error.code === "NETWORK" || error.code === "TIMEOUT") return "unavailable";
  return "upstream_error";
}

/** The API error for a failed upstream operation, with `details.upstream` as DESIGN.md asks. */
export function upstreamApiError(
  error: TrtcError,
  extra: Omit<CallLookupErrorDetails, "upstream" | "reason"> = {},
): ApiError {
  const upstream = problemOf(error);
  const packageMissing = error.code === PACKAGE_MISSING_CODE;
  const details: CallLookupErrorDetails = {
    upstream,
    reason: packageMissing ? "package_missing" : "upstream_failed",
    ...extra,
  };
  const message = packageMissing
    ? "Tencent refused the lookup: the app has no TUICallKit Group Call package (error 50001)."
    : `Tencent answered with an error (${upstream.code}: ${upstream.message}).`;
  return new ApiError({
    code: statusCodeFor(error),
    message,
    details: details as unknown as Record<string, unknown>,
    ...(error.rateLimited ? { headers: { "Retry-After": "2" } } : {}),
  });
}

/**
 * Structural, not `instanceof`: Next bundles lib/trtc into each route separately, and the shared
 * client (kept on globalThis) throws the TrtcError class of whichever bundle created it first.
 */
export function isTrtcError(error: unknown): error is TrtcError {
  if (error instanceof TrtcError) return true;
  return (
    error instanceof Error &&
    error.name === "TrtcError" &&
    typeof (error as Partial<TrtcError>).toUpstreamDetails === "function" &&
    "generation" in error &&
    "code" in error
  );
}
