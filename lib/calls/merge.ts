import type { CallRecord, Generation } from "./types";

const ORDER: Generation[] = ["v4", "v1"];

/**
 * Distinct IDs in first-seen order, without the caller. (Not with filter(): its result keeps room
 * for 17 entries, and the record-index sync holds one such list per record in flight.)
 */
export function calleeList(ids: readonly string[], caller: string): string[] {
  const out = [...new Set(ids)];
  const at = out.indexOf(caller);
  if (at !== -1) out.splice(at, 1);
  return out;
}

const isEmpty = (v: unknown) => v === null || v === "" || v === "Unknown" || v === "unknown";

/**
 * One record from the v4 and v1 copies of the same call. The v4 copy wins where both have a value
 * (it is the current API and carries RoomIdType); v1 fills what v4 lacks; callee lists are
 * united (v1 and v4 sometimes list members differently).
 */
export function mergeRecords(primary: CallRecord, secondary: CallRecord): CallRecord {
  return mergeInto({ ...primary }, secondary);
}

/**
 * `mergeRecords` written into `primary` itself, for the record-index sync: it holds thousands of
 * records until their slice is written, and a new object per merge would be one more to carry.
 * Lists are replaced, never changed in place, so a list `primary` shared stays as it was.
 */
export function mergeInto(primary: CallRecord, secondary: CallRecord): CallRecord {
  const p = primary;
  if (isEmpty(p.result)) p.result = secondary.result;
  if (isEmpty(p.mediaType)) p.mediaType = secondary.mediaType;
  if (isEmpty(p.callType)) p.callType = secondary.callType;
  if (isEmpty(p.caller)) p.caller = secondary.caller;
  if (isEmpty(p.acceptedAt)) p.acceptedAt = secondary.acceptedAt;
  if (isEmpty(p.endedAt)) p.endedAt = secondary.endedAt;
  if (isEmpty(p.roomId)) p.roomId = secondary.roomId;
  if (isEmpty(p.roomIdType)) p.roomIdType = secondary.roomIdType;
  if (isEmpty(p.chatGroupId)) p.chatGroupId = secondary.chatGroupId;
  const callees = calleeList([...p.callees, ...secondary.callees], p.caller);
  if (callees.length !== p.callees.length || callees.some((id, i) => id !== p.callees[i]))
    p.callees = callees;
  if (secondary.sources.some((g) => !p.sources.includes(g)))
    p.sources = ORDER.filter((g) => p.sources.includes(g) || secondary.sources.includes(g));
  return p;
}
