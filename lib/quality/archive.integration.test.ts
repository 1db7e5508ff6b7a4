import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { GET } from "@/app/api/records/route";
import type { CallRecord } from "@/lib/calls/types";
import { upsertRecords } from "@/lib/sync/store";
import { quietPool } from "@/lib/sync/testing";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

import { pruneQualityBefore, readQuality, saveQuality, type ArchivedQuality } from "./archive";
import type { ArchivedQualityParticipant } from "./types";

vi.setConfig({ testTimeout: 60_000 });

// The quality archive beside the record index: stored and read back whole, filtered and shown in
// GET /api/records, pruned with the index's retention; on PGlite and PostgreSQL.

const T0 = Date.UTC(2026, 10, 10, 8, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const call = (n: number, result = "Interrupt"): CallRecord => ({
  callId: `call-${n}`,
  result,
  mediaType: "video",
  callType: "single",
  caller: "alice",
  callees: ["bob"],
  startedAt: at(n),
  acceptedAt: at(n),
  endedAt: at(n + 1),
  roomId: `room-${n}`,
  roomIdType: 2,
  chatGroupId: null,
  sources: ["v4"],
});

const person = (userId: string, verdict: "good" | "poor"): ArchivedQualityParticipant => ({
  userId,
  joinedAt: at(1),
  leftAt: at(2),
  device: "iPhone15,2",
  os: "iOS 17.4",
  sdkVersion: "12.1.0",
  clientIp: "203.0.113.7",
  verdict,
  sentence: `${userId} was ${verdict}`,
  series: { lossDown: [{ at: at(1), value: verdict === "poor" ? 31 : 0 }] },
  events: [{ at: at(1), kind: "joined", label: "Entered the room" }],
});

const quality = (n: number, verdict: "good" | "poor"): ArchivedQuality => ({
  callId: `call-${n}`,
  startedAt: at(n),
  verdict,
  participants: [person("alice", "good"), person("bob", verdict)],
  unavailableReason: null,
  fetchedAt: at(n + 5),
});

describe.each(APP_DATABASES)("call quality archive on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;

  beforeAll(async () => {
    handle = quietPool(await open());
    await upsertRecords(handle.db, [call(1), call(2), call(3, "NormalEnd"), call(4)]);
    await saveQuality(handle.db, quality(1, "poor"));
    await saveQuality(handle.db, quality(3, "good"));
    // A call Tencent had no room for: known, but not graded.
    await saveQuality(handle.db, { ...quality(4, "good"), verdict: "unknown", participants: [] });
  });
  afterAll(async () => {
    await handle.dispose();
  });

  const records = async (query: string) => {
    const res = await GET(await requestAs("support", `/api/records?${query}`));
    return {
      status: res.status,
      body: (await res.json()) as {
        items: { callId: string; quality: string | null }[];
        total: number;
        error?: { message: string };
      },
    };
  };

  it("reads back what was stored, series and events included, and replaces on a refetch", async () => {
    expect(await readQuality(handle.db, "call-1")).toEqual(quality(1, "poor"));
    await saveQuality(handle.db, { ...quality(1, "poor"), fetchedAt: at(30) });
    expect((await readQuality(handle.db, "call-1"))?.fetchedAt).toBe(at(30));
    expect(await readQuality(handle.db, "call-2")).toBeNull();
  });

  it("filters the records by quality and shows it as a column", async () => {
    const poor = await records("quality=poor");
    expect(poor.body.items.map((i) => i.callId)).toEqual(["call-1"]);
    expect(poor.body.total).toBe(1);
    expect(poor.body.items[0]?.quality).toBe("poor");
    expect((await records("quality=good")).body.items.map((i) => i.callId)).toEqual(["call-3"]);
    const unknown = await records("quality=unknown");
    expect(unknown.body.items.map((i) => i.callId)).toEqual(["call-4", "call-2"]);
    const all = await records("");
    expect(Object.fromEntries(all.body.items.map((i) => [i.callId, i.quality]))).toEqual({
      "call-1": "poor",
      "call-2": null,
      "call-3": "good",
      "call-4": "unknown",
    });
  });

  it("refuses a quality value it does not know with a 422 naming the field", async () => {
    const { status, body } = await records("quality=terrible");
    expect(status).toBe(422);
    expect(body.error?.message).toBe("quality: must be poor, fair, good or unknown");
  });

  it("prunes with the index's retention, by the call's start", async () => {
    expect(await pruneQualityBefore(handle.db, new Date(at(2)))).toBe(1);
    expect(await readQuality(handle.db, "call-1")).toBeNull();
    expect(await readQuality(handle.db, "call-3")).not.toBeNull();
  });
});
