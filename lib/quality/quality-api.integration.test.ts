import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { GET } from "@/app/api/calls/[callId]/quality/route";
import type { Role } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { control, scriptCall, sharedEmulator } from "@/lib/trtc/testing";
import { cloudStats } from "@/lib/trtc-cloud/testing";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

import { readQuality } from "./archive";
import type { QualityReport } from "./types";

vi.setConfig({ testTimeout: 60_000 });

// GET /api/calls/:id/quality through the real route wrapper, against the emulator's Cloud API
// (signed, verified, scripted quality) in embedded mode, and without credentials.

const emu = sharedEmulator();
const saved = { ...process.env };
const SINGLETONS = ["call-console.trtc.client", "call-console.trtc-cloud.client"].map((k) =>
  Symbol.for(k),
);
const MIN = 60_000;
const DAY = 86_400_000;

function freshClients(): void {
  resetEnvForTests();
  for (const s of SINGLETONS) delete (globalThis as Record<symbol, unknown>)[s];
}

let app: Awaited<ReturnType<(typeof APP_DATABASES)[number]["open"]>>;
beforeAll(async () => {
  process.env.EMULATOR_PORT = new URL(emu.url).port;
  process.env.LOG_LEVEL = "silent";
  freshClients();
  app = await APP_DATABASES[0]!.open();
});
afterAll(async () => {
  await control(emu, "DELETE", "clock");
  await control(emu, "DELETE", "cloud");
  await app.dispose();
  process.env = { ...saved };
  freshClients();
});

type Answer = QualityReport & { error?: { code: string; message: string; details?: unknown } };

async function quality(callId: string, role: Role = "support") {
  const res = await GET(await requestAs(role, `/api/calls/${encodeURIComponent(callId)}/quality`), {
    params: Promise.resolve({ callId }),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

/** A two-party video call bob dropped out of, his downstream at 31 % for its last 12 s. */
function droppedCall(caller: string, callee: string) {
  return scriptCall(emu, {
    caller,
    callees: [callee],
    startedAt: Date.now() - 30 * MIN,
    acceptAfterMs: 5_000,
    endAfterMs: 5_000 + 2 * MIN,
    result: "Interrupt",
    endedBy: callee,
    mediaType: "video",
    members: [
      {
        userId: callee,
        outcome: "accepted",
        actedAfterMs: 5_000,
        quality: { direction: "down", lossPct: 31, lastSeconds: 12 },
      },
    ],
    quality: { [caller]: "good" },
  });
}

describe("GET /api/calls/:id/quality with the emulator's monitoring", () => {
  it("grades the participant whose network failed and says so in one sentence", async () => {
    const call = await droppedCall("q-alice", "q-bob");
    const { status, body } = await quality(call.callId);
    expect(status).toBe(200);
    expect(body.source).toBe("tencent");
    expect(body.unavailable).toBeUndefined();
    const [alice, bob] = body.participants;
    expect(alice).toMatchObject({ userId: "q-alice", verdict: "good" });
    expect(alice!.sentence).toBe(
      "q-alice's loss stayed under 2 % until they dropped, so the drop was not preceded by a bad network.",
    );
    expect(bob).toMatchObject({ userId: "q-bob", verdict: "poor" });
    expect(bob!.sentence).toMatch(
      /^q-bob's downstream loss rose to 31 % for 1[2-4] s before they dropped\.$/,
    );
    expect(bob!.series.lossDown!.length).toBeGreaterThan(10);
    expect(bob!.series.bitrateDown!.length).toBeGreaterThan(10);
    expect(bob!.events.map((e) => e.kind)).toContain("joined");
    expect(bob!.device).not.toBe("");
    expect(bob!.sdkVersion).toMatch(/^\d+\./);
    // Support sees the network, not the address; managers see it whole.
    expect(bob!.clientIp).toMatch(/^\d+\.\d+\.\d+\.x$/);
    const manager = await quality(call.callId, "manager");
    expect(manager.body.participants[1]!.clientIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    // Kept with the record index for when Tencent no longer has it.
    expect((await readQuality(await getDb(), call.callId))?.verdict).toBe("poor");
  });

  it("finds everyone good on a good call", async () => {
    const call = await scriptCall(emu, {
      caller: "q-carol",
      callees: ["q-dave"],
      startedAt: Date.now() - 20 * MIN,
      acceptAfterMs: 4_000,
      endAfterMs: 64_000,
      result: "NormalEnd",
      endedBy: "q-carol",
      members: [{ userId: "q-dave", outcome: "accepted", actedAfterMs: 4_000 }],
      quality: { "q-carol": "good", "q-dave": "good" },
    });
    const { body } = await quality(call.callId);
    expect(body.participants.map((p) => [p.userId, p.verdict])).toEqual([
      ["q-carol", "good"],
      ["q-dave", "good"],
    ]);
    expect(body.participants[1]!.sentence).toBe(
      "q-dave's network was good throughout (loss under 2 %).",
    );
  });

  it("asks Tencent once for a call whose figures had settled when fetched", async () => {
    const call = await droppedCall("q-kim", "q-lee");
    const first = await quality(call.callId);
    const asked = Object.values((await cloudStats(emu)).requests).reduce((a, b) => a + b, 0);
    const again = await quality(call.callId);
    const askedAfter = Object.values((await cloudStats(emu)).requests).reduce((a, b) => a + b, 0);
    expect(askedAfter).toBe(asked);
    expect(again.body).toEqual(first.body);
    expect(again.body.source).toBe("tencent");
  });

  it("says the plan is missing, with Tencent's code and RequestId", async () => {
    const call = await droppedCall("q-erin", "q-frank");
    await control(emu, "POST", "cloud", { plan: "inactive" });
    try {
      const { status, body } = await quality(call.callId);
      expect(status).toBe(200);
      expect(body.participants).toEqual([]);
      expect(body.unavailable).toMatchObject({ reason: "plan_inactive" });
      expect(body.unavailable!.message).toContain("Monitoring Dashboard");
      expect(body.unavailable!.code).toMatch(/\w+\.\w+/);
      expect(body.unavailable!.requestId).toBeTruthy();
    } finally {
      await control(emu, "POST", "cloud", { plan: "active" });
    }
  });

  it("serves the console's archive once the emulator's clock is 15 days on", async () => {
    const call = await droppedCall("q-gina", "q-hank");
    const before = await quality(call.callId);
    expect(before.body.source).toBe("tencent");
    await control(emu, "POST", "clock", { offsetMs: 15 * DAY });
    try {
      const after = await quality(call.callId);
      expect(after.body.error ?? null).toBeNull();
      expect(after.status).toBe(200);
      expect(after.body.source).toBe("archive");
      expect(after.body.participants).toEqual(before.body.participants);
    } finally {
      await control(emu, "DELETE", "clock");
    }
  });

  it.each([
    ["has space", 422],
    ["x".repeat(129), 422],
    ["no-such-call-00000000000000000", 404],
  ])("answers %s with %i, never 500", async (callId, status) => {
    const res = await quality(callId);
    expect(res.status).toBe(status);
    expect(res.body.error?.message).toBeTruthy();
  });

  it("refuses a signed-out request", async () => {
    const res = await GET(await requestAs(null, "/api/calls/abc/quality"), {
      params: Promise.resolve({ callId: "abc" }),
    });
    expect(res.status).toBe(401);
  });
});

describe("GET /api/calls/:id/quality without Cloud API credentials", () => {
  beforeAll(() => {
    // A real app (not embedded) whose call APIs answer, with no TENCENTCLOUD_* set.
    process.env.TRTC_SDK_APP_ID = "1400000001";
    process.env.TRTC_SECRET_KEY = "emulator-secret-key-for-local-use-only-0000000000000000";
    process.env.TRTC_CHAT_BASE_URL = emu.url;
    process.env.TRTC_CALLKIT_BASE_URL = emu.url;
    delete process.env.TENCENTCLOUD_SECRET_ID;
    delete process.env.TENCENTCLOUD_SECRET_KEY;
    freshClients();
  });

  it("answers 200 saying what to configure", async () => {
    const call = await droppedCall("q-ivy", "q-jack");
    const { status, body } = await quality(call.callId);
    expect(status).toBe(200);
    expect(body.participants).toEqual([]);
    expect(body.unavailable?.reason).toBe("unconfigured");
    expect(body.unavailable?.message).toContain("TENCENTCLOUD_SECRET_ID");
    expect(body.unavailable?.message).toContain("TENCENTCLOUD_SECRET_KEY");
  });
});
