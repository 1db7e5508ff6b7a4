import { OPEN } from "./call-columns";
import type { CallStore } from "./call-store";
import { OUTCOME, RESULT } from "./enums";

// Control-endpoint actions inside a live call, for demos and tests: a ringing callee accepts or
// rejects, or someone hangs up. (Robot-started calls have nobody on the other end otherwise.)

export type MemberAction = "accept" | "reject" | "hangup";

export class ActionError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

const ANSWERED = new Set<number>([RESULT.NormalEnd, RESULT.Interrupt, RESULT.Offline]);

export function memberAction(
  store: CallStore,
  row: number,
  userId: string,
  action: MemberAction,
  now: number,
): void {
  const c = store.cols;
  if (!store.isLive(row, now)) throw new ActionError(409, "the call is not live");
  const elapsed = Math.max(0, Math.floor(now - c.startMs[row]!));
  const isCaller = store.users.name(c.caller[row]!) === userId;
  const first = c.memStart[row]!;
  const count = c.memCount[row]!;
  let index = -1;
  for (let i = 0; i < count; i++)
    if (store.users.name(c.memUser[first + i]!) === userId) index = first + i;
  if (!isCaller && index === -1) throw new ActionError(404, `${userId} is not in this call`);
  const ringing = (i: number): boolean => c.memAct[i] === OPEN || c.memAct[i]! > elapsed;

  if (action === "hangup") {
    const inCall =
      c.memOutcome[index] === OUTCOME.accepted || c.memOutcome[index] === OUTCOME.joined;
    if (!isCaller && (!inCall || ringing(index))) {
      throw new ActionError(409, `${userId} has not answered, so cannot hang up`);
    }
    store.endCall(row, now, undefined, isCaller ? 0 : index - first + 1);
    return;
  }
  if (isCaller) throw new ActionError(400, `the caller cannot ${action}`);
  if (store.isUnreachable(index))
    throw new ActionError(409, `the invitation never reached ${userId}'s device`);
  const invited = c.memOutcome[index] !== OUTCOME.joined && store.invitedOff(index) <= elapsed;
  if (!ringing(index) || !invited) throw new ActionError(409, `${userId} is not ringing`);
  if (action === "accept") {
    c.memOutcome[index] = OUTCOME.accepted;
    c.memAct[index] = elapsed;
    if (c.acceptOff[row] === OPEN || c.acceptOff[row]! > elapsed) c.acceptOff[row] = elapsed;
    // A call planned to end unanswered (e.g. a robot call's timeout) now runs until someone ends it.
    if (!ANSWERED.has(c.result[row]!)) {
      c.result[row] = RESULT.NormalEnd;
      c.endOff[row] = OPEN;
    }
    store.touch(row);
    return;
  }
  c.memOutcome[index] = OUTCOME.rejected;
  c.memAct[index] = elapsed;
  let stillRinging = false;
  let answered = false;
  for (let i = first; i < first + count; i++) {
    if (ringing(i)) stillRinging = true;
    else if (c.memOutcome[i] === OUTCOME.accepted) answered = true;
  }
  // Everyone declined: the call is over, as Tencent ends a call with one participant left.
  if (!stillRinging && !answered) store.endCall(row, now, RESULT.Reject);
  else store.touch(row);
}
