import { describe, expect, it } from "vitest";

import { control, emulator, scriptCall, sharedEmulator } from "@/lib/trtc/testing";

import { QualityUnavailableError } from "./errors";
import { cloudStats, qualityClientFor, rawCloud } from "./testing";

// Tencent's limits, counted on the emulator's side: the client splits windows (24 h rooms, 4 h
// users, 1 h metrics), batches 6 users per metrics query, never sends more than 20 requests a
// second per action, and does not ask for what is older than 14 days.

const MIN = 60_000;
const HOUR = 60 * MIN;
const emu = sharedEmulator();

async function longCall(hours: number, callees = ["bob"]) {
  const startedAt = Date.now() - (hours + 0.5) * HOUR;
  const call = await scriptCall(emu, {
    caller: "alice",
    callees,
    callType: callees.length > 1 ? "group" : "single",
    startedAt,
    endAfterMs: hours * HOUR,
    members: callees.map((userId, i) => ({
      userId,
      outcome: "accepted",
      actedAfterMs: 3_000 + i * 1_000,
    })),
  });
  return {
    call,
    window: { from: new Date(startedAt), to: new Date(startedAt + hours * HOUR + MIN) },
  };
}

describe("windows and batches", () => {
  it("splits a 5-hour stay into 4-hour user queries and 1-hour metric queries, seamlessly", async () => {
    const { call, window } = await longCall(5);
    const { client } = qualityClientFor(emu);
    const room = (await client.findRoom(call.roomId, window))!;
    const users = await client.users(room, window);
    expect(users.map((u) => u.userId)).toEqual(["alice", "bob"]);
    const series = await client.series(room, ["alice", "bob"], window);
    const stats = await cloudStats(emu);
    expect(stats.requests).toEqual({
      DescribeRoomInfo: 1,
      DescribeUserInfo: 2,
      DescribeCallDetailInfo: 6,
    });

    const points = series.bob!.lossDown!.map((p) => Date.parse(p.at));
    expect(points.every((t, i) => i === 0 || t > points[i - 1]!)).toBe(true);
    expect(points[0]! - Date.parse(users[1]!.joinedAt)).toBeLessThanOrEqual(2_000);
    expect(Date.parse(users[1]!.leftAt!) - points.at(-1)!).toBeLessThanOrEqual(2_000);
    expect(points.length).toBeGreaterThan((5 * HOUR) / 2_000 - 10);
  }, 60_000);

  it("looks for a room over 50 hours in three 24-hour queries", async () => {
    const { call } = await longCall(1);
    const { client } = qualityClientFor(emu);
    const now = Date.now();
    const room = await client.findRoom(call.roomId, {
      from: new Date(now - 50 * HOUR),
      to: new Date(now),
    });
    expect(room?.roomId).toBe(call.roomId);
    expect((await cloudStats(emu)).requests).toEqual({ DescribeRoomInfo: 3 });
  });

  it("reads a 30-hour stay's events in 24-hour queries", async () => {
    const { call, window } = await longCall(30);
    const { client } = qualityClientFor(emu);
    const room = (await client.findRoom(call.roomId, window))!;
    const events = await client.events(room, "bob", window);
    expect(events.filter((e) => e.kind === "joined")).toHaveLength(1);
    expect(events.at(-1)?.kind).toBe("left");
    expect((await cloudStats(emu)).requests.DescribeUserEvent).toBe(2);
  });

  it("asks for at most 6 users per metrics query", async () => {
    const callees = ["b1", "b2", "b3", "b4", "b5", "b6", "b7"];
    const { call, window } = await longCall(0.25, callees);
    const { client } = qualityClientFor(emu);
    const room = (await client.findRoom(call.roomId, window))!;
    const everyone = ["alice", ...callees];
    const series = await client.series(room, everyone, window);
    expect(Object.keys(series).sort()).toEqual([...everyone].sort());
    for (const u of everyone) expect(series[u]!.lossUp!.length, u).toBeGreaterThan(100);
    expect((await cloudStats(emu)).requests.DescribeCallDetailInfo).toBe(2);
  });
});

describe("14 days of history", () => {
  it("refuses a window older than 14 days without asking Tencent", async () => {
    const { client } = qualityClientFor(emu);
    const old = Date.now() - 15 * 24 * HOUR;
    const error = await client
      .findRoom("room-1", { from: new Date(old), to: new Date(old + HOUR) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QualityUnavailableError);
    expect(error).toMatchObject({ reason: "expired", message: expect.stringMatching(/14 days/) });
    expect((await cloudStats(emu)).requests).toEqual({});
  });

  it("maps Tencent's refusal after the emulator's clock moves 15 days on to expired, with code and RequestId", async () => {
    const { call, window } = await longCall(0.1);
    await control(emu, "POST", "clock", { offsetMs: 15 * 24 * HOUR });
    const { client } = qualityClientFor(emu);
    const error = (await client
      .findRoom(call.roomId, window)
      .catch((e: unknown) => e)) as QualityUnavailableError;
    expect(error).toMatchObject({ reason: "expired", code: "InvalidParameter.StartTsOversize" });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toContain(error.requestId);
  });
});

describe("20 requests per second", () => {
  it("the client never goes over, even when 70 series are asked at once", async () => {
    const strict = await emulator({ rateLimit: true });
    try {
      const startedAt = Date.now() - HOUR;
      const call = await scriptCall(strict, {
        caller: "alice",
        callees: ["bob"],
        startedAt,
        endAfterMs: 10 * MIN,
      });
      const { client } = qualityClientFor(strict);
      const window = { from: new Date(startedAt), to: new Date(startedAt + 11 * MIN) };
      const room = (await client.findRoom(call.roomId, window))!;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 70 }, () => client.series(room, ["alice", "bob"], window)),
      );
      const elapsed = performance.now() - started;
      const stats = await cloudStats(strict);
      expect(stats.requests.DescribeCallDetailInfo).toBe(70);
      expect(stats.maxPerSecond.DescribeCallDetailInfo).toBeLessThanOrEqual(20);
      expect(stats.refused).toEqual({});
      expect(elapsed).toBeGreaterThan(3_000);
    } finally {
      await strict.close();
    }
  }, 60_000);

  it("the emulator refuses the 21st request in a second with RequestLimitExceeded", async () => {
    const strict = await emulator({ rateLimit: true });
    try {
      const raw = rawCloud(strict);
      const now = Math.floor(Date.now() / 1000);
      const answers = await Promise.all(
        Array.from({ length: 25 }, () =>
          raw("DescribeRoomInfo", { SdkAppId: 1400000001, StartTime: now - 3600, EndTime: now }),
        ),
      );
      const refused = answers.filter((a) => !a.ok);
      expect(refused.length).toBeGreaterThanOrEqual(5);
      expect(refused[0]).toMatchObject({ code: "RequestLimitExceeded" });
    } finally {
      await strict.close();
    }
  });
});
