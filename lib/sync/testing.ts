import "server-only";

import type { CallSnapshot, Emulator, EmulatorOptions } from "@/emulator/src/server";
import type { CallRecord, Generation } from "@/lib/calls/types";
import type { Db } from "@/lib/db/client";
import { recordFiltersSchema } from "@/lib/records/filters";
import { listIndexedRecords } from "@/lib/records/query";
import type { TrtcClient } from "@/lib/trtc/client";
import { clientFor, emulator, memoryLogger, sharedEmulator } from "@/lib/trtc/testing";

import { DEFAULT_SETTINGS, WINDOW_MS, type SyncSettings } from "./engine";

export type Clock = { now: () => number; advance: (ms: number) => void };

export function manualClock(start = Date.UTC(2026, 10, 20, 12, 0, 0)): Clock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

const withClock = (clock: Clock, calls: number, extra: EmulatorOptions): EmulatorOptions => ({
  calls,
  seed: 7,
  liveCalls: 2,
  now: clock.now,
  ...extra,
});

export async function emulatorWithClock(
  clock: Clock,
  calls = 300,
  extra: EmulatorOptions = {},
): Promise<Emulator> {
  return emulator(withClock(clock, calls, extra));
}

export function sharedEmulatorWithClock(
  clock: Clock,
  calls = 300,
  extra: EmulatorOptions = {},
): Pick<Emulator, "url" | "store"> {
  return sharedEmulator({ ...withClock(clock, calls, extra), reset: false });
}

export function syncSettings(clock: Clock, overrides: Partial<SyncSettings> = {}): SyncSettings {
  return {
    ...DEFAULT_SETTINGS,
    generations: ["v4", "v1"],
    now: clock.now,
    logger: memoryLogger().logger,
    retryDelayMs: 5,
    ...overrides,
  };
}

export function sourceFor(
  emu: Pick<Emulator, "url">,
  clock: Clock,
  generations: Generation[] = ["v4", "v1"],
): TrtcClient {
  const recordsApi = generations.length === 2 ? "both" : generations[0]!;
  return clientFor(emu, { recordsApi }, { now: clock.now }).client;
}

const iso = (ms: number | null) =>
  ms === null ? null : new Date(Math.floor(ms / 1000) * 1000).toISOString();

export function expectedRecord(
  c: CallSnapshot,
  generations: Generation[] = ["v4", "v1"],
): CallRecord {
  const sources = (["v4", "v1"] as const).filter(
    (g) => c.generations.includes(g) && generations.includes(g),
  );
  return {
    callId: c.callId,
    result: c.result,
    mediaType: c.mediaType,
    callType: c.callType,
    caller: c.caller,
    callees: [...c.callees].filter((u) => u !== c.caller).sort(),
    startedAt: iso(c.startedAt)!,
    acceptedAt: iso(c.acceptedAt),
    endedAt: iso(c.endedAt),
    roomId: c.roomId,
    roomIdType: sources.includes("v4") ? (c.roomId === "" ? 0 : c.roomIdType) : null,
    chatGroupId: null,
    sources: [...sources],
  };
}

export function groundTruth(
  emu: Pick<Emulator, "store">,
  now: number,
  generations: Generation[] = ["v4", "v1"],
): CallSnapshot[] {
  const { calls } = emu.store.list({ from: now - WINDOW_MS, limit: 10_000_000 }, now);
  return calls.filter((c) => c.recordVisible && c.generations.some((g) => generations.includes(g)));
}

type PgClientLike = { on(e: "error", fn: () => void): void };
type PgPoolLike = {
  on(event: "connect", fn: (client: PgClientLike) => void): void;
  on(event: "remove", fn: () => void): void;
  end(): Promise<void>;
  totalCount: number;
  _clients?: PgClientLike[];
};

// pg's Pool.end() resolves before its sockets close, so a forced DROP DATABASE can hit a
// half-closed client; this end() waits for every client and ignores stray errors.
export function quietPool<T extends { db: unknown; driver: string }>(handle: T): T {
  if (handle.driver !== "pg") return handle;
  const pool = (handle.db as { $client: PgPoolLike }).$client;
  const ignore = () => {};
  for (const c of pool._clients ?? []) c.on("error", ignore);
  pool.on("connect", (c) => c.on("error", ignore));
  const end = pool.end.bind(pool);
  pool.end = async () => {
    let left = pool.totalCount;
    const gone = new Promise<void>((ok) => {
      if (left === 0) ok();
      pool.on("remove", () => {
        if (--left <= 0) ok();
      });
      setTimeout(ok, 2_000).unref();
    });
    await end();
    await gone;
  };
  return handle;
}

export const byCallId = (a: { callId: string }, b: { callId: string }) =>
  a.callId.localeCompare(b.callId);

/** Every call in the index, oldest first, through the record browser's own query. */
export async function indexedRecords(db: Db) {
  const filters = recordFiltersSchema.parse({ pageSize: "200", sort: "startedAt" });
  const out = [];
  for (let page = 1; ; page++) {
    const res = await listIndexedRecords(db, { ...filters, page });
    out.push(...res.items);
    if (res.items.length < filters.pageSize) return { items: out, total: res.total };
  }
}

/** An indexed call as `expectedRecord` builds one: derived and bookkeeping fields left out. */
export function comparableRecord(
  r: Awaited<ReturnType<typeof indexedRecords>>["items"][number],
): CallRecord {
  const { ringSeconds: _r, talkSeconds: _t, lastSyncedAt: _l, quality: _q, ...rest } = r;
  return { ...rest, callees: [...rest.callees].sort() };
}
