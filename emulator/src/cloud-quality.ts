import { createRng, cumulate, mix32, pickWeighted } from "./prng";
import { ControlError } from "./scripted-members";

// Who a participant's network and device are: a deterministic profile per (call, user) for generated
// calls (mostly good, some fair or poor, and the member whose device dropped an Interrupt/Offline
// call degrading in its last seconds), or what a scripted call says.

export type Grade = "good" | "fair" | "poor";
export type Direction = "up" | "down" | "both";

/** A bad-network stretch that ends when the member leaves. */
export type Episode = {
  direction: Direction;
  lossPct: number;
  rttMs: number;
  lastSeconds: number;
  /** Climbs to lossPct/rttMs (generated drops) or holds them flat (scripted: "31 % for 12 s"). */
  ramp: boolean;
};

export type QualitySpec = { grade: Grade; episode?: Episode };

export type Device = { type: string; sdkVersion: string; web: boolean };

export type Profile = {
  grade: Grade;
  baseLoss: number;
  baseRtt: number;
  cpu: number;
  /** Event 1003's first parameter: 1 Wi-Fi, 2 4G. */
  network: 1 | 2;
  device: Device;
  clientIp: string;
  episode?: Episode;
  seed: number;
};

export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

// A spread like a consumer app's: iOS and Android about evenly, some web and desktop.
const PLATFORMS: { w: number; models: string[]; os: string[]; sdk: string[]; web?: boolean }[] = [
  {
    w: 44,
    models: ["iPhone15,2", "iPhone14,5", "iPhone16,1", "iPhone13,2", "iPhone14,7", "iPad13,18"],
    os: ["iOS 17.4", "iOS 17.1", "iOS 18.0", "iOS 16.6"],
    sdk: ["12.3.0.17115", "12.1.0.16372", "11.9.0.15602"],
  },
  {
    w: 43,
    models: ["SM-S918B", "Pixel 8", "M2101K6G", "V2145", "CPH2451", "SM-A546E"],
    os: ["Android 14", "Android 13", "Android 12"],
    sdk: ["12.3.0.17115", "12.2.0.16814", "11.9.0.15602", "11.4.0.13189"],
  },
  {
    w: 9,
    models: ["Chrome 124", "Safari 17", "Edge 124"],
    os: ["Windows 10", "macOS 14"],
    sdk: ["5.8.3", "5.6.1"],
    web: true,
  },
  { w: 4, models: ["PC", "Mac"], os: ["Windows 11", "macOS 14"], sdk: ["12.3.0.17115"] },
];
const PLATFORM_WEIGHTS = cumulate(PLATFORMS.map((p) => p.w));
const GRADE_WEIGHTS = cumulate([80, 14, 6]);
const GRADES: Grade[] = ["good", "fair", "poor"];

function baseFor(grade: Grade, r: ReturnType<typeof createRng>): { loss: number; rtt: number } {
  if (grade === "good") return { loss: 0.2 + r.next() * 1.2, rtt: 40 + r.int(0, 80) };
  if (grade === "fair") return { loss: 2.5 + r.next() * 2, rtt: 150 + r.int(0, 120) };
  return { loss: 6 + r.next() * 5, rtt: 300 + r.int(0, 250) };
}

/**
 * The profile of `userId` in `callId`. `dropped`: this member's device ended the call
 * (Interrupt/Offline), so loss and RTT climb before the drop unless the script says otherwise.
 */
export function profileOf(
  seed: number,
  callId: string,
  userId: string,
  dropped: boolean,
  scripted: QualitySpec | "script-default" | undefined,
): Profile {
  const s = mix32(seed, hashString(callId), hashString(userId));
  const r = createRng(s);
  const platform = PLATFORMS[pickWeighted(PLATFORM_WEIGHTS, r.next())]!;
  const model = platform.models[r.int(0, platform.models.length - 1)]!;
  const os = platform.os[r.int(0, platform.os.length - 1)]!;
  const sdk = platform.sdk[r.int(0, platform.sdk.length - 1)]!;
  const random = GRADES[pickWeighted(GRADE_WEIGHTS, r.next())]!;
  // Scripted members are on a good network unless the script says otherwise, so tests read plainly.
  const spec: QualitySpec =
    scripted === "script-default" ? { grade: "good" } : (scripted ?? { grade: random });
  const base = baseFor(spec.grade, r);
  const episode =
    spec.episode ??
    (dropped
      ? {
          direction: "both" as const,
          lossPct: 18 + r.int(0, 27),
          rttMs: 700 + r.int(0, 1300),
          lastSeconds: 8 + r.int(0, 12),
          ramp: true,
        }
      : undefined);
  return {
    grade: spec.grade,
    baseLoss: base.loss,
    baseRtt: base.rtt,
    cpu: 8 + r.int(0, 20),
    network: r.chance(0.6) ? 1 : 2,
    device: { type: `${model} ${os}`, sdkVersion: sdk, web: platform.web === true },
    // Documentation ranges (RFC 5737): never a real address.
    clientIp: `${r.chance(0.5) ? "198.51.100" : "203.0.113"}.${r.int(1, 254)}`,
    episode,
    seed: s,
  };
}

/** The episode's weight at second `t` (0 outside it, up to 1 at the drop). */
export function episodeLevel(
  p: Profile,
  leaveS: number | null,
  t: number,
  dir: "up" | "down",
): number {
  const ep = p.episode;
  if (!ep || leaveS === null || (ep.direction !== "both" && ep.direction !== dir)) return 0;
  const from = leaveS - ep.lastSeconds;
  if (t < from) return 0;
  return ep.ramp ? Math.min(1, (t - from + 2) / ep.lastSeconds) : 1;
}

const GRADE_NAMES = new Set<string>(GRADES);

/** A scripted `quality`: "good" | "fair" | "poor" or {grade?, direction?, lossPct?, rttMs?, lastSeconds?}. */
export function parseQualitySpec(v: unknown, field: string): QualitySpec {
  if (typeof v === "string") {
    if (!GRADE_NAMES.has(v))
      throw new ControlError(field, 'must be "good", "fair", "poor" or an object');
    return { grade: v as Grade };
  }
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new ControlError(field, 'must be "good", "fair", "poor" or an object');
  const o = v as Record<string, unknown>;
  // The episode is the bad part; before it the network is good unless `grade` says otherwise.
  const grade = o.grade ?? "good";
  if (typeof grade !== "string" || !GRADE_NAMES.has(grade))
    throw new ControlError(`${field}.grade`, 'must be "good", "fair" or "poor"');
  const num = (k: string, min: number, max: number, dflt: number): number => {
    const x = o[k] ?? dflt;
    if (typeof x !== "number" || !Number.isFinite(x) || x < min || x > max)
      throw new ControlError(`${field}.${k}`, `must be a number from ${min} to ${max}`);
    return x;
  };
  if (o.lossPct === undefined && o.direction === undefined) return { grade: grade as Grade };
  const direction = o.direction ?? "both";
  if (direction !== "up" && direction !== "down" && direction !== "both")
    throw new ControlError(`${field}.direction`, 'must be "up", "down" or "both"');
  return {
    grade: grade as Grade,
    episode: {
      direction,
      lossPct: num("lossPct", 0, 100, 30),
      rttMs: num("rttMs", 0, 10_000, 800),
      lastSeconds: num("lastSeconds", 1, 3600, 12),
      ramp: o.ramp === true,
    },
  };
}

/** `members[i].quality` and top-level `quality: {userId: spec}` of a scripted call body. */
export function parseScriptedQuality(body: Record<string, unknown>): Map<string, QualitySpec> {
  const out = new Map<string, QualitySpec>();
  const top = body.quality;
  if (top !== undefined) {
    if (typeof top !== "object" || top === null || Array.isArray(top))
      throw new ControlError("quality", "must be an object of userId → quality");
    for (const [userId, spec] of Object.entries(top))
      out.set(userId, parseQualitySpec(spec, `quality.${userId}`));
  }
  if (Array.isArray(body.members)) {
    body.members.forEach((m: unknown, i) => {
      const r = (typeof m === "object" && m !== null ? m : {}) as Record<string, unknown>;
      if (r.quality !== undefined && typeof r.userId === "string")
        out.set(r.userId, parseQualitySpec(r.quality, `members[${i}].quality`));
    });
  }
  return out;
}
