import "server-only";

import type { z } from "zod";

import { calleeList } from "@/lib/calls/merge";
import {
  KNOWN_CALL_RESULTS,
  type CallRecord,
  type CallResult,
  type CallType,
  type LiveCall,
  type MediaType,
} from "@/lib/calls/types";

import type { V1Record, V4Record } from "./schemas";
import type { v4CallInfoSchema } from "./schemas";

const V1_RESULTS: Record<string, CallResult> = {
  normal_end: "NormalEnd",
  cancel: "Cancel",
  reject: "Reject",
  not_answer: "NotAnswer",
  call_busy: "CallBusy",
  interrupt: "Interrupt",
  offline: "Offline",
};
const V4_RESULTS = new Map<string, CallResult>(KNOWN_CALL_RESULTS.map((name) => [name, name]));

export function resultFromV1(value: string | null): CallResult {
  if (value === null || value === "") return "Unknown";
  return V1_RESULTS[value] ?? V1_RESULTS[value.toLowerCase()] ?? value;
}
// The English filter table types CallResult as an Integer (§6.10) without a mapping; read as the
// position in the documented value list, the only order the docs give.
const V4_RESULT_ORDER = [
  "Cancel",
  "Reject",
  "NotAnswer",
  "NormalEnd",
  "CallBusy",
  "Interrupt",
  "Offline",
] as const satisfies readonly CallResult[];

export function resultFromV4(value: string | null): CallResult {
  if (value === null || value === "") return "Unknown";
  if (/^\d+$/.test(value)) return V4_RESULT_ORDER[Number(value)] ?? value;
  // The shared constant, not the copy each parsed page holds (see iso()).
  return V4_RESULTS.get(value) ?? value;
}
export function resultToV1(value: string): string {
  const entry = Object.entries(V1_RESULTS).find(([, v4]) => v4 === value);
  return entry ? entry[0] : value;
}

// The server-call guide spells voice both "Audio" and "audio" (§6.15).
export function mediaType(value: string | null): MediaType {
  if (value === null || value === "") return "unknown";
  const lower = value.toLowerCase();
  return lower === "audio" ? "audio" : lower === "video" ? "video" : value;
}

export function callType(value: string | null): CallType {
  if (value === null || value === "") return "unknown";
  const lower = value.toLowerCase();
  if (lower === "singlecall" || lower === "single") return "single";
  if (lower === "multicall" || lower === "group") return "group";
  return value;
}
export function callTypeToV4(value: string): string {
  return value === "single" ? "SingleCall" : value === "group" ? "MultiCall" : value;
}

/** Unix seconds → ISO; 0 and missing mean "never" (an unanswered call has AcceptTime 0). */
function iso(seconds: number | null): string | null {
  if (!seconds || !(seconds > 0)) return null;
  // The record-index sync holds many records across collections, so each timestamp is one string
  // over two shared pieces (minute prefix, second suffix). Same text as toISOString().
  if (!Number.isInteger(seconds) || seconds >= 253402300800)
    return new Date(seconds * 1000).toISOString();
  const minute = Math.floor(seconds / 60);
  let prefix = minutePrefixes.get(minute);
  if (prefix === undefined) {
    if (minutePrefixes.size >= 4096) minutePrefixes.clear();
    prefix = new Date(minute * 60_000).toISOString().slice(0, 17);
    minutePrefixes.set(minute, prefix);
  }
  return prefix + SECOND_SUFFIXES[seconds - minute * 60]!;
}
const minutePrefixes = new Map<number, string>();
const SECOND_SUFFIXES = Array.from({ length: 60 }, (_, s) => `${String(s).padStart(2, "0")}.000Z`);

export function recordFromV4(r: V4Record): CallRecord {
  const caller = r.Caller_Account ?? "";
  return {
    callId: r.CallId,
    result: resultFromV4(r.CallResult),
    mediaType: mediaType(r.MediaType),
    callType: callType(r.CallType),
    caller,
    // Every v4 sample lists the caller among CalleeList_Account (§6.8).
    callees: calleeList(r.CalleeList_Account, caller),
    startedAt: iso(r.StartTime) ?? new Date(0).toISOString(),
    acceptedAt: iso(r.AcceptTime),
    endedAt: iso(r.EndTime),
    roomId: r.RoomId ?? "",
    roomIdType: r.RoomIdType,
    chatGroupId: null,
    sources: ["v4"],
  };
}

export function recordFromV1(r: V1Record): CallRecord {
  const caller = r.caller ?? "";
  return {
    callId: r.callId,
    result: resultFromV1(r.callResult),
    mediaType: mediaType(r.mediaType),
    callType: callType(r.callType),
    caller,
    callees: calleeList(r.callees, caller),
    startedAt: iso(r.startCallTs) ?? new Date(0).toISOString(),
    acceptedAt: iso(r.acceptTs),
    endedAt: iso(r.endTs),
    roomId: r.roomId ?? "",
    roomIdType: null,
    chatGroupId: null,
    sources: ["v1"],
  };
}

export function liveCallFromV4(info: z.infer<typeof v4CallInfoSchema>): LiveCall {
  const c = info.CallInfo;
  return {
    callId: c.CallId,
    mediaType: mediaType(c.MediaType),
    roomId: c.RoomId ?? "",
    roomIdType: c.RoomIdType,
    // The 1-to-1 sample sends "" for no group.
    chatGroupId: c.ChatGroupId ? c.ChatGroupId : null,
    members: info.UserList.map((u) => ({ userId: u.User_Account, status: u.Status ?? "unknown" })),
  };
}
