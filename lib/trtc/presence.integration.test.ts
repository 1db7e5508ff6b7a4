import { describe, expect, it } from "vitest";

import { TrtcError } from "./errors";
import { clientFor, control, sharedEmulator, upstreamLines } from "./testing";

// Chat's query_online_status against the emulator over real HTTP.

const emu = sharedEmulator();

const setPresence = (userId: string, status: string | null) =>
  control(emu, "POST", "presence", { userId, status });

describe("queryOnlineStatus", () => {
  it("answers each user's status in the order asked, and per-account errors apart", async () => {
    await setPresence("alice", "Online");
    await setPresence("bob", "PushOnline");
    await setPresence("carol", "Offline");
    const { client } = clientFor(emu);
    const result = await client.queryOnlineStatus([
      "carol",
      "nobody-here",
      "alice",
      "bob",
      "alice",
    ]);
    expect(result.users).toEqual([
      { userId: "carol", status: "Offline" },
      { userId: "nobody-here", status: null, errorCode: 70107 },
      { userId: "alice", status: "Online" },
      { userId: "bob", status: "PushOnline" },
    ]);
    expect(result.requestIds).toEqual([expect.stringMatching(/^Id-/)]);
  });

  it("sends at most 500 accounts per request", async () => {
    const { client, log } = clientFor(emu);
    const many = Array.from({ length: 1001 }, (_, i) => `u${i}`);
    await setPresence("u1000", "Online");
    const result = await client.queryOnlineStatus(many);
    expect(result.users).toHaveLength(1001);
    expect(result.users.at(-1)).toEqual({ userId: "u1000", status: "Online" });
    expect(upstreamLines(log.lines, "queryOnlineStatus")).toHaveLength(3);
    expect(result.requestIds).toHaveLength(3);
  });

  it("does not send an ID longer than Chat allows, and reports it as unknown", async () => {
    const { client, log } = clientFor(emu);
    const long = "x".repeat(33);
    await setPresence("dave", "Online");
    const result = await client.queryOnlineStatus([long, "dave"]);
    expect(result.users).toEqual([
      { userId: long, status: null, errorCode: null },
      { userId: "dave", status: "Online" },
    ]);
    expect(upstreamLines(log.lines, "queryOnlineStatus")).toHaveLength(1);
  });

  it("throws Tencent's code and RequestId when Chat refuses", async () => {
    await control(emu, "POST", "faults", {
      errorRate: 1,
      errorCode: 70402,
      onlyPaths: ["/v4/openim/"],
    });
    const { client } = clientFor(emu);
    const error = await client.queryOnlineStatus(["alice"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrtcError);
    expect(error).toMatchObject({ generation: "v4", code: 70402, requestId: expect.any(String) });
  });
});
