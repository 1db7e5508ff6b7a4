import type { ZodError } from "zod";

import { jsonResponse } from "@/lib/api/json-response";

// One error class and one JSON envelope for every route: {"error":{"code","message","details?"}}.

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable_entity: 422,
  rate_limited: 429,
  // Sent by the launcher's preload (scripts/client-error-answers.mjs) before Next.js runs.
  header_too_large: 431,
  internal: 500,
  upstream_error: 502,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorBody = {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
};

// The instrumentation hook and the routes each load their own copy of this module, and errors
// cross between them (the upstream client is shared), so an ApiError is known by a global brand.
const API_ERROR = Symbol.for("call-console.ApiError");

export class ApiError extends Error {
  readonly [API_ERROR] = true;
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(options: {
    code: ErrorCode;
    message: string;
    details?: Record<string, unknown>;
    headers?: Record<string, string>;
  }) {
    super(options.message);
    this.name = "ApiError";
    this.code = options.code;
    this.details = options.details;
    this.headers = options.headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return typeof error === "object" && error !== null && API_ERROR in error;
}

// Lets other layers (e.g. the upstream client) map their errors without lib/api knowing them.
export type ConvertibleToApiError = { toApiError(): ApiError };

export function isConvertibleToApiError(error: unknown): error is ConvertibleToApiError {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as Partial<ConvertibleToApiError>).toApiError === "function"
  );
}

export function fromZodError(error: ZodError, where: "params" | "query" | "body"): ApiError {
  const issues = error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join(".") : where,
    message: issue.message,
  }));
  const first = issues[0];
  return new ApiError({
    code: "unprocessable_entity",
    message: first ? `${first.field}: ${first.message}` : `invalid ${where}`,
    details: { in: where, issues },
  });
}

export function errorJson(error: ApiError, extraHeaders?: Record<string, string>): Response {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    },
  };
  return jsonResponse(body, {
    status: error.status,
    headers: { ...error.headers, ...extraHeaders },
  });
}
