import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { CallRecord } from "@/lib/calls/types";
import { rowsOf } from "@/lib/db/executor";
import { upsertRecords } from "@/lib/sync/store";
import { quietPool } from "@/lib/sync/testing";
import { control, scriptCall, sharedEmulator } from "@/lib/trtc/testing";
import { qualityClientFor, cloudStats } from "@/lib/trtc-cloud/testing";
import { APP_DATABASES } from "@/test/databases";

import { readQuality } from "./archive";
import { BACKGROUND_CALLS_PER_PASS, fetchFailedCallsQuality } from "./background";

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

// The sync loop's background fetch of failed calls' quality, against the emulator's Cloud API:
// a capped batch per pass, failed calls only, each once, and never over 20 requests/s an action
// as counted by the emulator.

// The calls are scripted once, before the test: no reset between.
const emu = sharedEmulator({ reset: false });
const MIN = 60_000;

async function failedCall(n: number, result: string, poor: boolean): Promise<CallRecord> {
  const startedAt = Date.now() - 60 * MIN + n * MIN;
  const caller = `bg-a${n}`;
  const callee = `bg-b${n}`;
  const call = await scriptCall(emu, {
    caller,
    callees: [callee],
    startedAt,
    acceptAfterMs: 3_000,
    endAfterMs: 33_000,
    result,
    endedBy: callee,
    members: [
      {
        userId: callee,
        outcome: "accepted",
        actedAfterMs: 3_000,
        ...(poor ? { quality: { direction: "up", lossPct: 25, lastSeconds: 10 } } : {}),
      },
    ],
    quality: { [caller]: "good", ...(poor ? {} : { [callee]: "good" }) },
  });
  return {
    callId: call.callId,
    result,
    mediaType: "audio",
    callType: "single",
    caller,
    callees: [callee],
    startedAt: new Date(call.startedAt).toISOString(),
    acceptedAt: new Date(call.startedAt + 3_000).toISOString(),
    endedAt: new Date(call.startedAt + 33_000).toISOString(),
    roomId: call.roomId,
    roomIdType: call.roomIdType,
    chatGroupId: null,
    sources: ["v4"],
  };
}

describe.each(APP_DATABASES.slice(0, 1))("background quality fetch on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  let calls: CallRecord[];

  beforeAll(async () => {
    handle = quietPool(await open());
    await control(emu, "DELETE", "cloud");
    calls = [];
    for (let n = 0; n < 30; n++) {
      const result = n % 10 === 9 ? "NormalEnd" : n % 2 ? "Offline" : "Interrupt";
      calls.push(await failedCall(n, result, n % 3 === 0));
    }
    await upsertRecords(handle.db, calls);
  });
  afterAll(async () => {
    await handle.dispose();
  });

  it("takes a capped batch per pass, only failed calls, each once, within 20 requests/s", async () => {
    const { client } = qualityClientFor(emu);
    const failed = calls.filter((c) => c.result !== "NormalEnd");
    const first = await fetchFailedCallsQuality(handle.db, client, { now: Date.now() });
    expect(first).toEqual({ fetched: BACKGROUND_CALLS_PER_PASS, unavailable: 0 });
    // The rest in one larger pass, to put the client's throttle to work.
    const rest = await fetchFailedCallsQuality(handle.db, client, { now: Date.now(), limit: 100 });
    expect(rest.fetched).toBe(failed.length - BACKGROUND_CALLS_PER_PASS);
    expect(await fetchFailedCallsQuality(handle.db, client, { now: Date.now() })).toEqual({
      fetched: 0,
      unavailable: 0,
    });

    const stats = await cloudStats(emu);
    expect(Math.max(...Object.values(stats.maxPerSecond))).toBeLessThanOrEqual(20);
    expect(stats.refused).toEqual({});

    const stored = rowsOf<{ call_id: string }>(
      await handle.db.execute(sql`select call_id from call_quality`),
    ).map((r) => r.call_id);
    expect(new Set(stored)).toEqual(new Set(failed.map((c) => c.callId)));
    const poor = await readQuality(handle.db, calls[0]!.callId);
    expect(poor?.verdict).toBe("poor");
    expect(poor?.participants[1]?.sentence).toMatch(
      /upstream loss rose to 25 % for \d+ s before they dropped/,
    );
  });
});
