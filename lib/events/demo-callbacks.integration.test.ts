import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { clientFor, control, memoryLogger, sharedEmulator } from "@/lib/trtc/testing";
import { TEST_DATABASES } from "@/test/databases";

import { CONSOLE_CALLBACK_EVENTS } from "./callback-config";
import { callbackToken } from "./callback-state";
import { configureDemoCallbacks } from "./demo-callbacks";

// Demo mode's start-up step against the real emulator.

const emu = sharedEmulator();
let db: Awaited<ReturnType<(typeof TEST_DATABASES)[number]["open"]>>;
beforeAll(async () => {
  db = await TEST_DATABASES[0]!.open();
});
afterAll(async () => {
  await db.dispose();
});

const demoEnv = { embedded: true, NEXTAUTH_URL: "http://localhost:3000", PORT: 3000 };

describe("configureDemoCallbacks", () => {
  it("points both of the emulator's generations at this console's receiver", async () => {
    const { client } = clientFor(emu);
    const log = memoryLogger();
    const done = await configureDemoCallbacks({
      env: demoEnv,
      db: db.db,
      client,
      logger: log.logger,
    });
    expect(done).toBe(true);
    const url = `http://localhost:3000/api/tencent/callbacks/${await callbackToken(db.db)}`;
    expect(await control(emu, "GET", "callbacks")).toEqual({
      v4: { Url: url, CallbackCommandList: [...CONSOLE_CALLBACK_EVENTS.v4] },
      v1: { address: url, actions: [...CONSOLE_CALLBACK_EVENTS.v1] },
    });
    // The token is a secret: it is never logged.
    expect(log.text()).not.toContain(await callbackToken(db.db));
  });

  it("leaves a real Tencent app alone", async () => {
    const { client } = clientFor(emu);
    const log = memoryLogger();
    const done = await configureDemoCallbacks({
      env: { ...demoEnv, embedded: false },
      db: db.db,
      client,
      logger: log.logger,
    });
    expect(done).toBe(false);
    expect(await control(emu, "GET", "callbacks")).toEqual({ v4: null, v1: null });
  });

  it("logs a failure and resolves instead of throwing", async () => {
    const { client } = clientFor(emu, {}, { deadlineMs: 200 });
    await control(emu, "POST", "faults", { errorRate: 1, errorCode: 50001, onlyPaths: ["/v1/"] });
    const log = memoryLogger();
    const done = await configureDemoCallbacks({
      env: demoEnv,
      db: db.db,
      client,
      logger: log.logger,
      attempts: 2,
      retryDelayMs: 10,
    });
    expect(done).toBe(false);
    const warnings = log.lines.filter(
      (l) => l.msg === "demo mode: could not configure the emulator's callbacks",
    );
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({
      level: 40,
      failed: [expect.objectContaining({ generation: "v1", code: 50001 })],
    });
  });
});
