import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { openDatabase, type DbHandle } from "@/lib/db/client";
import { createArchiveLookup } from "@/lib/records/archive";
import { runSyncPass } from "@/lib/sync/engine";
import { syncSettings } from "@/lib/sync/testing";
import { V1_RECORD_BY_ID, V4_RECORD_BY_ID } from "@/lib/trtc/records";
import { clientFor, control, scriptCall, sharedEmulator } from "@/lib/trtc/testing";

import { lookupCall, type CallSources } from "./lookup";
import { defaultSources } from "./service";

// v1's by-ID limit (20/s for the whole app) must not cap the console's lookups: a lookup asks v1
// only when the record index lacks the call's v1 copy and the call can have one. Counted at the
// emulator, which sees every request.

const emu = sharedEmulator({ calls: 30 });
let handle: DbHandle;
beforeAll(async () => {
  handle = await openDatabase({ memory: true });
});
afterAll(async () => {
  await handle?.close();
});
beforeEach(async () => {
  await control(emu, "DELETE", "requests");
});

type Counts = { byPath: Record<string, { total: number }> };
const sent = async (path: string) =>
  ((await control(emu, "GET", "requests")) as Counts).byPath[path]?.total ?? 0;

function sources(withIndex: boolean): CallSources {
  const { archive: _archive, ...tencent } = defaultSources(clientFor(emu).client);
  return withIndex
    ? { ...tencent, archive: createArchiveLookup(() => Promise.resolve(handle.db)) }
    : tencent;
}

async function found(callId: string, src: CallSources) {
  const outcome = await lookupCall(callId, src);
  if (outcome.kind !== "found") throw new Error(`expected ${callId} to be found`);
  return outcome.detail;
}

async function syncIndex(): Promise<void> {
  const clock = { now: Date.now, advance: () => {} };
  await runSyncPass(handle.db, clientFor(emu).client, syncSettings(clock));
}

describe("the v1 by-ID budget", () => {
  it("a call whose v1 copy is indexed costs no v1 request, and shows exactly as when v1 is asked", async () => {
    const call = await scriptCall(emu, { caller: "v1b-a", callees: ["v1b-b"], result: "Reject" });
    const asked = await found(call.callId, sources(false));
    expect(await sent(V1_RECORD_BY_ID)).toBe(1);

    await syncIndex();
    await control(emu, "DELETE", "requests");
    const detail = await found(call.callId, sources(true));
    expect(await sent(V1_RECORD_BY_ID)).toBe(0);
    expect(await sent(V4_RECORD_BY_ID)).toBe(1);
    expect(detail.call).toEqual(asked.call);
    expect(detail.origin).toBe("tencent");
    expect(detail.parts.record.find((p) => p.generation === "v1")).toMatchObject({
      found: true,
      requestId: null,
      error: null,
      indexedAt: expect.stringMatching(/^\d{4}-/),
    });
    // Two RequestIds, v4's record and live status: v1 was not asked.
    expect(detail.requestIds).toHaveLength(2);
  });

  it("a call the index does not hold yet asks v1 once", async () => {
    const call = await scriptCall(emu, { caller: "v1b-c", callees: ["v1b-d"] });
    const detail = await found(call.callId, sources(true));
    expect(await sent(V1_RECORD_BY_ID)).toBe(1);
    expect(detail.call.sources).toEqual(["v4", "v1"]);
    expect(detail.parts.record.find((p) => p.generation === "v1")?.indexedAt).toBeNull();
  });

  it("a live call's refreshes never ask v1; the first lookup after it ends does", async () => {
    const call = await scriptCall(emu, {
      caller: "v1b-e",
      callees: ["v1b-f"],
      live: true,
      acceptAfterMs: 1_000,
      endAfterMs: 60_000,
    });
    for (let refresh = 0; refresh < 3; refresh++) {
      const detail = await found(call.callId, sources(true));
      expect(detail.call.live).toBe(true);
      expect(detail.parts.record.find((p) => p.generation === "v1")?.notAsked).toBe("live");
    }
    expect(await sent(V1_RECORD_BY_ID)).toBe(0);

    await control(emu, "POST", "clock", { offsetMs: 70_000 });
    try {
      const ended = await found(call.callId, sources(true));
      expect(ended.call.live).toBe(false);
      expect(ended.call.sources).toEqual(["v4", "v1"]);
      expect(await sent(V1_RECORD_BY_ID)).toBe(1);
    } finally {
      await control(emu, "DELETE", "clock");
    }
  });
});
