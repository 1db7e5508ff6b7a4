import type {
  QualityEvent,
  QualityEventKind,
  QualityMetric,
  QualityPoint,
  QualityRoom,
  QualitySeries,
  QualityUser,
} from "./types";

// Tencent's field names (TRTC 2019-07-22: RoomState, UserInformation, QualityData, EventMessage) to
// the console's normalised shapes. Times: Tencent sends Unix seconds (events: milliseconds).

export type RoomState = {
  CommId?: string;
  RoomString?: string;
  CreateTime?: number;
  DestroyTime?: number;
  IsFinished?: boolean;
};
export type UserInformation = {
  RoomStr?: string;
  UserId?: string;
  JoinTs?: number;
  LeaveTs?: number;
  DeviceType?: string;
  SdkVersion?: string;
  ClientIp?: string;
  Finished?: boolean;
};
export type TimeValue = { Time?: number; Value?: number };
export type QualityData = {
  Content?: TimeValue[];
  UserId?: string;
  /** Empty for upstream data; the remote user for downstream data. */
  PeerId?: string;
  DataType?: string;
};
export type EventMessage = {
  Type?: number;
  Time?: number;
  EventId?: number;
  ParamOne?: number;
  ParamTwo?: number;
};

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

export function toRoom(r: RoomState): QualityRoom | null {
  if (!r.CommId || r.CreateTime === undefined) return null;
  return {
    commId: r.CommId,
    roomId: r.RoomString ?? "",
    createdAt: iso(r.CreateTime),
    destroyedAt: r.IsFinished && r.DestroyTime ? iso(r.DestroyTime) : null,
  };
}

// DeviceType is free text ("终端类型"); the OS, when named in it, is split off.
const OS = /\b(iOS|iPadOS|Android|HarmonyOS|Windows|macOS|Mac OS X|Linux)\b[ _]?([\d.]*)/i;

export function toUser(u: UserInformation): QualityUser | null {
  if (!u.UserId || u.JoinTs === undefined) return null;
  const deviceType = (u.DeviceType ?? "").trim();
  const os = OS.exec(deviceType);
  return {
    userId: u.UserId,
    joinedAt: iso(u.JoinTs),
    // Tencent answers "now" for someone still in the room; Finished says which it is.
    leftAt: u.Finished === false || u.LeaveTs === undefined ? null : iso(u.LeaveTs),
    device: os ? deviceType.replace(os[0], "").replace(/\s+/g, " ").trim() : deviceType,
    os: os ? `${os[1]}${os[2] ? ` ${os[2]}` : ""}` : "",
    sdkVersion: u.SdkVersion ?? "",
    clientIp: u.ClientIp ?? "",
  };
}

/** DataType names asked for, and how each feeds the normalised metrics. */
export const DATA_TYPES = [
  "aLoss",
  "bigvLoss",
  "aBit",
  "bigvBit",
  "bigvEncFps",
  "bigvDecFps",
  "aBlock",
  "bigvBlock",
  "rtt",
  "appCpu",
] as const;

type Combine = "max" | "sum";
// Upstream rows have PeerId ""; downstream rows come once per remote peer.
const UP: Partial<Record<string, [QualityMetric, Combine, number]>> = {
  aLoss: ["lossUp", "max", 1],
  bigvLoss: ["lossUp", "max", 1],
  aBit: ["bitrateUp", "sum", 1 / 1000],
  bigvBit: ["bitrateUp", "sum", 1 / 1000],
  bigvEncFps: ["fpsUp", "max", 1],
  rtt: ["rtt", "max", 1],
  appCpu: ["cpu", "max", 1],
};
const DOWN: Partial<Record<string, [QualityMetric, Combine, number]>> = {
  aLoss: ["lossDown", "max", 1],
  bigvLoss: ["lossDown", "max", 1],
  aBit: ["bitrateDown", "sum", 1 / 1000],
  bigvBit: ["bitrateDown", "sum", 1 / 1000],
  bigvDecFps: ["fpsDown", "max", 1],
  aBlock: ["stutterDown", "sum", 1],
  bigvBlock: ["stutterDown", "sum", 1],
};

/**
 * Folds Tencent's rows into one series per metric per user: audio and video loss → the worse,
 * bitrates → their sum in kbps, several peers' downstream → the worst loss / total bitrate.
 */
export function toSeries(rows: QualityData[]): Record<string, QualitySeries> {
  const acc = new Map<string, Map<QualityMetric, Map<number, number>>>();
  for (const row of rows) {
    if (!row.UserId || !row.DataType) continue;
    const rule = (row.PeerId ? DOWN : UP)[row.DataType];
    if (!rule) continue;
    const [metric, combine, scale] = rule;
    let byMetric = acc.get(row.UserId);
    if (!byMetric) acc.set(row.UserId, (byMetric = new Map<QualityMetric, Map<number, number>>()));
    let byTime = byMetric.get(metric);
    if (!byTime) byMetric.set(metric, (byTime = new Map<number, number>()));
    for (const p of row.Content ?? []) {
      if (p.Time === undefined || p.Value === undefined || !Number.isFinite(p.Value)) continue;
      const v = p.Value * scale;
      const prev = byTime.get(p.Time);
      byTime.set(p.Time, prev === undefined ? v : combine === "sum" ? prev + v : Math.max(prev, v));
    }
  }
  const out: Record<string, QualitySeries> = {};
  for (const [userId, byMetric] of acc) {
    const series: QualitySeries = {};
    for (const [metric, byTime] of byMetric) {
      series[metric] = [...byTime.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([t, value]): QualityPoint => ({ at: iso(t), value: Math.round(value * 100) / 100 }));
    }
    out[userId] = series;
  }
  return out;
}

/** Appends `more` to `into`, per user and metric (windows arrive in time order). */
export function mergeSeries(
  into: Record<string, QualitySeries>,
  more: Record<string, QualitySeries>,
): void {
  for (const [userId, series] of Object.entries(more)) {
    const target = (into[userId] ??= {});
    for (const [metric, points] of Object.entries(series) as [QualityMetric, QualityPoint[]][]) {
      const existing = target[metric] ?? [];
      const last = existing.at(-1)?.at;
      target[metric] = existing.concat(last ? points.filter((p) => p.at > last) : points);
    }
  }
}

const NETWORKS = ["disconnected", "Wi-Fi", "4G", "3G", "2G", "wired"];

// Event IDs from Tencent's "Event ID Mapping Table" (SDK and WebRTC).
export function toEvent(e: EventMessage): QualityEvent | null {
  if (e.Time === undefined || e.EventId === undefined) return null;
  const p1 = e.ParamOne ?? -1;
  const at = new Date(e.Time).toISOString();
  const ev = (kind: QualityEventKind, label: string): QualityEvent => ({ at, kind, label });
  switch (e.EventId) {
    case 5003:
      return p1 === 1 ? ev("joined", "Entered the room") : ev("other", "Failed to enter the room");
    case 7000:
      return ev("joined", p1 === 1 ? "Entered the room again" : "Entered the room");
    case 32788:
      return ev("joined", "Entered the room");
    case 5008:
      return p1 === 1 ? ev("left", "Left the room") : ev("other", "Failed to leave the room");
    case 7001:
      return ev(
        "left",
        ["Left the room", "Left: timed out", "Left: removed"][p1] ?? "Left the room",
      );
    case 32789:
      return ev("left", "Left the room");
    case 4001:
      return ev("camera_on", p1 === 1 ? "Rear camera on" : "Front camera on");
    case 4006:
      return p1 === 1 ? ev("camera_off", "Video sending off") : ev("camera_on", "Video sending on");
    case 32768:
    case 32775:
      return ev("camera_on", "Camera on");
    case 32770:
    case 32773:
      return ev("camera_off", "Camera off");
    case 3001:
      return p1 === 0 || p1 === 3
        ? ev("mic_on", p1 === 3 ? "Unmuted" : "Mic on")
        : ev("mic_off", p1 === 1 ? "Muted" : "Mic off");
    case 32769:
    case 32774:
      return ev("mic_on", "Mic on");
    case 32771:
    case 32772:
      return ev("mic_off", "Mic off");
    case 1001:
      return ev("device_switch", p1 === 1 ? "Wired headset plugged in" : "Wired headset unplugged");
    case 1002:
      return ev(
        "device_switch",
        p1 === 1 ? "Bluetooth headset connected" : "Bluetooth headset disconnected",
      );
    case 3004:
      return ev("device_switch", p1 === 1 ? "Audio to earpiece" : "Audio to speaker");
    case 32780:
      return ev("device_switch", "Switched camera");
    case 32781:
      return ev("device_switch", "Switched mic");
    case 1003:
      return ev(
        "network_switch",
        p1 === 0 ? "Network lost" : `Network: ${NETWORKS[p1] ?? "other"}`,
      );
    case 2001:
      return ev("other", p1 === 1 ? "App went to the background" : "App came to the foreground");
    default:
      return ev("other", `Event ${e.EventId}`);
  }
}
