import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { Emulator } from "@/emulator/src/server";
import { lookupCall } from "@/lib/call-detail/lookup";
import { defaultSources } from "@/lib/call-detail/service";
import { runSyncPass, WINDOW_MS } from "@/lib/sync/engine";
import {
  emulatorWithClock,
  manualClock,
  quietPool,
  sourceFor,
  syncSettings,
  type Clock,
} from "@/lib/sync/testing";
import { scriptCall } from "@/lib/trtc/testing";
import { TEST_DATABASES } from "@/test/databases";

import { createArchiveLookup } from "./archive";

// Each case reads the whole 7-day window over HTTP; on a busy 2-core machine that can take a while.
vi.setConfig({ testTimeout: 120_000 });

// An old ticket link keeps working: a call older than Tencent's 7 days opens from the index,
// marked as archived, through the call detail lookup (lib/call-detail) over real HTTP.

describe.each(TEST_DATABASES)("call detail from the archive on $name", ({ open }) => {
  let clock: Clock;
  let emu: Emulator;
  let handle: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    clock = manualClock();
    emu = await emulatorWithClock(clock, 50);
    handle = quietPool(await open());
  });
  afterAll(async () => {
    await handle.dispose();
    await emu.close();
  });

  it("opens a call older than 7 days from the index, clearly marked as archived", async () => {
    const call = await scriptCall(emu, {
      caller: "old_ticket_a",
      callees: ["old_ticket_b"],
      result: "NotAnswer",
    });
    await runSyncPass(handle.db, sourceFor(emu, clock), syncSettings(clock));
    clock.advance(WINDOW_MS + 2 * 86_400_000);

    const client = sourceFor(emu, clock);
    const withoutArchive = await lookupCall(call.callId, defaultSources(client));
    expect(withoutArchive.kind).toBe("not_found");

    // Production (getCallLookup) passes the same lookup over the process database; here, the test's.
    const sources = {
      ...defaultSources(client),
      archive: createArchiveLookup(() => Promise.resolve(handle.db)),
    };
    const outcome = await lookupCall(call.callId, sources);
    expect(outcome.kind).toBe("found");
    if (outcome.kind !== "found") return;
    expect(outcome.detail).toMatchObject({ origin: "archive" });
    expect(
      Date.parse(String((outcome.detail as { archivedAt?: string }).archivedAt)),
    ).toBeGreaterThan(0);
    expect(JSON.stringify(outcome.detail)).toContain("old_ticket_b");

    // Unknown IDs are still "not found", with the archive listed as searched.
    const missing = await lookupCall("00000000-0000-4000-8000-000000000000", sources);
    expect(missing).toMatchObject({ kind: "not_found", details: { archiveSearched: true } });
  });
});
