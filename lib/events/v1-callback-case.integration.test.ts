import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Emulator } from "@/emulator/src/server";
import { EMBEDDED_EMULATOR } from "@/lib/embedded-emulator";
import { clientFor, control, emulator, memoryLogger } from "@/lib/trtc/testing";
import { TEST_DATABASES } from "@/test/databases";

import { configureDemoCallbacks } from "./demo-callbacks";
import { eventsForCall } from "./store";
import { serveReceiver, type ReceiverServer } from "./testing";

// Reference §6.19: v1 callback values are lower case in the samples and capitalised in the English
// tables (`Audio`, `Caller`, `Normal_end`). Delivered by the emulator under each reading, the same
// call leaves the same events in the console.

const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
let now = T0;
let emu: Emulator;
let receiver: ReceiverServer;
let db: Awaited<ReturnType<(typeof TEST_DATABASES)[number]["open"]>>;

beforeAll(async () => {
  db = await TEST_DATABASES[0]!.open();
  emu = await emulator({ calls: 0, liveCalls: 0, now: () => now, webhookRetryDelaysMs: [0, 20] });
  receiver = await serveReceiver({ handle: db, sdkAppId: EMBEDDED_EMULATOR.sdkAppId });
  const done = await configureDemoCallbacks({
    env: { embedded: true, NEXTAUTH_URL: receiver.url, PORT: 0 },
    db: db.db,
    client: clientFor(emu).client,
    logger: memoryLogger().logger,
    attempts: 1,
  });
  expect(done).toBe(true);
});
afterAll(async () => {
  await emu?.close();
  await receiver?.close();
  await db?.dispose();
});

type Delivery = {
  callId: string;
  generation: string;
  status: string;
  body: Record<string, unknown>;
};

/** A v1 call: started, answered, hung up. Returns the stored events and the bodies sent. */
async function callUnder(v1CallbackCase: "lower" | "capitalised") {
  await control(emu, "POST", "readings", { v1CallbackCase });
  now += 60_000;
  const { callId } = (await control(emu, "POST", "calls", {
    caller: "case_a",
    callees: ["case_b"],
    live: true,
    acceptAfterMs: 2000,
    endAfterMs: 10_000,
    generations: ["v1"],
  })) as { callId: string };
  now += 11_000;
  let mine: Delivery[] = [];
  for (let i = 0; i < 200; i++) {
    const { deliveries } = (await control(emu, "GET", "webhooks")) as { deliveries: Delivery[] };
    mine = deliveries.filter((d) => d.callId === callId);
    if (mine.length > 0 && mine.every((d) => d.status !== "pending") && mine.length >= 6) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(mine.map((d) => d.status)).toEqual(mine.map(() => "delivered"));
  const events = (await eventsForCall(db.db, callId)).map(
    ({ userId, generation, kind, action }) => ({ userId, generation, kind, action }),
  );
  return { events, bodies: mine.map((d) => d.body) };
}

describe("v1 callbacks under either casing", () => {
  it("leave the same events, with the status callback read as the end", async () => {
    const lower = await callUnder("lower");
    const capitalised = await callUnder("capitalised");
    expect(lower.bodies[0]).toMatchObject({ Role: "caller", MediaType: "audio" });
    expect(capitalised.bodies[0]).toMatchObject({ Role: "Caller", MediaType: "Audio" });
    expect(capitalised.bodies.at(-1)).toMatchObject({ CallResult: "Normal_end" });
    expect(lower.events.length).toBeGreaterThanOrEqual(6);
    expect(capitalised.events).toEqual(lower.events);
    expect(capitalised.events.at(-1)).toMatchObject({ kind: "status", action: "ended" });
  });
});
