import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { GET as getCall } from "@/app/api/calls/[callId]/route";
import { getDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { upsertRecords } from "@/lib/sync/store";
import { control, scriptCall, sharedEmulator } from "@/lib/trtc/testing";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

// GET /api/calls/:id through the real route wrapper when Tencent fails: the record index's copy
// answers 200 with `degraded`; without one, Tencent's failure stays a 502.

const emu = sharedEmulator();
const saved = { ...process.env };
const CLIENT = Symbol.for("call-console.trtc.client");
let app: Awaited<ReturnType<(typeof APP_DATABASES)[number]["open"]>>;
beforeAll(async () => {
  process.env.EMULATOR_PORT = new URL(emu.url).port;
  process.env.LOG_LEVEL = "silent";
  resetEnvForTests();
  delete (globalThis as Record<symbol, unknown>)[CLIENT];
  app = await APP_DATABASES[0]!.open();
});
afterEach(async () => {
  await control(emu, "DELETE", "faults");
});
afterAll(async () => {
  await app.dispose();
  process.env = { ...saved };
  resetEnvForTests();
  delete (globalThis as Record<symbol, unknown>)[CLIENT];
});

const EVERY_UPSTREAM = ["/v4/call_record_http_srv", "/v1/records", "/v4/call_engine_http_srv"];

async function get(callId: string) {
  const res = await getCall(await requestAs("support", `/api/calls/${callId}`), {
    params: Promise.resolve({ callId }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function indexed(caller: string, callee: string) {
  const call = await scriptCall(emu, { caller, callees: [callee], result: "CallBusy" });
  await upsertRecords(await getDb(), [
    {
      callId: call.callId,
      result: "CallBusy",
      mediaType: "audio",
      callType: "single",
      caller,
      callees: [callee],
      startedAt: new Date(call.startedAt).toISOString(),
      acceptedAt: null,
      endedAt: new Date(call.startedAt + 3_000).toISOString(),
      roomId: "77",
      roomIdType: 1,
      chatGroupId: null,
      sources: ["v4", "v1"],
    },
  ]);
  return call;
}

describe("GET /api/calls/:id when Tencent fails", () => {
  it("answers 200 with the indexed call and each upstream failure when every upstream call fails", async () => {
    const call = await indexed("api-down-a", "api-down-b");
    await control(emu, "POST", "faults", { errorRate: 1, onlyPaths: EVERY_UPSTREAM });
    const { status, body } = await get(call.callId);
    expect(status).toBe(200);
    expect(body.call).toMatchObject({
      callId: call.callId,
      result: "CallBusy",
      caller: "api-down-a",
      callees: ["api-down-b"],
      roomId: "77",
      live: false,
    });
    expect(body.origin).toBe("index");
    const degraded = body.degraded as {
      upstream: { generation: string; code: number; message: string; requestId: string }[];
    };
    // v1 is not asked at all: the index holds its copy, and a record never changes once written.
    expect(degraded.upstream).toEqual([
      {
        generation: "v4",
        code: 101001,
        message: expect.any(String),
        requestId: expect.stringMatching(/^Id-/),
      },
      {
        generation: "v4",
        code: 101001,
        message: expect.any(String),
        requestId: expect.stringMatching(/^Id-/),
      },
    ]);
    const parts = body.parts as { record: { generation: string; indexedAt: string | null }[] };
    expect(parts.record.find((p) => p.generation === "v1")?.indexedAt).toEqual(expect.any(String));
  });

  it("keeps the 502 with Tencent's details for a call the index does not have", async () => {
    const call = await scriptCall(emu, { caller: "api-down-c", callees: ["api-down-d"] });
    await control(emu, "POST", "faults", { errorRate: 1, onlyPaths: EVERY_UPSTREAM });
    const { status, body } = await get(call.callId);
    expect(status).toBe(502);
    expect(body).toMatchObject({
      error: {
        code: "upstream_error",
        details: { upstream: { generation: "v4", code: 101001, requestId: expect.any(String) } },
      },
    });
    expect(body).not.toHaveProperty("degraded");
  });

  it("answers without `degraded` when Tencent answers", async () => {
    const call = await indexed("api-up-a", "api-up-b");
    const { status, body } = await get(call.callId);
    expect(status).toBe(200);
    expect(body.origin).toBe("tencent");
    expect(body).not.toHaveProperty("degraded");
  });
});
