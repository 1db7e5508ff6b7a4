import type { CallInput } from "./call-store";
import { V4_RESULTS, type Generation, type MemberOutcome, type V4Result } from "./enums";
import {
  ControlError,
  checkConsistent,
  impliedResult,
  optMs,
  parseMembers,
} from "./scripted-members";

export { ControlError };

// Turns a `POST /__emulator/calls` body into a call. Tests script exactly what they need; every
// omitted field gets a plausible default that agrees with the others (result ↔ member outcomes).

type Raw = Record<string, unknown>;

function optString(b: Raw, k: string): string | undefined {
  const v = b[k];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new ControlError(k, "must be a string");
  return v;
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
  const memberSpecs = parseMembers(b.members, callees as string[], callType === "group");
  const result = (optString(b, "result") ??
    impliedResult(callees as string[], memberSpecs)) as V4Result;
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
  // The first scripted answer is when the call was answered, unless the script says otherwise.
  const firstAnswer = Math.min(
    ...[...memberSpecs.values()]
      .filter(
        (m) => (m.outcome === "accepted" || m.outcome === "joined") && m.actedAfterMs !== null,
      )
      .map((m) => m.actedAfterMs!),
  );
  const acceptAfterMs =
    acceptAfter !== undefined
      ? acceptAfter
      : !answered
        ? null
        : Number.isFinite(firstAnswer)
          ? firstAnswer
          : 5_000;
  let endAfterMs = optMs(b, "endAfterMs");
  const actTimes = (callees as string[]).map((u) => memberSpecs.get(u)?.actedAfterMs ?? null);
  if (endAfterMs === undefined) {
    // A call nobody can answer any more ends when its last callee has acted (Tencent ends a call
    // left with one participant). Otherwise live calls run until end_call, and past ones get a
    // short, plausible length.
    endAfterMs =
      !answered && actTimes.every((t) => t !== null)
        ? Math.max(...actTimes)
        : live
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
  const members = (callees as string[]).map((userId) => {
    const spec = memberSpecs.get(userId);
    return {
      userId,
      outcome: spec?.outcome ?? defaultOutcome,
      actedAfterMs: spec ? spec.actedAfterMs : defaultAct,
      invitedAfterMs: spec?.invitedAfterMs ?? 0,
    };
  });
  checkConsistent(
    result,
    answered,
    members.map((m) => m.outcome),
  );
  return {
    callId: optString(b, "callId"),
    caller,
    callees: members,
    endedBy: endedBy(b, caller, members, answered),
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

/**
 * Who hung up an answered call: the caller (default) or a callee who is in the call; null means
 * nobody did (the call was ended from the server side, as end_call does).
 */
function endedBy(
  b: Raw,
  caller: string,
  members: { userId: string; outcome: MemberOutcome }[],
  answered: boolean,
): string | null | undefined {
  const v = b.endedBy;
  if (v === undefined) return answered ? caller : undefined;
  if (v === null) return null;
  if (typeof v !== "string") throw new ControlError("endedBy", "must be a user ID or null");
  if (!answered) throw new ControlError("endedBy", "only a call someone answered is hung up");
  const m = members.find((x) => x.userId === v);
  if (v !== caller && (!m || (m.outcome !== "accepted" && m.outcome !== "joined")))
    throw new ControlError("endedBy", "must be the caller or a callee who is in the call");
  return v;
}
