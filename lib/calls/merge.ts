import type { CallRecord, Generation } from "./types";

const ORDER: Generation[] = ["v4", "v1"];

// Not filter(): its result over-allocates, and the record-index sync holds one list per record.
export function calleeList(ids: readonly string[], caller: string): string[] {
  const out = [...new Set(ids)];
  const at = out.indexOf(caller);
  if (at !== -1) out.splice(at, 1);
  return out;
}

const isEmpty = (v: unknown) => v === null || v === "" || v === "Unknown" || v === "unknown";

export function mergeRecords(primary: CallRecord, secondary: CallRecord): CallRecord {
  return mergeInto({ ...primary }, secondary);
}

// In place for the record-index sync; lists are replaced, never mutated, as others may share them.
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
