import { describe, expect, it } from "vitest";

import { at, callRecord, ev } from "@/lib/events/story-fixtures";

import { buildCallView } from "./build";
import { formatInZone, formatUtc } from "./format-time";
import { ticketText } from "./ticket-text";
import type { CallDetail } from "./types";

const detail = (over: Partial<CallDetail["call"]> = {}): CallDetail => ({
  call: {
    callId: "call-1",
    result: "NotAnswer",
    mediaType: "audio",
    callType: "single",
    caller: "alice",
    callees: ["bob"],
    startedAt: "2026-01-15T23:30:05.000Z",
    acceptedAt: null,
    endedAt: "2026-01-15T23:30:35.000Z",
    roomId: "1",
    roomIdType: 1,
    chatGroupId: null,
    live: false,
    participants: [
      { userId: "alice", role: "caller", outcome: "no_answer" },
      { userId: "bob", role: "callee", outcome: "missed" },
    ],
    sources: ["v4"],
    events: [],
    endedBy: null,
    ...over,
  },
  explanation: {
    label: "Not answered",
    meaning: "Nobody answered.",
    nextSteps: "Check push.",
    known: true,
  },
  timeline: { ringTimeMs: 30_000, talkTimeMs: null, ringTime: "30s", talkTime: "—" },
  origin: "tencent",
  archivedAt: null,
  v1Only: false,
  parts: {
    record: [],
    live: { state: "not_live", requestId: null, error: null },
    events: { state: "read", count: 0 },
  },
  requestIds: [],
  raw: { record: {}, live: null },
  fetchedAt: "2026-01-16T00:00:00.000Z",
});

describe("formatInZone", () => {
  it("formats in UTC and in another zone, crossing midnight", () => {
    expect(formatUtc("2026-01-15T23:30:05.000Z")).toBe("2026-01-15 23:30:05 UTC");
    expect(formatInZone("2026-01-15T23:30:05.000Z", "Asia/Shanghai")).toBe(
      "2026-01-16 07:30:05 GMT+8",
    );
  });
  it("gives back what it cannot parse", () => {
    expect(formatUtc("yesterday")).toBe("yesterday");
  });
});

describe("ticketText", () => {
  it("summarises an ended call with both times, result, outcomes and the link", () => {
    expect(ticketText(detail(), "https://console.example.com/calls/call-1", "Asia/Shanghai")).toBe(
      [
        "Call call-1",
        "Started: 2026-01-15 23:30:05 UTC / 2026-01-16 07:30:05 GMT+8 (Asia/Shanghai)",
        "Result: Not answered (NotAnswer) – Nobody answered.",
        "Caller: alice (No answer (nobody picked up))",
        "Callees: bob (Missed (rang, not answered))",
        "Ring time: 30s; talk time: —",
        "Link: https://console.example.com/calls/call-1",
      ].join("\n"),
    );
  });

  it("shows a live call's member statuses and no second time for a UTC viewer", () => {
    const text = ticketText(
      detail({
        live: true,
        result: null,
        startedAt: null,
        participants: [
          { userId: "alice", role: "caller", status: "Calling" },
          { userId: "bob", role: "callee", status: "Waiting" },
        ],
      }),
      "http://x/calls/call-1",
      "UTC",
    );
    expect(text).toContain("Result: still in progress (live)");
    expect(text).toContain("Callees: bob (Waiting (ringing))");
    expect(text).toContain("Started: not reported yet");
  });
});

describe("ticketText — Tencent failing", () => {
  it("says the copy is the record index's, with each failure's code and RequestId", () => {
    const text = ticketText(
      {
        ...detail(),
        origin: "index",
        archivedAt: "2026-01-16T00:00:00.000Z",
        degraded: {
          upstream: [
            { generation: "v4", code: 101001, message: "internal error", requestId: "Id-1" },
            { generation: "v1", code: "TIMEOUT", message: "timed out", requestId: null },
          ],
        },
      },
      "https://console.example.com/calls/call-1",
      "UTC",
    );
    expect(text).toContain(
      "Source: console record index; Tencent could not answer (v4 101001, RequestId Id-1; v1 TIMEOUT, RequestId none)",
    );
  });
});

describe("ticketText — each person's story", () => {
  const record = callRecord({
    callType: "group",
    callees: ["bob", "carol", "dave"],
    acceptedAt: at(7),
    endedAt: at(151),
  });
  const events = [
    ev(0, "alice", "started"),
    ev(0, "bob", "invited"),
    ev(0, "carol", "invited"),
    ev(0, "dave", "invited"),
    ev(0, "alice", "started", "v1"),
    ev(1, "bob", "received", "v1"),
    ev(1, "carol", "received", "v1"),
    ev(4, "carol", "declined"),
    ev(7, "bob", "accepted"),
    ev(30, "dave", "no_answer"),
    ev(151, "bob", "hung_up"),
  ];

  it("gives every person's outcome and timeline, and who ended the call", () => {
    const call = buildCallView("call-1", record, null, { events, staffEnding: null });
    const text = ticketText(detail(call), "http://x/calls/call-1", "UTC");
    expect(text).toContain(
      "Callees: bob (Talked), carol (Declined), dave (Unreachable (the invitation never reached the device))",
    );
    expect(text).toContain("Ended by: bob (hung up)");
    expect(text).toContain(
      "- bob: +0:00 invited · +0:01 invitation reached the device · +0:07 accepted · +2:31 hung up",
    );
    expect(text).toContain("- dave: +0:00 invited · +0:30 did not answer before the ring timeout");
  });

  it("names the staff member who ended it, with the time", () => {
    const staffEnding = { staffEmail: "admin@example.com", at: "2026-03-02T14:02:00.000Z" };
    const call = buildCallView("call-1", record, null, { events, staffEnding });
    const text = ticketText(detail(call), "http://x/calls/call-1", "UTC");
    expect(text).toContain("Ended by staff: admin@example.com at 2026-03-02 14:02:00 UTC");
    expect(text).not.toContain("Ended by: bob");
  });
});

describe("ticketText — an unanswered 1-to-1 call, worded from each side", () => {
  it.each([
    ["CallBusy", "Callee busy on another call", "Busy on another call"],
    ["Reject", "Declined by the callee", "Declined"],
    ["NotAnswer", "No answer (nobody picked up)", "Missed (rang, not answered)"],
  ])("%s: the caller reads %s, the callee %s", (result, caller, callee) => {
    const record = callRecord({ result, acceptedAt: null, endedAt: at(30) });
    const call = buildCallView("call-1", record, null, { events: [], staffEnding: null });
    const text = ticketText(detail(call), "http://x/calls/call-1", "UTC");
    expect(text).toContain(`Caller: alice (${caller})`);
    expect(text).toContain(`Callees: bob (${callee})`);
  });
});

describe("ticketText — call quality", () => {
  const participant = (userId: string, verdict: "good" | "poor", sentence: string) => ({
    userId,
    joinedAt: "2026-01-15T23:30:05.000Z",
    leftAt: "2026-01-15T23:31:05.000Z",
    device: "iPhone15,2",
    os: "iOS 17.4",
    sdkVersion: "12.0",
    clientIp: "203.0.113.x",
    verdict,
    sentence,
    series: {},
    events: [],
  });

  it("adds each participant's verdict and sentence once the page has them", () => {
    const text = ticketText(detail(), "http://x/calls/call-1", "UTC", {
      source: "tencent",
      fetchedAt: null,
      participants: [
        participant("alice", "good", "alice's network was good throughout (loss under 2 %)."),
        participant(
          "bob",
          "poor",
          "bob's downstream loss rose to 31 % for 12 s before they dropped.",
        ),
      ],
    });
    expect(text).toContain("Quality (TRTC monitoring):");
    expect(text).toContain(
      "- bob: Poor. bob's downstream loss rose to 31 % for 12 s before they dropped.",
    );
    expect(text).toContain("- alice: Good.");
  });

  it("says nothing of quality when it is unavailable", () => {
    const text = ticketText(detail(), "http://x/calls/call-1", "UTC", {
      source: "tencent",
      fetchedAt: null,
      participants: [],
      unavailable: { reason: "unconfigured", message: "Set TENCENTCLOUD_SECRET_ID" },
    });
    expect(text).not.toContain("Quality");
  });
});
