import type { CallInput } from "./call-store";
import {
  MEMBER_OUTCOMES,
  V4_RESULTS,
  type Generation,
  type MemberOutcome,
  type V4Result,
} from "./enums";

// Turns a `POST /__emulator/calls` body into a call. Tests script exactly what they need; every
// omitted field gets a plausible default that agrees with the others (result ↔ member outcomes).

export class ControlError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

type Raw = Record<string, unknown>;

function optString(b: Raw, k: string): string | undefined {
  const v = b[k];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new ControlError(k, "must be a string");
  return v;
}

function optMs(b: Raw, k: string): number | null | undefined {
  const v = b[k];
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
    throw new ControlError(k, "must be a non-negative number of ms");
  return Math.floor(v);
}

/** Accepts epoch ms or an ISO 8601 string. */
export function parseTime(v: unknown, field: string): number {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v !== "") {
    const n = /^-?\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (Number.isFinite(n)) return n;
  }
  throw new ControlError(field, "must be epoch milliseconds or an ISO 8601 time");
}

const ACCEPTED_RESULTS: V4Result[] = ["NormalEnd", "Interrupt", "Offline"];

export function scriptedCall(b: Raw, now: number, recordDelayMs: number): CallInput {
  const caller = optString(b, "caller");
  if (!caller) throw new ControlError("caller", "is required");
  const callees = b.callees;
  if (
    !Array.isArray(callees) ||
    callees.length === 0 ||
    !callees.every((c) => typeof c === "string" && c !== "")
  ) {
    throw new ControlError("callees", "must be a non-empty array of user IDs");
  }
  const mediaType = optString(b, "mediaType") ?? "audio";
  if (mediaType !== "audio" && mediaType !== "video")
    throw new ControlError("mediaType", 'must be "audio" or "video"');
  const callType = optString(b, "callType") ?? (callees.length > 1 ? "group" : "single");
  if (callType !== "single" && callType !== "group")
    throw new ControlError("callType", 'must be "single" or "group"');
  const result = (optString(b, "result") ?? "NormalEnd") as V4Result;
  if (!V4_RESULTS.includes(result))
    throw new ControlError("result", `must be one of ${V4_RESULTS.join(", ")}`);
  const generations = (b.generations ?? ["v1", "v4"]) as Generation[];
  if (
    !Array.isArray(generations) ||
    generations.length === 0 ||
    !generations.every((g) => g === "v1" || g === "v4")
  ) {
    throw new ControlError("generations", 'must be a non-empty array of "v1" and/or "v4"');
  }
  const live = b.live === true;
  if (b.live !== undefined && typeof b.live !== "boolean")
    throw new ControlError("live", "must be a boolean");

  const answered = ACCEPTED_RESULTS.includes(result);
  const acceptAfter = optMs(b, "acceptAfterMs");
  const acceptAfterMs = acceptAfter === undefined ? (answered ? 5_000 : null) : acceptAfter;
  let endAfterMs = optMs(b, "endAfterMs");
  if (endAfterMs === undefined) {
    // Live calls without an end run until end_call; past ones get a short, plausible length.
    endAfterMs = live
      ? null
      : acceptAfterMs !== null
        ? acceptAfterMs + 60_000
        : result === "NotAnswer"
          ? 30_000
          : 8_000;
  }
  if (acceptAfterMs !== null && endAfterMs !== null && endAfterMs < acceptAfterMs) {
    throw new ControlError("endAfterMs", "must not be before acceptAfterMs");
  }
  const startedAt =
    b.startedAt !== undefined
      ? parseTime(b.startedAt, "startedAt")
      : live
        ? now
        : now - (endAfterMs ?? 0) - recordDelayMs - 1_000;

  const roomIdType = b.roomIdType === undefined ? undefined : b.roomIdType;
  if (roomIdType !== undefined && roomIdType !== 0 && roomIdType !== 1 && roomIdType !== 2) {
    throw new ControlError("roomIdType", "must be 0, 1 or 2");
  }
  const rawRoom = b.roomId;
  if (rawRoom !== undefined && typeof rawRoom !== "string" && typeof rawRoom !== "number") {
    throw new ControlError("roomId", "must be a string or number");
  }
  const roomId: string =
    rawRoom === undefined
      ? String(10_000 + Math.floor(Math.random() * 90_000_000))
      : String(rawRoom);
  const type = roomIdType ?? (roomId === "" ? 0 : /^\d+$/.test(roomId) ? 1 : 2);

  const defaultOutcome: MemberOutcome = answered
    ? "accepted"
    : result === "Reject"
      ? "rejected"
      : result === "NotAnswer"
        ? "not_answered"
        : result === "CallBusy"
          ? "busy"
          : "cancelled";
  const defaultAct = answered ? acceptAfterMs : endAfterMs;
  const memberSpecs = parseMembers(b.members);
  return {
    callId: optString(b, "callId"),
    caller,
    callees: (callees as string[]).map((userId) => {
      const spec = memberSpecs.get(userId);
      return {
        userId,
        outcome: spec?.outcome ?? defaultOutcome,
        actedAfterMs: spec ? spec.actedAfterMs : defaultAct,
      };
    }),
    mediaType,
    callType,
    roomId,
    roomIdType: type,
    chatGroupId:
      optString(b, "chatGroupId") ??
      (callType === "group" ? `@TGS#2SCRIPT${Math.floor(Math.random() * 1e6)}` : ""),
    generations: [...new Set(generations)],
    startedAt,
    acceptAfterMs,
    endAfterMs,
    result,
  };
}

/** Optional per-callee overrides: `members: [{userId, outcome, actedAfterMs}]`. */
function parseMembers(
  v: unknown,
): Map<string, { outcome: MemberOutcome; actedAfterMs: number | null }> {
  const out = new Map<string, { outcome: MemberOutcome; actedAfterMs: number | null }>();
  if (v === undefined) return out;
  if (!Array.isArray(v)) throw new ControlError("members", "must be an array");
  v.forEach((m: unknown, i) => {
    const r = (m ?? {}) as Raw;
    const userId = r.userId;
    const outcome = r.outcome;
    if (typeof userId !== "string")
      throw new ControlError(`members[${i}].userId`, "must be a string");
    if (typeof outcome !== "string" || !(MEMBER_OUTCOMES as readonly string[]).includes(outcome)) {
      throw new ControlError(
        `members[${i}].outcome`,
        `must be one of ${MEMBER_OUTCOMES.join(", ")}`,
      );
    }
    const act = optMs(r, "actedAfterMs");
    out.set(userId, { outcome: outcome as MemberOutcome, actedAfterMs: act ?? null });
  });
  return out;
}
