import "server-only";

import type { Generation } from "@/lib/calls/types";

import { codeInfo } from "./error-codes";

/** Failures that happen before or around Tencent's answer rather than inside it. */
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
  /** Which attempt (1-based) produced this error. */
  attempt?: number;
  cause?: unknown;
};

/** What an API response may show about an upstream failure (`details.upstream` in our envelope). */
export type UpstreamDetails = {
  generation: Generation;
  code: number | string;
  message: string;
  requestId: string | null;
  explanation: string;
  retryable: boolean;
};

/**
 * The one error the upstream client throws. Carries Tencent's own code and RequestId (what
 * Tencent support asks for) and a plain-language explanation for staff. Never holds a URL: the
 * query string carries the UserSig.
 */
export class TrtcError extends Error {
  readonly generation: Generation;
  readonly operation: string;
  readonly code: number | ClientErrorCode;
  readonly requestId: string | null;
  readonly httpStatus: number | undefined;
  readonly retryable: boolean;
  readonly explanation: string;
  /** True for UserSig-refusal codes (used to decide on a regenerate-and-retry). */
  readonly userSigRejected: boolean;
  readonly rateLimited: boolean;
  readonly attempt: number;

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
}

export function isTrtcError(error: unknown): error is TrtcError {
  return error instanceof TrtcError;
}
