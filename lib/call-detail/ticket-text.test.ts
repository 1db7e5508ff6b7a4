import { describe, expect, it } from "vitest";

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
      { userId: "alice", role: "caller", outcome: "unanswered" },
      { userId: "bob", role: "callee", outcome: "missed" },
    ],
    sources: ["v4"],
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
  parts: { record: [], live: { state: "not_live", requestId: null, error: null } },
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
        "Caller: alice (Not answered)",
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
