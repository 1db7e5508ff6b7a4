import { formatDuration, ringTimeMs, talkTimeMs } from "@/lib/calls/durations";
import { participantOutcomes } from "@/lib/calls/outcomes";
import type { CallRecord, Generation, LiveCall } from "@/lib/calls/types";

import type { CallTimeline, CallView, ParticipantView } from "./types";

const ORDER: Generation[] = ["v4", "v1"];

function liveParticipants(live: LiveCall, record: CallRecord | null): ParticipantView[] {
  // get_call_info does not say who called; every sample lists the caller first.
  const callerId = record?.caller || live.members[0]?.userId || null;
  const seen = new Set<string>();
  const out: ParticipantView[] = [];
  for (const m of live.members) {
    seen.add(m.userId);
    out.push({
      userId: m.userId,
      role: m.userId === callerId ? "caller" : "callee",
      status: m.status,
    });
  }
  // Callees the record knows of who already left the live call (declined, gave up) stay listed.
  for (const id of record?.callees ?? []) {
    if (!seen.has(id)) out.push({ userId: id, role: "callee" });
  }
  return out.sort((a, b) => (a.role === b.role ? 0 : a.role === "caller" ? -1 : 1));
}

export function buildCallView(
  callId: string,
  record: CallRecord | null,
  live: LiveCall | null,
): CallView {
  if (live) {
    const participants = liveParticipants(live, record);
    const caller = participants.find((p) => p.role === "caller")?.userId ?? null;
    const sources = ORDER.filter((g) => g === "v4" || record?.sources.includes(g));
    return {
      callId,
      // A record for a call that is still live is not final; the result comes when it ends.
      result: null,
      mediaType: live.mediaType,
      callType:
        record?.callType ?? (participants.length > 2 || live.chatGroupId ? "group" : "single"),
      caller,
      callees: participants.filter((p) => p.role === "callee").map((p) => p.userId),
      startedAt: record?.startedAt ?? null,
      acceptedAt: record?.acceptedAt ?? null,
      endedAt: null,
      roomId: live.roomId,
      roomIdType: live.roomIdType,
      chatGroupId: live.chatGroupId,
      live: true,
      participants,
      sources,
    };
  }
  if (!record) throw new Error("buildCallView needs a record or a live call");
  return {
    callId,
    result: record.result,
    mediaType: record.mediaType,
    callType: record.callType,
    caller: record.caller,
    callees: record.callees,
    startedAt: record.startedAt,
    acceptedAt: record.acceptedAt,
    endedAt: record.endedAt,
    roomId: record.roomId,
    roomIdType: record.roomIdType,
    chatGroupId: record.chatGroupId,
    live: false,
    participants: participantOutcomes(record).map((p) => ({
      userId: p.userId,
      role: p.role,
      outcome: p.outcome,
    })),
    sources: record.sources,
  };
}

export function buildTimeline(
  call: Pick<CallView, "startedAt" | "acceptedAt" | "endedAt">,
): CallTimeline {
  const times = {
    startedAt: call.startedAt ?? "",
    acceptedAt: call.acceptedAt,
    endedAt: call.endedAt,
  };
  const ring = call.startedAt ? ringTimeMs(times) : null;
  const talk = call.startedAt ? talkTimeMs(times) : null;
  return {
    ringTimeMs: ring,
    talkTimeMs: talk,
    ringTime: formatDuration(ring),
    talkTime: formatDuration(talk),
  };
}
