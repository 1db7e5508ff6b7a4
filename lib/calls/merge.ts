import "server-only";

import type { CallRecord, Generation } from "./types";

const ORDER: Generation[] = ["v4", "v1"];

/**
 * One record from the v4 and v1 copies of the same call. The v4 copy wins where both have a value
 * (it is the current API and carries RoomIdType); v1 fills what v4 lacks; callee lists are
 * united (v1 and v4 sometimes list members differently).
 */
export function mergeRecords(primary: CallRecord, secondary: CallRecord): CallRecord {
  const pick = <T>(a: T, b: T): T =>
    a === null || a === "" || a === "Unknown" || a === "unknown" ? b : a;
  const callees = [...new Set([...primary.callees, ...secondary.callees])].filter(
    (id) => id !== (primary.caller || secondary.caller),
  );
  const sources = ORDER.filter((g) => primary.sources.includes(g) || secondary.sources.includes(g));
  return {
    callId: primary.callId,
    result: pick(primary.result, secondary.result),
    mediaType: pick(primary.mediaType, secondary.mediaType),
    callType: pick(primary.callType, secondary.callType),
    caller: pick(primary.caller, secondary.caller),
    callees,
    startedAt: primary.startedAt,
    acceptedAt: pick(primary.acceptedAt, secondary.acceptedAt),
    endedAt: pick(primary.endedAt, secondary.endedAt),
    roomId: pick(primary.roomId, secondary.roomId),
    roomIdType: pick(primary.roomIdType, secondary.roomIdType),
    chatGroupId: pick(primary.chatGroupId, secondary.chatGroupId),
    sources,
  };
}
