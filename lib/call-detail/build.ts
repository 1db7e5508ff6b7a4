import { formatDuration, ringTimeMs, talkTimeMs } from "@/lib/calls/durations";
import type { CallRecord, Generation, LiveCall } from "@/lib/calls/types";
import {
  endedByFromEvents,
  participantStories,
  type EndedBy,
  type StaffEnding,
} from "@/lib/events/stories";
import { byTime } from "@/lib/events/story-steps";
import type { CallEvent } from "@/lib/events/types";

import type { CallTimeline, CallView, ParticipantView } from "./types";

const ORDER: Generation[] = ["v4", "v1"];

export type ConsoleHistory = { events: CallEvent[]; staffEnding: StaffEnding | null };
const NO_HISTORY: ConsoleHistory = { events: [], staffEnding: null };

function participantsOf(
  record: CallRecord | null,
  live: LiveCall | null,
  events: CallEvent[],
): ParticipantView[] {
  const stories = participantStories({ events, record, live });
  const members = new Map(live?.members.map((m) => [m.userId, m.status]) ?? []);
  return stories.map((s) => ({
    userId: s.userId,
    role: s.role,
    ...(members.has(s.userId) ? { status: members.get(s.userId) } : {}),
    ...(s.outcome ? { outcome: s.outcome } : {}),
    state: s.status,
    steps: s.steps,
  }));
}

function endedByOf(
  record: CallRecord | null,
  live: LiveCall | null,
  history: ConsoleHistory,
): EndedBy | null {
  if (live) return null;
  // Ending a call from the console reaches Tencent as an ordinary hang-up; only the audit log knows.
  if (history.staffEnding) return { kind: "staff", ...history.staffEnding };
  return endedByFromEvents({ events: history.events, record, live });
}

const eventViews = (events: CallEvent[]) =>
  [...events].sort(byTime).map(({ at, userId, generation, kind, action, rawAction }) => ({
    at,
    userId,
    generation,
    kind,
    action,
    rawAction,
  }));

export function buildCallView(
  callId: string,
  record: CallRecord | null,
  live: LiveCall | null,
  history: ConsoleHistory = NO_HISTORY,
): CallView {
  const participants = participantsOf(record, live, history.events);
  const events = eventViews(history.events);
  const endedBy = endedByOf(record, live, history);
  if (live) {
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
      events,
      endedBy,
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
    participants,
    sources: record.sources,
    events,
    endedBy,
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
