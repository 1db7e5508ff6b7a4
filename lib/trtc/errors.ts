import "server-only";

import { ApiError, type ConvertibleToApiError, type ErrorCode } from "@/lib/api/errors";
import type { Generation } from "@/lib/calls/types";

import { codeInfo } from "./error-codes";

export type ClientErrorCode =
  | "NETWORK" // connection refused, reset, DNS
  | "TIMEOUT" // an attempt or the overall deadline ran out
  | "HTTP_STATUS" // a non-200 HTTP status (502, 503, …)
  | "BAD_RESPONSE" // the body was not the JSON shape Tencent documents
  | "THROTTLED"; // our own throttle could not fit the request in before its deadline

const CLIENT_EXPLANATIONS: Record<ClientErrorCode, string> = {
  NETWORK:
    "The console could not reach Tencent. Check the server's network and the configured region or base URL.",
  TIMEOUT:
    "Tencent did not answer in time. Try again; if it keeps happening, check Tencent's status page.",
  HTTP_STATUS:
    "Tencent's gateway returned an error page. This is usually temporary; try again shortly.",
  BAD_RESPONSE:
    "Tencent answered with data the console does not understand. Report this with the RequestId.",
  THROTTLED:
    "The console is already sending as many requests as Tencent allows. Try again in a few seconds.",
};

export type TrtcErrorInit = {
  generation: Generation;
  operation: string;
  code: number | ClientErrorCode;
  message: string;
  requestId?: string | null;
  httpStatus?: number;
  retryable?: boolean;
  attempt?: number;
  cause?: unknown;
};

const PACKAGE_MISSING_CODE = 50001;

export type UpstreamDetails = {
  generation: Generation;
  code: number | string;
  message: string;
  requestId: string | null;
  explanation: string;
  retryable: boolean;
};

// Never holds a URL: the query string carries the UserSig.
export class TrtcError extends Error implements ConvertibleToApiError {
  readonly generation: Generation;
  readonly operation: string;
  readonly code: number | ClientErrorCode;
  readonly requestId: string | null;
  readonly httpStatus: number | undefined;
  readonly retryable: boolean;
  readonly explanation: string;
  readonly userSigRejected: boolean;
  readonly rateLimited: boolean;
  readonly attempt: number;
  /** Set by getRecord when no generation had the call: every generation's answer, not only this one. */
  recordParts?: {
    generation: Generation;
    found: boolean;
    requestId?: string;
    error?: UpstreamDetails;
    indexedAt?: string;
    notAsked?: "live" | "outside_window";
  }[];

  constructor(init: TrtcErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "TrtcError";
    this.generation = init.generation;
    this.operation = init.operation;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.httpStatus = init.httpStatus;
    this.attempt = init.attempt ?? 1;
    if (typeof init.code === "number") {
      const info = codeInfo(init.generation, init.code);
      this.retryable = init.retryable ?? info.retryable ?? false;
      this.explanation = info.explanation;
      this.userSigRejected = info.userSigRejected ?? false;
      this.rateLimited = info.rateLimited ?? false;
    } else {
      const transient =
        init.code === "NETWORK" || init.code === "TIMEOUT" || init.code === "THROTTLED";
      this.retryable = init.retryable ?? transient;
      this.explanation = CLIENT_EXPLANATIONS[init.code];
      this.userSigRejected = false;
      this.rateLimited = init.code === "THROTTLED";
    }
  }

  toUpstreamDetails(): UpstreamDetails {
    return {
      generation: this.generation,
      code: this.code,
      message: this.message,
      requestId: this.requestId,
      explanation: this.explanation,
      retryable: this.retryable,
    };
  }

  // Tencent's refusal is a bad gateway, not reaching it is "unavailable", and rate limits stay
  // "rate_limited" so the browser backs off.
  toApiError(extra: Record<string, unknown> = {}): ApiError {
    const upstream = this.toUpstreamDetails();
    const packageMissing = this.code === PACKAGE_MISSING_CODE;
    const code: ErrorCode = this.rateLimited
      ? "rate_limited"
      : this.code === "NETWORK" || this.code === "TIMEOUT"
        ? "unavailable"
        : "upstream_error";
    return new ApiError({
      code,
      message: packageMissing
        ? "Tencent refused the lookup: the app has no TUICallKit Group Call package (error 50001)."
        : this.code === "THROTTLED"
          ? "The console is pacing requests to Tencent at its published limit for this app, and no slot came free in time. Try again in a few seconds."
          : `Tencent answered with an error (${upstream.code}: ${upstream.message}).`,
      details: {
        upstream,
        reason: packageMissing ? "package_missing" : "upstream_failed",
        ...extra,
      },
      ...(this.rateLimited ? { headers: { "Retry-After": "2" } } : {}),
    });
  }
}

export function isTrtcError(error: unknown): error is TrtcError {
  return error instanceof TrtcError;
}
