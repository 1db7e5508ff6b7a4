import { episodeLevel, type Profile } from "./cloud-quality";
import type { Participant, Room } from "./cloud-rooms";
import { mix32 } from "./prng";

// DescribeCallDetailInfo's time series and DescribeUserEvent's events for a room, derived from the
// participants' profiles: one point every 2 s while the user was in the room. Upstream rows have an
// empty PeerId; downstream rows name the remote user they were received from.

export const POINT_S = 2;

/** DataType values from Tencent's DescribeCallDetailInfo page that the emulator serves. */
export const DATA_TYPES = [
  "appCpu",
  "sysCpu",
  "aBit",
  "aBlock",
  "bigvBit",
  "bigvCapFps",
  "bigvEncFps",
  "bigvDecFps",
  "bigvBlock",
  "aLoss",
  "bigvLoss",
  "bigvWidth",
  "bigvHeight",
  "aCapEnergy",
  "aPlayEnergy",
  "rtt",
] as const;
type DataType = (typeof DATA_TYPES)[number];
const UP_ONLY = new Set<DataType>([
  "appCpu",
  "sysCpu",
  "bigvCapFps",
  "bigvEncFps",
  "rtt",
  "aCapEnergy",
]);
const DOWN_ONLY = new Set<DataType>(["bigvDecFps", "aBlock", "bigvBlock", "aPlayEnergy"]);
const VIDEO = new Set<DataType>([
  "bigvBit",
  "bigvCapFps",
  "bigvEncFps",
  "bigvDecFps",
  "bigvBlock",
  "bigvLoss",
  "bigvWidth",
  "bigvHeight",
]);

export type TimeValue = { Time: number; Value: number };
export type QualityData = {
  Content: TimeValue[];
  UserId: string;
  PeerId: string;
  DataType: string;
};

const noise = (p: Profile, t: number, k: number): number => mix32(p.seed, t, k) / 4294967296;
const round = (v: number, digits = 2): number => Math.round(v * 10 ** digits) / 10 ** digits;
const leaveS = (u: Participant): number | null =>
  u.leaveMs === null ? null : Math.floor(u.leaveMs / 1000);

function lossUp(u: Participant, t: number): number {
  const p = u.profile;
  const base = p.baseLoss * (0.5 + noise(p, t, 1));
  const level = episodeLevel(p, leaveS(u), t, "up");
  return Math.min(100, level > 0 ? Math.max(base, p.episode!.lossPct * level) : base);
}

function lossDown(u: Participant, peer: Participant, t: number): number {
  const p = u.profile;
  const own = p.baseLoss * (0.5 + noise(p, t, 2));
  const level = episodeLevel(p, leaveS(u), t, "down");
  const mine = level > 0 ? Math.max(own, p.episode!.lossPct * level) : own;
  return Math.min(100, Math.max(mine, lossUp(peer, t) * 0.9));
}

function rtt(u: Participant, t: number): number {
  const p = u.profile;
  const base = p.baseRtt * (0.8 + 0.4 * noise(p, t, 3));
  const level = Math.max(
    episodeLevel(p, leaveS(u), t, "up"),
    episodeLevel(p, leaveS(u), t, "down"),
  );
  return level > 0 ? Math.max(base, p.episode!.rttMs * level) : base;
}

function upValue(type: DataType, u: Participant, t: number): number {
  const p = u.profile;
  const loss = lossUp(u, t);
  switch (type) {
    case "aLoss":
      return round(loss);
    case "bigvLoss":
      return round(loss);
    case "aBit":
      return Math.round((40_000 + 8_000 * noise(p, t, 4)) * (1 - loss / 200));
    case "bigvBit":
      return Math.round(
        (p.grade === "good" ? 900_000 : 450_000) * (0.85 + 0.3 * noise(p, t, 5)) * (1 - loss / 120),
      );
    case "bigvCapFps":
      return 15;
    case "bigvEncFps":
      return Math.max(
        1,
        Math.round((p.grade === "poor" ? 11 : 15) * (1 - loss / 100) - noise(p, t, 6)),
      );
    case "bigvWidth":
      return 720;
    case "bigvHeight":
      return 1280;
    case "rtt":
      return Math.round(rtt(u, t));
    case "appCpu":
      return round(p.cpu + 6 * noise(p, t, 7), 1);
    case "sysCpu":
      return round(p.cpu + 20 + 15 * noise(p, t, 8), 1);
    default:
      return Math.round(30 + 40 * noise(p, t, 9)); // aCapEnergy
  }
}

function downValue(type: DataType, u: Participant, peer: Participant, t: number): number {
  const loss = lossDown(u, peer, t);
  const stutter =
    loss > 8
      ? Math.round(Math.min(POINT_S * 1000, loss * 25 * (0.5 + noise(u.profile, t, 10))))
      : 0;
  switch (type) {
    case "aLoss":
      return round(loss);
    case "bigvLoss":
      return round(loss);
    case "aBit":
      return Math.round(upValue("aBit", peer, t) * (1 - loss / 200));
    case "bigvBit":
      return Math.round(upValue("bigvBit", peer, t) * (1 - loss / 150));
    case "bigvDecFps":
      return Math.max(0, Math.round(upValue("bigvEncFps", peer, t) * (1 - loss / 80)));
    case "aBlock":
      return stutter;
    case "bigvBlock":
      return Math.round(stutter * 1.3);
    case "bigvWidth":
      return 720;
    case "bigvHeight":
      return 1280;
    default:
      return Math.round(25 + 40 * noise(u.profile, t, 11)); // aPlayEnergy
  }
}

function times(u: Participant, fromS: number, toS: number, nowMs: number): number[] {
  const join = Math.ceil(u.joinMs / 1000);
  const end = Math.min(toS, Math.floor((u.leaveMs ?? nowMs) / 1000));
  const out: number[] = [];
  const first = join + Math.max(0, Math.ceil((fromS - join) / POINT_S)) * POINT_S;
  for (let t = first; t <= end; t += POINT_S) out.push(t);
  return out;
}

export function seriesFor(
  room: Room,
  userIds: string[],
  types: DataType[],
  fromS: number,
  toS: number,
  nowMs: number,
): QualityData[] {
  const video = room.call.mediaType === "video";
  const rows: QualityData[] = [];
  for (const u of room.participants.filter((p) => userIds.includes(p.userId))) {
    const ts = times(u, fromS, toS, nowMs);
    for (const type of types) {
      if (VIDEO.has(type) && !video) continue;
      if (!DOWN_ONLY.has(type))
        rows.push({
          UserId: u.userId,
          PeerId: "",
          DataType: type,
          Content: ts.map((t) => ({ Time: t, Value: upValue(type, u, t) })),
        });
      if (UP_ONLY.has(type)) continue;
      for (const peer of room.participants) {
        if (peer === u) continue;
        const both = ts.filter(
          (t) => t * 1000 >= peer.joinMs && (peer.leaveMs === null || t * 1000 <= peer.leaveMs),
        );
        rows.push({
          UserId: u.userId,
          PeerId: peer.userId,
          DataType: type,
          Content: both.map((t) => ({ Time: t, Value: downValue(type, u, peer, t) })),
        });
      }
    }
  }
  return rows;
}

export type EventMessage = {
  Type: number;
  Time: number;
  EventId: number;
  ParamOne: number;
  ParamTwo: number;
};

/** Client events (Tencent's SDK event IDs) for one user, Time in ms. */
export function eventsFor(
  room: Room,
  userId: string,
  fromMs: number,
  toMs: number,
): EventMessage[] {
  const u = room.participants.find((p) => p.userId === userId);
  if (!u) return [];
  const p = u.profile;
  const ev = (at: number, id: number, one = -1, two = -1, type = 0): EventMessage => ({
    Type: type,
    Time: Math.round(at),
    EventId: id,
    ParamOne: one,
    ParamTwo: two,
  });
  const out = [
    ev(u.joinMs - 400, 5001),
    ev(u.joinMs, 5003, 1),
    ev(u.joinMs + 150, 1003, p.network),
    ev(u.joinMs + 200, 3001, 0),
  ];
  if (room.call.mediaType === "video")
    out.push(ev(u.joinMs + 250, 4001, 0, -1, 2), ev(u.joinMs + 300, 4006, 0, -1, 2));
  const end = u.leaveMs;
  if (end !== null && end - u.joinMs > 20_000 && noise(p, 0, 12) < 0.2) {
    const mid = u.joinMs + (end - u.joinMs) * 0.4;
    out.push(ev(mid, 2001, 1), ev(mid + 4_000, 2001, 0));
  }
  if (end !== null && p.episode) {
    const from = end - p.episode.lastSeconds * 1000;
    if (p.network === 1 && from > u.joinMs) out.push(ev(from + 1_000, 1003, 2));
  }
  if (end !== null) out.push(u.dropped ? ev(end, 7001, 1) : ev(end, 5008, 1));
  return out.filter((e) => e.Time >= fromMs && e.Time <= toMs).sort((a, b) => a.Time - b.Time);
}

export function isDataType(s: string): s is DataType {
  return (DATA_TYPES as readonly string[]).includes(s);
}
