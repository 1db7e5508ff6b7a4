import { MEMBER_OUTCOMES, type MemberOutcome, type V4Result } from "./enums";

// Per-callee parts of a scripted call (`members: [...]`) and the result they imply, so that a
// script's result, member outcomes and record never disagree.

export class ControlError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** TUICallKit's default ring timeout: an unreachable callee is timed out after it. */
export const RING_TIMEOUT_MS = 30_000;

export type MemberSpec = {
  outcome: MemberOutcome;
  actedAfterMs: number | null;
  invitedAfterMs: number;
};

type Raw = Record<string, unknown>;

export function optMs(b: Raw, k: string): number | null | undefined {
  const v = b[k];
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
    throw new ControlError(k, "must be a non-negative number of ms");
  return Math.floor(v);
}

/** `members: [{userId, outcome, actedAfterMs?, invitedAfterMs?}]`, checked against the call. */
export function parseMembers(
  v: unknown,
  callees: string[],
  group: boolean,
): Map<string, MemberSpec> {
  const out = new Map<string, MemberSpec>();
  if (v === undefined) return out;
  if (!Array.isArray(v)) throw new ControlError("members", "must be an array");
  v.forEach((m: unknown, i) => {
    const at = `members[${i}]`;
    const r = (typeof m === "object" && m !== null ? m : {}) as Raw;
    const { userId, outcome } = r;
    if (typeof userId !== "string") throw new ControlError(`${at}.userId`, "must be a string");
    if (!callees.includes(userId))
      throw new ControlError(`${at}.userId`, "must be one of the callees");
    if (typeof outcome !== "string" || !(MEMBER_OUTCOMES as readonly string[]).includes(outcome)) {
      throw new ControlError(`${at}.outcome`, `must be one of ${MEMBER_OUTCOMES.join(", ")}`);
    }
    const invitedAfterMs = optMs(r, "invitedAfterMs") ?? 0;
    let actedAfterMs = optMs(r, "actedAfterMs") ?? null;
    if (outcome === "joined") {
      if (!group) throw new ControlError(`${at}.outcome`, "joined needs a group call");
      if (actedAfterMs === null)
        throw new ControlError(`${at}.actedAfterMs`, "is required: when the member joins");
      if (invitedAfterMs > 0)
        throw new ControlError(`${at}.invitedAfterMs`, "a member who joins was not invited");
    }
    if (outcome === "offline") actedAfterMs ??= invitedAfterMs + RING_TIMEOUT_MS;
    if (actedAfterMs !== null && actedAfterMs < invitedAfterMs)
      throw new ControlError(`${at}.actedAfterMs`, "must not be before invitedAfterMs");
    out.set(userId, { outcome: outcome as MemberOutcome, actedAfterMs, invitedAfterMs });
  });
  return out;
}

const IN_CALL: MemberOutcome[] = ["accepted", "joined"];

/**
 * The result a script implies when it names none: someone answered → NormalEnd; otherwise what
 * the callees did (all declined → Reject, all busy → CallBusy, a cancel → Cancel, else NotAnswer).
 */
export function impliedResult(callees: string[], specs: Map<string, MemberSpec>): V4Result {
  const outcomes = callees.map((u) => specs.get(u)?.outcome);
  if (outcomes.some((o) => o === undefined || o === "pending" || IN_CALL.includes(o)))
    return "NormalEnd";
  if (outcomes.every((o) => o === "busy")) return "CallBusy";
  if (outcomes.every((o) => o === "rejected" || o === "busy")) return "Reject";
  if (outcomes.some((o) => o === "cancelled")) return "Cancel";
  return "NotAnswer";
}

/** Refuses a result that contradicts the member outcomes (a NormalEnd nobody answered, …). */
export function checkConsistent(
  result: V4Result,
  answered: boolean,
  outcomes: MemberOutcome[],
): void {
  const inCall = outcomes.some((o) => IN_CALL.includes(o));
  if (answered && !inCall && !outcomes.includes("pending"))
    throw new ControlError("members", `a ${result} call needs a callee who accepted`);
  if (!answered && inCall)
    throw new ControlError("members", `nobody can accept or join a call that ends ${result}`);
}
