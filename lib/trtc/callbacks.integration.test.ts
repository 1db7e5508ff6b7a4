import { describe, expect, it } from "vitest";
import { ZodError } from "zod";

import { clientFor, control, sharedEmulator, upstreamLines } from "./testing";

// Callback configuration, both generations, against the emulator over real HTTP.

const emu = sharedEmulator();

describe("callback configuration", () => {
  it.each([
    ["v4", ["Call.CallbackAfterStartCall", "Call.CallbackAfterEndCall"]],
    ["v1", ["normal_end", "not_answer"]],
  ] as const)("%s: get (none) → set → get → delete → get (none)", async (generation, events) => {
    const { client, log } = clientFor(emu);
    expect((await client.getCallbackConfig(generation)).config).toBeNull();
    // "None configured" is an answer: logged at info (30), not as a warning.
    expect(upstreamLines(log.lines, "getCallbackConfig")).toEqual([
      expect.objectContaining({ code: generation === "v4" ? 100301 : 999, level: 30 }),
    ]);
    const set = await client.setCallbackConfig(generation, {
      url: "https://hooks.example.test/call",
      events: [...events],
    });
    expect(set.requestId).toEqual(expect.any(String));
    expect((await client.getCallbackConfig(generation)).config).toEqual({
      url: "https://hooks.example.test/call",
      events,
    });
    const truth = (await control(emu, "GET", "callbacks")) as Record<string, unknown>;
    expect(truth[generation]).not.toBeNull();
    await client.deleteCallbackConfig(generation);
    expect((await client.getCallbackConfig(generation)).config).toBeNull();
  });

  it("refuses a non-http URL before calling Tencent; Tencent's own refusal is a TrtcError", async () => {
    const { client } = clientFor(emu);
    await expect(
      client.setCallbackConfig("v4", {
        url: "ftp://x.test",
        events: ["Call.CallbackAfterEndCall"],
      }),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(
      client.setCallbackConfig("v1", { url: "https://x.test/h", events: ["no_such_action"] }),
    ).rejects.toMatchObject({ generation: "v1", code: 70001 });
  });
});
