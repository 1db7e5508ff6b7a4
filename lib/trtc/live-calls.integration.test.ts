import { describe, expect, it } from "vitest";
import { ZodError } from "zod";

import { TrtcError } from "./errors";
import { clientFor, control, scriptCall, sharedEmulator, upstreamLines } from "./testing";

// Live-call operations (v4 call engine) against the emulator over real HTTP.

const emu = sharedEmulator();

describe("live calls (v4 call engine)", () => {
  it("getCallInfo returns members and statuses of a live call", async () => {
    const call = await scriptCall(emu, {
      caller: "alice",
      callees: ["bob"],
      live: true,
      mediaType: "video",
      roomId: "room-7",
      acceptAfterMs: 600_000,
    });
    const { client, log } = clientFor(emu);
    const info = await client.getCallInfo(call.callId);
    expect(info.call).toEqual({
      callId: call.callId,
      mediaType: "video",
      roomId: "room-7",
      roomIdType: 2,
      chatGroupId: null,
      members: [
        { userId: "alice", status: "Calling" },
        { userId: "bob", status: "Waiting" },
      ],
    });
    expect(info.requestId).toMatch(/^Id-[0-9a-f]{32}-O-Seq-\d+$/);
    expect(upstreamLines(log.lines, "getCallInfo")).toEqual([
      expect.objectContaining({
        generation: "v4",
        code: 0,
        attempt: 1,
        requestId: info.requestId,
        latencyMs: expect.any(Number),
      }),
    ]);
  });

  it("getCallInfo answers null for an ended or unknown call (101004)", async () => {
    const { client, log } = clientFor(emu);
    const info = await client.getCallInfo("no-such-call");
    expect(info.call).toBeNull();
    expect(info.requestId).toMatch(/^Id-/);
    // "Not live" is the normal answer for every ended call: info, not a warning.
    expect(upstreamLines(log.lines, "getCallInfo")).toEqual([
      expect.objectContaining({ code: 101004, level: 30, msg: "trtc upstream call" }),
    ]);
  });

  it("endCall ends a live call; ending it again is 101004 with the staff explanation", async () => {
    const call = await scriptCall(emu, { caller: "alice", callees: ["bob", "carol"], live: true });
    const { client } = clientFor(emu);
    const ended = await client.endCall(call.callId);
    expect(ended).toEqual({ requestId: expect.stringMatching(/^Id-/), confirmed: true });
    const truth = (await control(emu, "GET", `calls/${call.callId}`)) as {
      live: boolean;
      endedAt: number | null;
    };
    expect(truth.live).toBe(false);
    expect(truth.endedAt).not.toBeNull();
    const again = await client.endCall(call.callId).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(TrtcError);
    expect(again).toMatchObject({
      generation: "v4",
      code: 101004,
      retryable: false,
      explanation: "This call has ended or never existed; look at its record.",
    });
  });

  it("startCallByRobot creates a call that getCallInfo then sees", async () => {
    const { client } = clientFor(emu);
    const started = await client.startCallByRobot({
      robot: "bot_support",
      callees: ["bob"],
      mediaType: "audio",
      timeoutMs: 45_000,
      roomId: "support-1",
      roomIdType: 2,
      userData: "ticket-1",
      offlinePush: { title: "Call" },
    });
    expect(started.callId).toEqual(expect.any(String));
    expect(started.callees).toEqual([{ userId: "bob", resultCode: 0 }]);
    const info = await client.getCallInfo(started.callId!);
    expect(info.call).toMatchObject({
      callId: started.callId,
      mediaType: "audio",
      roomId: "support-1",
      roomIdType: 2,
    });
    expect(info.call?.members.map((m) => m.userId).sort()).toEqual(["bob", "bot_support"]);
  });

  it("startCallByRobot refuses bad input before calling Tencent, naming the field", async () => {
    const { client, log } = clientFor(emu);
    const error = await client
      .startCallByRobot({ robot: "bot", callees: [], mediaType: "audio", timeoutMs: 5 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => i.path.join("."))).toEqual([
      "callees",
      "timeoutMs",
    ]);
    expect(upstreamLines(log.lines)).toHaveLength(0);
  });

  it("surfaces Tencent's own parameter errors (101002) as TrtcError", async () => {
    const { client } = clientFor(emu);
    const error = await client
      .startCallByRobot({ robot: "bob", callees: ["bob"], mediaType: "video" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 101002, generation: "v4", retryable: false });
    expect((error as TrtcError).requestId).toMatch(/^Id-/);
  });

  it("rejects an invalid call ID without a request", async () => {
    const { client, log } = clientFor(emu);
    await expect(client.getCallInfo(" \u0000 ")).rejects.toBeInstanceOf(ZodError);
    await expect(client.getRecord("a b")).rejects.toBeInstanceOf(ZodError);
    expect(upstreamLines(log.lines)).toHaveLength(0);
  });
});
