import { seriesFor, eventsFor, isDataType, DATA_TYPES } from "./cloud-metrics";
import { roomByCommId, roomsIn, type Room, type RoomSource } from "./cloud-rooms";

// The four TRTC monitoring actions (Cloud API 3.0, trtc 2019-07-22) with the limits and error codes
// of Tencent's pages: windows of 24 h (rooms), 4 h (users), 1 h (metrics), at most 6 users per
// metrics query, 14 days of history.

export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const HOUR_S = 3600;
export const HISTORY_MS = 14 * 24 * 3_600_000;
type Params = Record<string, unknown>;

function int(p: Params, key: string, missing: string): number {
  const v = p[key];
  if (v === undefined || v === null) throw new CloudError(missing, `${key} is missing.`);
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
    throw new CloudError(
      `InvalidParameter.${key === "StartTime" ? "StartTs" : "EndTs"}`,
      `${key} must be a Unix time in seconds.`,
    );
  return v;
}

function window(p: Params, maxS: number, nowMs: number): { from: number; to: number } {
  const from = int(p, "StartTime", "MissingParameter.StartTs");
  const to = int(p, "EndTime", "MissingParameter.EndTs");
  if (to < from) throw new CloudError("InvalidParameter.StartTs", "StartTime is after EndTime.");
  if (from * 1000 < nowMs - HISTORY_MS)
    throw new CloudError(
      "InvalidParameter.StartTsOversize",
      "The start time for query exceeded the limit: only the last 14 days can be queried.",
    );
  if (to - from > maxS)
    throw new CloudError(
      "InvalidParameter.QueryScaleOversize",
      `The query period exceeds the limit of ${maxS / HOUR_S} h.`,
    );
  return { from, to };
}

function paging(p: Params, dflt: number, max: number): { page: number; size: number } {
  const page = p.PageNumber;
  const size = p.PageSize;
  if (page === undefined || size === undefined) return { page: 0, size: dflt };
  if (typeof page !== "number" || !Number.isInteger(page) || page < 0)
    throw new CloudError(
      "InvalidParameter.PageNumber",
      "PageNumber must be a whole number from 0.",
    );
  if (typeof size !== "number" || !Number.isInteger(size) || size < 1)
    throw new CloudError("InvalidParameter.PageSize", "PageSize must be a whole number from 1.");
  if (size > max)
    throw new CloudError("InvalidParameter.PageSizeOversize", `PageSize exceeds ${max}.`);
  return { page, size };
}

function userIds(p: Params, max: number, code: string): string[] | undefined {
  const v = p.UserIds;
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((u) => typeof u === "string"))
    throw new CloudError("InvalidParameter.UserIds", "UserIds must be an array of strings.");
  if (v.length > max) throw new CloudError(code, `The number of users exceeds ${max}.`);
  return v;
}

function roomFor(src: RoomSource, p: Params): Room | undefined {
  const commId = p.CommId;
  if (typeof commId !== "string" || commId === "")
    throw new CloudError("MissingParameter.CommId", "CommId is missing.");
  return roomByCommId(src, commId);
}

function userInformation(room: Room, nowMs: number) {
  return room.participants.map((u) => ({
    RoomStr: room.roomId,
    UserId: u.userId,
    JoinTs: Math.floor(u.joinMs / 1000),
    // Tencent answers the current time for someone still in the room.
    LeaveTs: Math.floor((u.leaveMs ?? nowMs) / 1000),
    DeviceType: u.profile.device.type,
    SdkVersion: u.profile.device.sdkVersion,
    ClientIp: u.profile.clientIp,
    Finished: u.leaveMs !== null,
  }));
}

function usersIn(
  room: Room | undefined,
  from: number,
  to: number,
  ids: string[] | undefined,
  nowMs: number,
) {
  if (!room) return [];
  return userInformation(room, nowMs).filter(
    (u) => u.JoinTs <= to && u.LeaveTs >= from && (ids === undefined || ids.includes(u.UserId)),
  );
}

export function runAction(action: string, p: Params, src: RoomSource): Record<string, unknown> {
  const nowMs = src.now;
  switch (action) {
    case "DescribeRoomInfo": {
      const w = window(p, 24 * HOUR_S, nowMs);
      const { page, size } = paging(p, 10, 100);
      const r = p.RoomId;
      if (r !== undefined && typeof r !== "string" && typeof r !== "number")
        throw new CloudError("InvalidParameter.RoomId", "RoomId must be a string.");
      const roomId = r === undefined ? undefined : String(r);
      const rooms = roomsIn(src, w.from * 1000, w.to * 1000 + 999, roomId);
      return {
        Total: rooms.length,
        RoomList: rooms.slice(page * size, page * size + size).map((r) => ({
          CommId: r.commId,
          RoomString: r.roomId,
          CreateTime: r.createS,
          DestroyTime: r.destroyS ?? 0,
          IsFinished: r.destroyS !== null,
          UserId: r.call.caller,
        })),
      };
    }
    case "DescribeUserInfo": {
      const w = window(p, 4 * HOUR_S, nowMs);
      const ids = userIds(p, 100, "InvalidParameter.UserIds");
      const { page, size } = paging(p, 6, 100);
      const users = usersIn(roomFor(src, p), w.from, w.to, ids, nowMs);
      return { Total: users.length, UserList: users.slice(page * size, page * size + size) };
    }
    case "DescribeCallDetailInfo": {
      const raw = p.DataType;
      const metrics = Array.isArray(raw) && raw.length > 0;
      const w = window(p, (metrics ? 1 : 4) * HOUR_S, nowMs);
      const ids = userIds(
        p,
        metrics ? 6 : 100,
        metrics ? "InvalidParameter.UserIdsMorethanSix" : "InvalidParameter.UserIds",
      );
      const { page, size } = paging(p, 6, metrics ? 6 : 100);
      const room = roomFor(src, p);
      const users = usersIn(room, w.from, w.to, ids, nowMs).slice(page * size, page * size + size);
      if (!metrics || !room) return { Total: users.length, UserList: users, Data: [] };
      const types = (raw as unknown[]).includes("all")
        ? [...DATA_TYPES]
        : (raw as unknown[]).map(String);
      const bad = types.find((t) => !isDataType(t));
      if (bad !== undefined)
        throw new CloudError("InvalidParameter", `DataType ${bad} is not supported.`);
      const data = seriesFor(
        room,
        users.map((u) => u.UserId),
        types.filter(isDataType),
        w.from,
        w.to,
        nowMs,
      );
      return { Total: users.length, UserList: users, Data: data };
    }
    case "DescribeUserEvent": {
      const w = window(p, 24 * HOUR_S, nowMs);
      if (typeof p.UserId !== "string" || p.UserId === "")
        throw new CloudError("MissingParameter", "UserId is missing.");
      if (typeof p.RoomId !== "string" || p.RoomId === "")
        throw new CloudError("MissingParameter", "RoomId is missing.");
      const room = roomFor(src, p);
      if (!room || room.roomId !== p.RoomId) return { Data: [] };
      const content = eventsFor(room, p.UserId, w.from * 1000, w.to * 1000 + 999);
      return { Data: content.length > 0 ? [{ Content: content, PeerId: p.UserId }] : [] };
    }
    default:
      throw new CloudError(
        "InvalidAction",
        `The action ${action} is not supported by the emulator.`,
      );
  }
}
