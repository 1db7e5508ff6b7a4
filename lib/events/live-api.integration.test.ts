import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GET as getLive } from "@/app/api/live/route";
import { GET as getPresence } from "@/app/api/presence/route";
import { getDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import type { PresenceResponse } from "@/lib/presence/types";
import { control, sharedEmulator } from "@/lib/trtc/testing";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

import { stored, v4Start } from "./live-testing";
import type { LiveCallsResponse } from "./live-types";
import { storeEvents } from "./store";

// GET /api/live and GET /api/presence through the real route wrapper, on the app's database, with
// the app's Tencent client pointed at the emulator as embedded mode does.

const emu = sharedEmulator();
const saved = { ...process.env };
let app: Awaited<ReturnType<(typeof APP_DATABASES)[number]["open"]>>;
beforeAll(async () => {
  process.env.EMULATOR_PORT = new URL(emu.url).port;
  process.env.LOG_LEVEL = "silent";
  resetEnvForTests();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("call-console.trtc.client")];
  app = await APP_DATABASES[0]!.open();
});
afterAll(async () => {
  await app.dispose();
  process.env = { ...saved };
  resetEnvForTests();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("call-console.trtc.client")];
});

describe("GET /api/live", () => {
  it("needs a session", async () => {
    const res = await getLive(await requestAs(null, "/api/live"));
    expect(res.status).toBe(401);
  });

  it("lists a call in progress to support staff until its end arrives", async () => {
    const t = new Date(Date.now() - 20_000).toISOString();
    await storeEvents(await getDb(), v4Start("api-1", t, "alice", ["bob"]));
    const res = await getLive(await requestAs("support", "/api/live"));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as LiveCallsResponse;
    expect(body.items).toEqual([
      {
        callId: "api-1",
        caller: "alice",
        callees: ["bob"],
        callType: "single",
        mediaType: "audio",
        startedAt: t,
        participants: [
          { userId: "alice", role: "caller", status: "waiting" },
          { userId: "bob", role: "callee", status: "ringing" },
        ],
      },
    ]);

    await storeEvents(await getDb(), [stored("api-1", new Date().toISOString(), null, "ended")]);
    const after = (await (
      await getLive(await requestAs("support", "/api/live"))
    ).json()) as LiveCallsResponse;
    expect(after.items).toEqual([]);
  });
});

describe("GET /api/presence", () => {
  it("answers each user's presence now", async () => {
    await control(emu, "POST", "presence", { userId: "alice", status: "PushOnline" });
    const res = await getPresence(await requestAs("support", "/api/presence?users=alice,ghost-1"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as PresenceResponse;
    expect(body.items).toEqual([
      { userId: "alice", status: "PushOnline" },
      { userId: "ghost-1", status: null, errorCode: 70107 },
    ]);
    expect(body.requestIds).toHaveLength(1);
  });

  it("refuses a missing or oversized list with 422", async () => {
    expect((await getPresence(await requestAs("support", "/api/presence"))).status).toBe(422);
    const many = Array.from({ length: 101 }, (_, i) => `u${i}`).join(",");
    const res = await getPresence(await requestAs("support", `/api/presence?users=${many}`));
    expect(res.status).toBe(422);
    expect((await getPresence(await requestAs(null, "/api/presence?users=a"))).status).toBe(401);
  });

  it("passes Tencent's refusal on with its code and RequestId", async () => {
    await control(emu, "POST", "faults", {
      errorRate: 1,
      errorCode: 90009,
      onlyPaths: ["/v4/openim/"],
    });
    const res = await getPresence(await requestAs("support", "/api/presence?users=alice"));
    expect(res.status).toBe(502);
    const body = (await res.json()) as {
      error: { details: { upstream: { code: number; requestId: string } } };
    };
    expect(body.error.details.upstream).toMatchObject({
      code: 90009,
      requestId: expect.stringMatching(/^Id-/),
    });
  });
});
