import type { CallStore } from "./call-store";
import { profileOf, type Profile, type QualitySpec } from "./cloud-quality";
import type { CallSnapshot } from "./ground-truth";
import { rowsStartingIn } from "./record-scan";

// TRTC rooms behind the emulator's calls: one room occurrence (CommId) per call, the caller in it
// from the start, each callee from the moment they answered, everyone out when the call ended.
// Callees who never answered never enter.

export type Participant = {
  userId: string;
  joinMs: number;
  /** null while the call is still running. */
  leaveMs: number | null;
  dropped: boolean;
  profile: Profile;
};

export type Room = {
  commId: string;
  roomId: string;
  createS: number;
  destroyS: number | null;
  call: CallSnapshot;
  participants: Participant[];
};

/** Longest call the room search looks back for (a room is found by its lifetime, not its start). */
const LONGEST_CALL_MS = 24 * 3_600_000;

export type RoomSource = {
  store: CallStore;
  sdkAppId: number;
  now: number;
  /** Scripted quality by call ID and user ID. */
  overrides: Map<string, Map<string, QualitySpec>>;
};

export function roomOf(src: RoomSource, call: CallSnapshot): Room {
  const createS = Math.floor(call.startedAt / 1000);
  const dropper = call.result === "Interrupt" || call.result === "Offline" ? call.endedBy : null;
  const scripted = src.overrides.get(call.callId);
  const participants: Participant[] = [];
  for (const m of call.members) {
    const joinMs =
      m.role === "caller"
        ? call.startedAt
        : (m.outcome === "accepted" || m.outcome === "joined") && m.actedAt !== null
          ? m.actedAt
          : null;
    if (joinMs === null || joinMs > src.now) continue;
    const spec = scripted?.get(m.userId) ?? (call.scripted ? "script-default" : undefined);
    participants.push({
      userId: m.userId,
      joinMs,
      leaveMs: call.endedAt !== null && call.endedAt <= src.now ? call.endedAt : null,
      dropped: dropper === m.userId,
      profile: profileOf(src.store.seed, call.callId, m.userId, dropper === m.userId, spec),
    });
  }
  return {
    commId: `${src.sdkAppId}_${call.roomId}_${createS}`,
    roomId: call.roomId,
    createS,
    destroyS:
      call.endedAt !== null && call.endedAt <= src.now ? Math.floor(call.endedAt / 1000) : null,
    call,
    participants,
  };
}

/** Rooms alive at some point in [fromMs, toMs], optionally of one room ID, oldest first. */
export function roomsIn(src: RoomSource, fromMs: number, toMs: number, roomId?: string): Room[] {
  const { rows } = rowsStartingIn(
    src.store.cols,
    fromMs - LONGEST_CALL_MS,
    toMs + 1,
    undefined,
    1e7,
  );
  const out: Room[] = [];
  for (const row of rows) {
    if (roomId !== undefined && src.store.roomId(row) !== roomId) continue;
    const call = src.store.snapshot(row, src.now);
    if (call.startedAt > src.now) continue;
    const end = call.endedAt !== null && call.endedAt <= src.now ? call.endedAt : src.now;
    if (end < fromMs || call.startedAt > toMs) continue;
    out.push(roomOf(src, call));
  }
  return out;
}

/** The room a CommId names ("<SdkAppId>_<RoomId>_<CreateTime>"), or undefined. */
export function roomByCommId(src: RoomSource, commId: string): Room | undefined {
  const parts = commId.split("_");
  if (parts.length < 3 || parts[0] !== String(src.sdkAppId)) return undefined;
  const createS = Number(parts.at(-1));
  const roomId = parts.slice(1, -1).join("_");
  if (!Number.isInteger(createS)) return undefined;
  const { rows } = rowsStartingIn(
    src.store.cols,
    createS * 1000,
    createS * 1000 + 1000,
    undefined,
    1e4,
  );
  for (const row of rows) {
    if (src.store.roomId(row) !== roomId) continue;
    const call = src.store.snapshot(row, src.now);
    if (call.startedAt <= src.now) return roomOf(src, call);
  }
  return undefined;
}
