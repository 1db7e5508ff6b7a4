import "server-only";

import type { CallRecord } from "@/lib/calls/types";

const RESULTS = ["NormalEnd", "Cancel", "Reject", "NotAnswer", "CallBusy", "Interrupt", "Offline"];

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function syntheticRecords(
  count: number,
  options: {
    seed?: number;
    end?: number;
    spanMs?: number;
    users?: number;
    rooms?: number;
    offset?: number;
  } = {},
): CallRecord[] {
  const rand = prng(options.seed ?? 1);
  const end = options.end ?? Date.UTC(2026, 10, 20, 12, 0, 0);
  const span = options.spanMs ?? 7 * 86_400_000;
  const users = options.users ?? 50;
  const rooms = options.rooms ?? 40;
  const pick = (n: number) => Math.floor(rand() * n);
  const out: CallRecord[] = [];
  for (let i = 0; i < count; i++) {
    // Whole seconds, as upstream; collisions on purpose so the tie-break by call ID matters.
    const started = end - Math.floor((rand() * span) / 1000) * 1000;
    const result = RESULTS[pick(RESULTS.length)]!;
    const group = rand() < 0.2;
    const caller = `user_${pick(users)}`;
    const callees = new Set<string>();
    for (let k = group ? 2 + pick(3) : 1; callees.size < k;) {
      const u = `user_${pick(users)}`;
      if (u !== caller) callees.add(u);
    }
    const ring = 1 + pick(40);
    const talked = result === "NormalEnd" || result === "Interrupt";
    const accepted = talked ? started + ring * 1000 : null;
    const ended = talked
      ? accepted! + pick(900) * 1000
      : result === "Offline" && rand() < 0.5
        ? null
        : started + ring * 1000;
    out.push({
      callId: `00000000-0000-4000-8000-${String((options.offset ?? 0) + i).padStart(12, "0")}`,
      result,
      mediaType: rand() < 0.5 ? "audio" : "video",
      callType: group ? "group" : "single",
      caller,
      callees: [...callees],
      startedAt: new Date(started).toISOString(),
      acceptedAt: accepted === null ? null : new Date(accepted).toISOString(),
      endedAt: ended === null ? null : new Date(ended).toISOString(),
      roomId: String(10_000 + pick(rooms)),
      roomIdType: 1,
      chatGroupId: null,
      sources: ["v4"],
    });
  }
  return out;
}
