import { describe, expect, it } from "vitest";

import { control, scriptCall, sharedEmulator } from "@/lib/trtc/testing";

import { qualityClientFor } from "./testing";

// All four actions over real HTTP against the emulator, signed by the Tencent SDK and verified by
// the emulator's own TC3 check, for a scripted call whose quality the script fixes.

const emu = sharedEmulator();
const MIN = 60_000;

describe("quality client round trip", () => {
  it("finds the room, its users, their series and events for a dropped call", async () => {
    const startedAt = Date.now() - 30 * MIN;
    const call = await scriptCall(emu, {
      caller: "alice",
      callees: ["bob"],
      startedAt,
      acceptAfterMs: 5_000,
      endAfterMs: 5_000 + 3 * MIN,
      result: "Interrupt",
      endedBy: "bob",
      mediaType: "video",
      members: [
        {
          userId: "bob",
          outcome: "accepted",
          actedAfterMs: 5_000,
          quality: { direction: "down", lossPct: 31, lastSeconds: 12 },
        },
      ],
    });
    const { client } = qualityClientFor(emu);
    const window = { from: new Date(startedAt - MIN), to: new Date(startedAt + 5 * MIN) };

    const room = await client.findRoom(call.roomId, window);
    expect(room).toMatchObject({
      roomId: call.roomId,
      createdAt: new Date(Math.floor(startedAt / 1000) * 1000).toISOString(),
    });
    expect(room!.commId).toBe(`1400000001_${call.roomId}_${Math.floor(startedAt / 1000)}`);

    const users = await client.users(room!, window);
    expect(users.map((u) => u.userId)).toEqual(["alice", "bob"]);
    const bob = users[1]!;
    expect(bob.joinedAt).toBe(
      new Date(Math.floor((startedAt + 5_000) / 1000) * 1000).toISOString(),
    );
    expect(bob.leftAt).toBe(
      new Date(Math.floor((startedAt + 5_000 + 3 * MIN) / 1000) * 1000).toISOString(),
    );
    expect(bob.device).not.toBe("");
    expect(bob.os).toMatch(/^(iOS|Android|Windows|macOS)/);
    expect(bob.sdkVersion).toMatch(/^\d+\.\d+/);
    expect(bob.clientIp).toMatch(/^(198\.51\.100|203\.0\.113)\.\d+$/);

    const series = await client.series(room!, ["alice", "bob"], window);
    const lossDown = series.bob!.lossDown!;
    const leftAt = Date.parse(bob.leftAt!);
    const last12 = lossDown.filter((p) => Date.parse(p.at) >= leftAt - 12_000);
    const before = lossDown.filter((p) => Date.parse(p.at) < leftAt - 12_000);
    expect(last12.length).toBeGreaterThanOrEqual(6);
    expect(last12.every((p) => p.value === 31)).toBe(true);
    expect(before.every((p) => p.value < 2)).toBe(true);
    expect(series.alice!.lossUp!.every((p) => p.value < 2)).toBe(true);
    for (const m of [
      "bitrateUp",
      "bitrateDown",
      "fpsUp",
      "fpsDown",
      "rtt",
      "cpu",
      "stutterDown",
    ] as const)
      expect(series.bob![m]!.length, m).toBeGreaterThan(0);

    const events = await client.events(room!, "bob", window);
    expect(events[0]).toMatchObject({ kind: "other" });
    expect(events.find((e) => e.kind === "joined")?.at).toBe(
      new Date(startedAt + 5_000).toISOString(),
    );
    expect(events.at(-1)).toMatchObject({ kind: "left", label: "Left: timed out" });
    expect(events.some((e) => e.kind === "camera_on")).toBe(true);

    // The emulator's ground truth for the same room agrees with what the client read.
    const truth = (await control(emu, "GET", `cloud/rooms/${call.callId}`)) as {
      commId: string;
      participants: { userId: string; grade: string; dropped: boolean; episode: unknown }[];
    };
    expect(truth.commId).toBe(room!.commId);
    expect(truth.participants.map((p) => [p.userId, p.grade, p.dropped])).toEqual([
      ["alice", "good", false],
      ["bob", "good", true],
    ]);
    expect(truth.participants[1]!.episode).toMatchObject({
      direction: "down",
      lossPct: 31,
      lastSeconds: 12,
    });
    await expect(control(emu, "GET", "cloud/rooms/nope")).rejects.toThrow(/404/);
  });

  it("keeps a callee who never answered out of the room", async () => {
    const startedAt = Date.now() - 10 * MIN;
    const call = await scriptCall(emu, {
      caller: "carol",
      callees: ["dan"],
      startedAt,
      members: [{ userId: "dan", outcome: "rejected", actedAfterMs: 4_000 }],
    });
    const { client } = qualityClientFor(emu);
    const window = { from: new Date(startedAt), to: new Date(startedAt + MIN) };
    const room = await client.findRoom(call.roomId, window);
    expect((await client.users(room!, window)).map((u) => u.userId)).toEqual(["carol"]);
    await control(emu, "GET", "cloud");
  });
});
