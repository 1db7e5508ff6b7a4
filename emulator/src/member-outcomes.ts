import { OPEN, type CallColumns } from "./call-columns";
import { OUTCOME, type MemberStatus } from "./enums";
import { memberStatus } from "./ground-truth";

/** `ender` values: nobody (end_call, timeouts, cancels), else 0 = caller, i + 1 = callee i. */
export const ENDER_NONE = -1;

/**
 * Who ended a generated answered call: the caller or the first callee who answered, picked from
 * the row number so it is stable per seed.
 */
export function generatedEnder(c: CallColumns, row: number, seed: number): number {
  if (c.acceptOff[row] === OPEN) return ENDER_NONE;
  if ((Math.imul(row ^ seed, 0x9e3779b1) >>> 0) % 2 === 0) return 0;
  const first = c.memStart[row]!;
  for (let i = 0; i < c.memCount[row]!; i++)
    if (c.memOutcome[first + i] === OUTCOME.accepted) return i + 1;
  return 0;
}

/**
 * Fixes each member's outcome for a call ending `elapsed` ms after its start: those still ringing
 * are cancelled, those not yet invited or about to join never took part. True if anyone answered.
 */
export function settleMembersAtEnd(
  c: CallColumns,
  row: number,
  elapsed: number,
  invitedOff: (idx: number) => number,
): boolean {
  let anyAccepted = false;
  const first = c.memStart[row]!;
  for (let i = first; i < first + c.memCount[row]!; i++) {
    const acted = c.memAct[i]! !== OPEN && c.memAct[i]! <= elapsed;
    if (acted && c.memOutcome[i] === OUTCOME.accepted) anyAccepted = true;
    if (acted) continue;
    if (c.memOutcome[i] === OUTCOME.joined) {
      // Someone who meant to join later never will: they were never part of this call.
      c.memOutcome[i] = OUTCOME.pending;
      c.memAct[i] = OPEN;
    } else if (invitedOff(i) <= elapsed) {
      c.memOutcome[i] = OUTCOME.cancelled;
      c.memAct[i] = elapsed;
    } else {
      c.memOutcome[i] = OUTCOME.pending;
      c.memAct[i] = OPEN;
    }
  }
  return anyAccepted;
}

/** Member statuses as get_call_info reports them: the caller and everyone still in the call. */
export function liveMemberStatuses(
  c: CallColumns,
  row: number,
  elapsed: number,
  nameOf: (user: number) => string,
  invitedOff: (idx: number) => number,
): { userId: string; status: MemberStatus }[] {
  const out: { userId: string; status: MemberStatus }[] = [
    { userId: nameOf(c.caller[row]!), status: "Calling" },
  ];
  const first = c.memStart[row]!;
  for (let i = first; i < first + c.memCount[row]!; i++) {
    const status = memberStatus(c.memOutcome[i]!, c.memAct[i]!, elapsed, invitedOff(i));
    if (status) out.push({ userId: nameOf(c.memUser[i]!), status });
  }
  return out;
}
