import "server-only";

import { z } from "zod";

import type { Generation } from "@/lib/calls/types";

// Lenient on purpose: the v1 intro page types `errorCode` as a string and `requestId` as an
// integer while every sample does the opposite (reference §3.1, §4.1).

const code = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number);
const requestId = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === "" ? null : String(v)));

const v4Envelope = z.object({
  ActionStatus: z.string().optional(),
  ErrorCode: code,
  ErrorInfo: z.string().nullish(),
  RequestId: requestId,
  Response: z.unknown().optional(),
});

const v1Envelope = z.object({
  errorCode: code,
  errorMessage: z.string().nullish(),
  requestId,
  data: z.unknown().optional(),
});

export type Envelope = {
  code: number;
  message: string;
  requestId: string | null;
  payload: unknown;
};

export function parseEnvelope(generation: Generation, body: unknown): Envelope | { error: string } {
  if (generation === "v4") {
    const parsed = v4Envelope.safeParse(body);
    if (!parsed.success) return { error: describe(parsed.error) };
    const e = parsed.data;
    return {
      code: e.ErrorCode,
      message: e.ErrorInfo || (e.ErrorCode === 0 ? "OK" : "error"),
      requestId: e.RequestId,
      payload: e.Response,
    };
  }
  const parsed = v1Envelope.safeParse(body);
  if (!parsed.success) return { error: describe(parsed.error) };
  const e = parsed.data;
  return {
    code: e.errorCode,
    message: e.errorMessage || (e.errorCode === 0 ? "Success" : "error"),
    requestId: e.requestId,
    payload: e.data,
  };
}

export function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid payload";
  const path = issue.path.map(String).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}
