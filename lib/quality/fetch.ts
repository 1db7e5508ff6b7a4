import "server-only";

import type { CallView } from "@/lib/call-detail/types";
import { callVerdict, droppedFrom, qualitySentence, verdictOf } from "@/lib/calls/quality";
import type { QualityClient, QualitySeries, QualityWindow } from "@/lib/trtc-cloud/types";

import type { ArchivedQuality } from "./archive";
import type { ArchivedQualityParticipant } from "./types";
import { noRoom } from "./unavailable";

// Tencent's room and users can start a little before the record's start and end after it.
const MARGIN_MS = 60_000;

export type EndedCall = Pick<
  CallView,
  "callId" | "roomId" | "startedAt" | "endedAt" | "result" | "participants"
> & { startedAt: string };

export function callWindow(call: EndedCall, now: number): QualityWindow {
  const end = call.endedAt ? Date.parse(call.endedAt) : now;
  return {
    from: new Date(Date.parse(call.startedAt) - MARGIN_MS),
    to: new Date(Math.min(now, end + MARGIN_MS)),
  };
}

/**
 * Fetches one call's quality from Tencent: the room by ID and time, its users, their series
 * (the client splits by 6 users and 1 h) and each user's events, concluded per participant.
 */
export async function fetchCallQuality(
  client: QualityClient,
  call: EndedCall,
  now: number,
): Promise<ArchivedQuality> {
  const window = callWindow(call, now);
  const base = {
    callId: call.callId,
    startedAt: call.startedAt,
    fetchedAt: new Date(now).toISOString(),
  };
  const room = await client.findRoom(call.roomId, window);
  if (!room) {
    return {
      ...base,
      verdict: "unknown",
      participants: [],
      unavailableReason: noRoom(call.roomId).reason,
    };
  }
  const users = await client.users(room, window);
  const ids = users.map((u) => u.userId);
  const [series, events] = await Promise.all([
    ids.length > 0
      ? client.series(room, ids, window)
      : Promise.resolve<Record<string, QualitySeries>>({}),
    Promise.all(users.map((u) => client.events(room, u.userId, window))),
  ]);
  const participants: ArchivedQualityParticipant[] = users
    .map((user, i) => {
      const own = series[user.userId] ?? {};
      const outcome = call.participants.find((p) => p.userId === user.userId)?.outcome;
      return {
        ...user,
        verdict: verdictOf(own),
        sentence: qualitySentence({
          userId: user.userId,
          series: own,
          dropped: droppedFrom(call.result, outcome),
          leftAt: user.leftAt,
          startedAt: call.startedAt,
        }),
        series: own,
        events: events[i] ?? [],
      };
    })
    .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt));
  return {
    ...base,
    verdict: callVerdict(participants.map((p) => p.verdict)),
    participants,
    unavailableReason: null,
  };
}
