import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DELETE, GET, PUT } from "@/app/api/admin/callbacks/route";
import type { Role } from "@/lib/auth/roles";
import { listAudit } from "@/lib/db/audit";
import { resetEnvForTests } from "@/lib/env";
import { clientFor, control, sharedEmulator } from "@/lib/trtc/testing";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

import {
  CONSOLE_CALLBACK_EVENTS,
  type CallbackGenerationState,
  type CallbackSetup,
} from "./callback-config";
import { callbackToken, recordRejection } from "./callback-state";
import { storeEvents } from "./store";

// /api/admin/callbacks against the real emulator (embedded mode) and the app's database (PGlite).

const emu = sharedEmulator();
const CONSOLE = "http://console.test";
const saved = { ...process.env };
let app: Awaited<ReturnType<(typeof APP_DATABASES)[number]["open"]>>;
let receiverUrl: string;

const resetTrtcClient = () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("call-console.trtc.client")];
};

beforeAll(async () => {
  for (const key of Object.keys(process.env))
    if (key.startsWith("TRTC_") || key.startsWith("EMULATOR_")) delete process.env[key];
  Object.assign(process.env, {
    EMULATOR_PORT: new URL(emu.url).port,
    NEXTAUTH_URL: CONSOLE,
    LOG_LEVEL: "silent",
  });
  resetEnvForTests();
  resetTrtcClient();
  app = await APP_DATABASES[0]!.open();
  receiverUrl = `${CONSOLE}/api/tencent/callbacks/${await callbackToken(app.db)}`;
});
afterAll(async () => {
  await app.dispose();
  process.env = { ...saved };
  resetEnvForTests();
  resetTrtcClient();
});

const sameOrigin = { origin: CONSOLE, "sec-fetch-site": "same-origin" };

async function get(role: Role | null = "admin") {
  return GET(await requestAs(role, "/api/admin/callbacks"));
}
async function setup(): Promise<Record<string, CallbackGenerationState>> {
  const res = await get();
  expect(res.status).toBe(200);
  const body = (await res.json()) as CallbackSetup;
  expect(body.receiverUrl).toBe(receiverUrl);
  expect(body.generations.map((g) => g.generation)).toEqual(["v4", "v1"]);
  return Object.fromEntries(body.generations.map((g) => [g.generation, g]));
}
async function put(body: unknown, role: Role | null = "admin") {
  return PUT(
    await requestAs(role, "/api/admin/callbacks", {
      method: "PUT",
      headers: { ...sameOrigin, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}
async function del(query: string, body?: unknown, role: Role | null = "admin") {
  return DELETE(
    await requestAs(role, `/api/admin/callbacks${query}`, {
      method: "DELETE",
      headers: { ...sameOrigin, ...(body ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}
async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string; details?: never } })
    .error;
}

describe("/api/admin/callbacks", () => {
  it("points both generations at this console, reads them back, and removes them", async () => {
    const before = await setup();
    for (const g of ["v4", "v1"] as const) {
      expect(before[g]).toMatchObject({ configured: null, pointsHere: false, error: null });
      expect(before[g]!.missingEvents).toEqual(CONSOLE_CALLBACK_EVENTS[g]);
    }

    const res = await put({ generations: ["v4", "v1"] });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { results: { generation: string; ok: boolean }[] };
    expect(answer.results).toEqual([
      expect.objectContaining({ generation: "v4", ok: true, requestId: expect.any(String) }),
      expect.objectContaining({ generation: "v1", ok: true, requestId: expect.any(String) }),
    ]);
    // What the emulator (Tencent's stand-in) now holds.
    expect(await control(emu, "GET", "callbacks")).toEqual({
      v4: { Url: receiverUrl, CallbackCommandList: [...CONSOLE_CALLBACK_EVENTS.v4] },
      v1: { address: receiverUrl, actions: [...CONSOLE_CALLBACK_EVENTS.v1] },
    });
    const after = await setup();
    for (const g of ["v4", "v1"] as const) {
      expect(after[g]).toMatchObject({
        configured: { url: receiverUrl, events: [...CONSOLE_CALLBACK_EVENTS[g]] },
        pointsHere: true,
        missingEvents: [],
        error: null,
      });
    }
    const [audited] = await listAudit(app.db, 1);
    expect(audited).toMatchObject({ actor: "admin@example.com", action: "callbacks.point" });
    // The audit log keeps the URL but not the token.
    const token = receiverUrl.split("/").pop()!;
    expect(JSON.stringify(audited!.details)).toContain("/api/tencent/callbacks/");
    expect(JSON.stringify(audited!.details)).not.toContain(token);

    expect((await del("?generations=v1")).status).toBe(200);
    const v1Gone = await setup();
    expect(v1Gone.v1).toMatchObject({ configured: null, pointsHere: false });
    expect(v1Gone.v4).toMatchObject({ pointsHere: true });

    expect((await del("", { generations: ["v4"] })).status).toBe(200);
    expect(await control(emu, "GET", "callbacks")).toEqual({ v4: null, v1: null });
    expect((await listAudit(app.db, 1))[0]).toMatchObject({ action: "callbacks.remove" });
  });

  it("says when Tencent points elsewhere and which events are missing", async () => {
    const { client } = clientFor(emu);
    await client.setCallbackConfig("v4", {
      url: "https://old-hooks.example.test/call",
      events: ["Call.CallbackAfterEndCall"],
    });
    const state = await setup();
    expect(state.v4).toMatchObject({
      configured: {
        url: "https://old-hooks.example.test/call",
        events: ["Call.CallbackAfterEndCall"],
      },
      pointsHere: false,
      missingEvents: ["Call.CallbackAfterStartCall", "Call.CallbackAfterMemberChanged"],
    });
  });

  it("shows the last event, the events of the last hour and rejected deliveries per generation", async () => {
    const at = new Date().toISOString();
    await storeEvents(app.db, [
      {
        at,
        callId: "stats-call",
        userId: "alice",
        generation: "v4",
        kind: "start",
        action: "started",
        rawAction: "Call.CallbackAfterStartCall",
        dedupKey: "stats-call:start:alice",
        body: {},
      },
    ]);
    await recordRejection(app.db, "v1", "bad_sign");
    await recordRejection(app.db, "v1", "bad_sign");
    const state = await setup();
    expect(state.v4!.stats).toMatchObject({ eventsLastHour: 1, rejectedLastDay: 0 });
    expect(Date.now() - Date.parse(state.v4!.stats.lastEventAt!)).toBeLessThan(60_000);
    expect(state.v1!.stats).toMatchObject({
      lastEventAt: null,
      eventsLastHour: 0,
      rejectedLastDay: 2,
    });
  });

  it("reports a failing generation with Tencent's code and RequestId while the other answers", async () => {
    await control(emu, "POST", "faults", { errorRate: 1, errorCode: 50001, onlyPaths: ["/v1/"] });
    const state = await setup();
    expect(state.v1).toMatchObject({
      configured: null,
      error: { code: 50001, requestId: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
    expect(state.v4).toMatchObject({ configured: null, error: null });

    // A change that half works answers 502 naming the failure, says v4 changed, and is audited.
    const res = await put({ generations: ["v4", "v1"] });
    expect(res.status).toBe(502);
    const error = (await res.json()) as {
      error: { message: string; details: { upstream: unknown; results: unknown[] } };
    };
    expect(error.error.message).toContain("v4 changed");
    expect(error.error.details.upstream).toMatchObject({
      generation: "v1",
      code: 50001,
      requestId: expect.any(String),
    });
    expect(error.error.details.results).toEqual([
      expect.objectContaining({ generation: "v4", ok: true }),
      expect.objectContaining({ generation: "v1", ok: false }),
    ]);
    expect((await setup()).v4).toMatchObject({ pointsHere: true });
    expect((await listAudit(app.db, 1))[0]).toMatchObject({ action: "callbacks.point" });
  });

  it("refuses non-admins (403) and signed-out callers (401)", async () => {
    for (const role of ["support", "manager"] as const) {
      expect((await get(role)).status).toBe(403);
      expect((await put({ generations: ["v4"] }, role)).status).toBe(403);
      expect((await del("?generations=v4", undefined, role)).status).toBe(403);
    }
    expect((await get(null)).status).toBe(401);
    expect((await put({ generations: ["v4"] }, null)).status).toBe(401);
    expect((await del("?generations=v4", undefined, null)).status).toBe(401);
    // Nothing was changed on Tencent's side.
    expect(await control(emu, "GET", "callbacks")).toEqual({ v4: null, v1: null });
  });

  it.each([
    ["PUT", { generations: ["v5"] }, 'generations.0: must be "v4" or "v1"'],
    ["PUT", { generations: [] }, "generations: name at least one generation"],
    ["PUT", { generations: ["v4", "v4"] }, "generations: name each generation once"],
    ["PUT", {}, "generations: must be a list of generations"],
    ["DELETE", undefined, "generations: name at least one generation"],
    ["DELETE", { generations: "v4" }, "generations: must be a list of generations"],
  ])("%s %j → 422 naming the field", async (method, body, message) => {
    const res = method === "PUT" ? await put(body) : await del("", body);
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe("unprocessable_entity");
    expect(error.message).toContain(message);
  });

  it("DELETE ?generations=v2 → 422 naming the field", async () => {
    const res = await del("?generations=v2");
    expect(res.status).toBe(422);
    expect((await errorOf(res)).message).toContain('generations.0: must be "v4" or "v1"');
  });
});
