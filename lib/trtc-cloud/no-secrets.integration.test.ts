import { describe, expect, it } from "vitest";

import { control, scriptCall, sharedEmulator } from "@/lib/trtc/testing";

import { qualityClientFor } from "./testing";

// The Cloud API secret key never appears in a log line, a result or an error, on any path.

const emu = sharedEmulator();
const SECRET = "cloud-secret-key-that-must-never-leak";

describe("no secrets", () => {
  it("logs, results and errors never carry the secret key", async () => {
    const startedAt = Date.now() - 3_600_000;
    const call = await scriptCall(emu, {
      caller: "alice",
      callees: ["bob"],
      startedAt,
      endAfterMs: 60_000,
    });
    const window = { from: new Date(startedAt), to: new Date(startedAt + 120_000) };
    const good = qualityClientFor(emu);
    const wrong = qualityClientFor(emu, { secretKey: SECRET });
    const out: unknown[] = [];
    const keep = (p: Promise<unknown>) =>
      p.then(
        (v) => out.push(v),
        (e: unknown) => out.push(e, (e as Error).message, (e as Error).stack),
      );
    const room = await good.client.findRoom(call.roomId, window);
    out.push(room);
    await keep(good.client.users(room!, window));
    await keep(good.client.series(room!, ["alice", "bob"], window));
    await keep(good.client.events(room!, "bob", window));
    await keep(wrong.client.findRoom(call.roomId, window));
    await control(emu, "POST", "cloud", { permission: "denied" });
    await keep(good.client.findRoom(call.roomId, window));
    const text = JSON.stringify(out) + good.log.text() + wrong.log.text();
    expect(wrong.log.lines.some((l) => l.code === "AuthFailure.SignatureFailure")).toBe(true);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("emulator-cloud-secret-key-local-only");
  });
});
