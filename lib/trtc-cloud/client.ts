import "server-only";

import type { Logger } from "pino";

import { getEnv, type TrtcCloudConfig } from "@/lib/env";
import { log } from "@/lib/log";

import {
  EXPIRED_MESSAGE,
  QualityUnavailableError,
  UNCONFIGURED,
  type QualityUnavailable,
} from "./errors";
import {
  DATA_TYPES,
  mergeSeries,
  toEvent,
  toRoom,
  toSeries,
  toUser,
  type EventMessage,
  type QualityData,
  type RoomState,
  type UserInformation,
} from "./map";
import { createCloudTransport, type CloudCall } from "./transport";
import type {
  QualityClient,
  QualityRoom,
  QualitySeries,
  QualityUser,
  QualityWindow,
} from "./types";
import {
  METRICS_USERS_PER_QUERY,
  METRICS_WINDOW_MS,
  ROOM_WINDOW_MS,
  USER_WINDOW_MS,
  chunk,
  splitWindow,
  withinHistory,
} from "./windows";

// The TRTC monitoring client (Cloud API 3.0, service trtc, 2019-07-22): DescribeRoomInfo,
// DescribeUserInfo, DescribeCallDetailInfo and DescribeUserEvent, kept inside Tencent's windows,
// batch sizes and 14 days. Failures are QualityUnavailableError with plain words.

export type QualityClientOptions = {
  logger?: Logger;
  /** Clock for the 14-day check, ms. */
  now?: () => number;
  timeoutMs?: number;
  maxQueueMs?: number;
};

const PAGE_SIZE = 100;
const MAX_PAGES = 20;

type Page<T> = { items: T[]; full: boolean };

export function createQualityClient(
  config: TrtcCloudConfig,
  options: QualityClientOptions = {},
): QualityClient {
  const logger = (options.logger ?? log).child({ component: "trtc-cloud" });
  const call: CloudCall = createCloudTransport(config, { ...options, logger });
  const now = options.now ?? Date.now;
  const sdkAppId = config.sdkAppId;

  const recent = (w: QualityWindow): QualityWindow => {
    if (w.to.getTime() < w.from.getTime())
      throw new RangeError("quality window: `to` is before `from`");
    const kept = withinHistory(w, now());
    if (!kept) throw new QualityUnavailableError({ reason: "expired", message: EXPIRED_MESSAGE });
    return kept;
  };

  // Tencent pages from 0; a short page is the last one.
  async function allPages<T>(fetchPage: (page: number) => Promise<Page<T>>): Promise<T[]> {
    const out: T[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const { items, full } = await fetchPage(page);
      out.push(...items);
      if (!full) break;
    }
    return out;
  }

  const list = <T>(response: unknown, field: string): T[] => {
    const v = (response as Record<string, unknown> | null)?.[field];
    return Array.isArray(v) ? (v as T[]) : [];
  };

  return {
    async findRoom(roomId: string, window: QualityWindow): Promise<QualityRoom | null> {
      const w = recent(window);
      const rooms: QualityRoom[] = [];
      for (const part of splitWindow(w, ROOM_WINDOW_MS)) {
        const found = await allPages(async (page) => {
          const response = await call("DescribeRoomInfo", {
            SdkAppId: sdkAppId,
            StartTime: part.start,
            EndTime: part.end,
            RoomId: roomId,
            PageNumber: page,
            PageSize: PAGE_SIZE,
          });
          const items = list<RoomState>(response, "RoomList");
          return { items, full: items.length === PAGE_SIZE };
        });
        for (const r of found) {
          const room = toRoom(r);
          if (room && room.roomId === roomId && !rooms.some((x) => x.commId === room.commId))
            rooms.push(room);
        }
      }
      return bestOverlap(rooms, w, now());
    },

    async users(room: QualityRoom, window: QualityWindow): Promise<QualityUser[]> {
      const w = recent(window);
      const byUser = new Map<string, QualityUser>();
      for (const part of splitWindow(w, USER_WINDOW_MS)) {
        const found = await allPages(async (page) => {
          const response = await call("DescribeUserInfo", {
            CommId: room.commId,
            StartTime: part.start,
            EndTime: part.end,
            SdkAppId: sdkAppId,
            PageNumber: page,
            PageSize: PAGE_SIZE,
          });
          const items = list<UserInformation>(response, "UserList");
          return { items, full: items.length === PAGE_SIZE };
        });
        for (const raw of found) {
          const user = toUser(raw);
          if (!user) continue;
          const seen = byUser.get(user.userId);
          // The same stay seen from two windows: keep the first join and the last leave.
          if (!seen) byUser.set(user.userId, user);
          else if (user.joinedAt > seen.joinedAt)
            byUser.set(user.userId, { ...seen, leftAt: user.leftAt });
        }
      }
      return [...byUser.values()].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt));
    },

    async series(
      room: QualityRoom,
      userIds: string[],
      window: QualityWindow,
    ): Promise<Record<string, QualitySeries>> {
      const w = recent(window);
      const unique = [...new Set(userIds)];
      const out: Record<string, QualitySeries> = Object.fromEntries(unique.map((u) => [u, {}]));
      if (unique.length === 0) return out;
      const parts = splitWindow(w, METRICS_WINDOW_MS);
      const batches = chunk(unique, METRICS_USERS_PER_QUERY);
      // Asked together (the throttle keeps to 20/s), merged in time order.
      const results = await Promise.all(
        parts.map((part) =>
          Promise.all(
            batches.map(async (users) => {
              const response = await call("DescribeCallDetailInfo", {
                CommId: room.commId,
                StartTime: part.start,
                EndTime: part.end,
                SdkAppId: sdkAppId,
                UserIds: users,
                DataType: [...DATA_TYPES],
                PageNumber: 0,
                PageSize: users.length,
              });
              return toSeries(list<QualityData>(response, "Data"));
            }),
          ),
        ),
      );
      for (const perPart of results) for (const s of perPart) mergeSeries(out, s);
      return out;
    },

    async events(room: QualityRoom, userId: string, window: QualityWindow) {
      const w = recent(window);
      // Tencent states no window for events; the emulator reads it as 24 h, like rooms.
      const answers = await Promise.all(
        splitWindow(w, ROOM_WINDOW_MS).map((part) =>
          call("DescribeUserEvent", {
            CommId: room.commId,
            StartTime: part.start,
            EndTime: part.end,
            UserId: userId,
            RoomId: room.roomId,
            SdkAppId: sdkAppId,
          }),
        ),
      );
      const seen = new Set<string>();
      return answers
        .flatMap((response) => list<{ Content?: EventMessage[] }>(response, "Data"))
        .flatMap((l) => l.Content ?? [])
        .map(toEvent)
        .filter((e) => e !== null)
        .filter((e) => {
          const key = `${e.at}|${e.kind}|${e.label}`;
          return !seen.has(key) && Boolean(seen.add(key));
        })
        .sort((a, b) => a.at.localeCompare(b.at));
    },
  };
}

function bestOverlap(rooms: QualityRoom[], w: QualityWindow, now: number): QualityRoom | null {
  let best: QualityRoom | null = null;
  let bestMs = -Infinity;
  for (const room of rooms) {
    const from = Math.max(Date.parse(room.createdAt), w.from.getTime());
    const to = Math.min(room.destroyedAt ? Date.parse(room.destroyedAt) : now, w.to.getTime());
    if (to - from > bestMs) {
      best = room;
      bestMs = to - from;
    }
  }
  return best;
}

// On globalThis so every Next.js bundle in the process shares one client and one throttle.
const SINGLETON = Symbol.for("call-console.trtc-cloud.client");
const holder = globalThis as Record<symbol, QualityClient | undefined>;

/** The configured client, or why there is none (no key pair set outside embedded mode). */
export function resolveQualityClient():
  { ok: true; client: QualityClient } | { ok: false; unavailable: QualityUnavailable } {
  const config = getEnv().trtcCloud;
  if (!config) return { ok: false, unavailable: UNCONFIGURED };
  return { ok: true, client: (holder[SINGLETON] ??= createQualityClient(config)) };
}
