// What the console needs from TRTC's monitoring APIs (Cloud API 3.0, service trtc, 2019-07-22),
// normalised at the client edge like lib/trtc does for call records. Times are ISO 8601, UTC.

/** One room occurrence: the same room ID is reused, so calls are matched by time as well. */
export type QualityRoom = {
  commId: string;
  roomId: string;
  createdAt: string;
  destroyedAt: string | null;
};

export type QualityUser = {
  userId: string;
  joinedAt: string;
  leftAt: string | null;
  /** Device model as Tencent reports it, e.g. "iPhone15,2"; "" when unknown. */
  device: string;
  /** Operating system, e.g. "iOS 17.4", "Android 14"; "" when unknown. */
  os: string;
  sdkVersion: string;
  clientIp: string;
};

/**
 * Directions follow the participant: up = what they sent, down = what they received (worst or
 * summed over the peers they received from). Units: loss %, bitrate kbps (audio + video), fps,
 * stutterDown ms of stutter per point, rtt ms, cpu % (the app's). Points are about 2 s apart.
 */
export type QualityMetric =
  | "lossUp"
  | "lossDown"
  | "bitrateUp"
  | "bitrateDown"
  | "fpsUp"
  | "fpsDown"
  | "stutterDown"
  | "rtt"
  | "cpu";

export type QualityPoint = { at: string; value: number };

export type QualitySeries = Partial<Record<QualityMetric, QualityPoint[]>>;

export type QualityEventKind =
  | "joined"
  | "left"
  | "camera_on"
  | "camera_off"
  | "mic_on"
  | "mic_off"
  | "device_switch"
  | "network_switch"
  | "other";

export type QualityEvent = { at: string; kind: QualityEventKind; label: string };

export type QualityWindow = { from: Date; to: Date };

/** Why quality cannot be shown; `message` is plain words for staff, with the fix. */
export type QualityUnavailableReason =
  "unconfigured" | "plan_inactive" | "permission" | "expired" | "not_found" | "upstream";

export type QualityClient = {
  /** The room occurrence that overlaps the window, or null. Splits windows over 24 h. */
  findRoom(roomId: string, window: QualityWindow): Promise<QualityRoom | null>;
  /** Splits windows over 4 h. */
  users(room: QualityRoom, window: QualityWindow): Promise<QualityUser[]>;
  /** At most 6 users per upstream query and 1 h per window; the client splits and merges. */
  series(
    room: QualityRoom,
    userIds: string[],
    window: QualityWindow,
  ): Promise<Record<string, QualitySeries>>;
  events(room: QualityRoom, userId: string, window: QualityWindow): Promise<QualityEvent[]>;
};
