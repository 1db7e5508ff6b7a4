import { describe, expect, it } from "vitest";

import { DATA_TYPES, eventsFor, seriesFor } from "../src/cloud-metrics";
import { roomOf, type Room } from "../src/cloud-rooms";
import { generateCalls } from "../src/generator";

// The quality data behind generated calls: rooms that match the calls, devices spread like a real
// app, mostly good networks, and the member whose device dropped an Interrupt/Offline call showing
// loss and RTT climbing before the drop. Deterministic for a seed.

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const SDK_APP_ID = 1400000001;

function rooms(seed: number, calls = 3000): Room[] {
  const store = generateCalls({ seed, calls, liveCalls: 0, clock: () => NOW, recordDelayMs: 0 });
  const src = { store, sdkAppId: SDK_APP_ID, now: NOW, overrides: new Map() };
  return store.list({ limit: calls }).calls.map((c) => roomOf(src, c));
}

const share = (n: number, of: number) => n / of;

describe("generated call quality", () => {
  const all = rooms(7);
  const people = all.flatMap((r) => r.participants);

  it("puts the caller in from the start and callees only once they answered", () => {
    for (const r of all) {
      expect(r.commId).toBe(`${SDK_APP_ID}_${r.roomId}_${Math.floor(r.call.startedAt / 1000)}`);
      const inRoom = new Set(r.participants.map((p) => p.userId));
      expect(inRoom.has(r.call.caller)).toBe(true);
      for (const m of r.call.members.filter((m) => m.role === "callee")) {
        const answered = (m.outcome === "accepted" || m.outcome === "joined") && m.actedAt !== null;
        expect(inRoom.has(m.userId), `${r.call.callId} ${m.userId} ${m.outcome}`).toBe(answered);
        if (answered)
          expect(r.participants.find((p) => p.userId === m.userId)!.joinMs).toBe(m.actedAt);
      }
      for (const p of r.participants) expect(p.leaveMs).toBe(r.call.endedAt);
    }
  });

  it("is mostly good, with some fair and poor networks", () => {
    const good = people.filter((p) => p.profile.grade === "good").length;
    const poor = people.filter((p) => p.profile.grade === "poor").length;
    expect(share(good, people.length)).toBeGreaterThan(0.7);
    expect(share(poor, people.length)).toBeGreaterThan(0.02);
    expect(share(poor, people.length)).toBeLessThan(0.12);
  });

  it("spreads devices and SDK versions like a mobile app", () => {
    const ios = people.filter((p) => / iOS /.test(p.profile.device.type)).length;
    const android = people.filter((p) => / Android /.test(p.profile.device.type)).length;
    expect(share(ios, people.length)).toBeGreaterThan(0.3);
    expect(share(android, people.length)).toBeGreaterThan(0.3);
    expect(new Set(people.map((p) => p.profile.device.type)).size).toBeGreaterThan(20);
    expect(new Set(people.map((p) => p.profile.device.sdkVersion)).size).toBeGreaterThan(4);
  });

  it("shows loss and RTT climbing in the last seconds before an Interrupt or Offline drop", () => {
    const dropped = all.filter((r) => r.participants.some((p) => p.dropped));
    expect(dropped.length).toBeGreaterThan(10);
    for (const r of dropped.slice(0, 40)) {
      const d = r.participants.find((p) => p.dropped)!;
      const leaveS = Math.floor(d.leaveMs! / 1000);
      const rows = seriesFor(
        r,
        [d.userId],
        ["aLoss", "rtt"],
        Math.floor(d.joinMs / 1000),
        leaveS,
        NOW,
      );
      const up = (type: string) =>
        rows.find((x) => x.DataType === type && x.PeerId === "")!.Content;
      const loss = up("aLoss");
      const rtt = up("rtt");
      const last = loss.at(-1)!;
      expect(last.Value, r.call.callId).toBeGreaterThan(15);
      expect(rtt.at(-1)!.Value).toBeGreaterThan(600);
      const early = loss.filter((p) => p.Time < leaveS - 25);
      if (early.length > 0) expect(Math.max(...early.map((p) => p.Value))).toBeLessThan(last.Value);
      expect(eventsFor(r, d.userId, 0, Infinity).at(-1)).toMatchObject({
        EventId: 7001,
        ParamOne: 1,
      });
    }
  });

  it("is the same for the same seed and different for another", () => {
    const again = rooms(7);
    expect(again.map((r) => r.participants.map((p) => p.profile))).toEqual(
      all.map((r) => r.participants.map((p) => p.profile)),
    );
    const other = rooms(8).flatMap((r) => r.participants.map((p) => p.profile.clientIp));
    expect(other).not.toEqual(people.map((p) => p.profile.clientIp));
  });

  it("serves every documented DataType for a video call", () => {
    const video = all.find((r) => r.call.mediaType === "video" && r.participants.length === 2)!;
    const [a] = video.participants;
    const from = Math.floor(a!.joinMs / 1000);
    const rows = seriesFor(video, [a!.userId], [...DATA_TYPES], from, from + 60, NOW);
    expect(new Set(rows.map((r) => r.DataType))).toEqual(new Set(DATA_TYPES));
  });
});
