import { describe, expect, it } from "vitest";

import { v4EndCallWebhookRecord } from "@/lib/trtc/fixtures/reference-samples";

import { identifyDelivery, normalizeDelivery, type DeliveryHeader } from "./normalize";

const RECEIVED = new Date("2026-01-01T00:05:00Z");
const v4 = (command: string): DeliveryHeader => ({
  generation: "v4",
  appId: "1400123456",
  command,
});
const v1 = (command: string | null): DeliveryHeader => ({
  generation: "v1",
  appId: "1400123456",
  command,
});

function events(header: DeliveryHeader, body: unknown, raw = JSON.stringify(body)) {
  const result = normalizeDelivery(header, raw, RECEIVED);
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return result.events.map(({ dedupKey: _k, body: _b, ...e }) => e);
}

describe("identifyDelivery", () => {
  it("tells the generations apart by the query Tencent appends", () => {
    expect(
      identifyDelivery(
        new URLSearchParams("SdkAppid=1400123456&CallbackCommand=Call.CallbackAfterEndCall"),
      ),
    ).toEqual({ generation: "v4", appId: "1400123456", command: "Call.CallbackAfterEndCall" });
    expect(
      identifyDelivery(
        new URLSearchParams("sdkappid=1400123456&command=normal_end&contenttype=json"),
      ),
    ).toEqual({ generation: "v1", appId: "1400123456", command: "normal_end" });
    expect(identifyDelivery(new URLSearchParams("appid=1"))).toBeNull();
  });
});

describe("v4 callbacks (reference §4.11)", () => {
  it("start: the caller started, everyone else was invited, at the event's millisecond", () => {
    const got = events(v4("Call.CallbackAfterStartCall"), {
      CallbackCommand: "Call.CallbackAfterStartCall",
      CallInfo: { CallId: "c-1", MediaType: "Video", RoomId: "r", RoomIdType: 2 },
      UserList: [
        { User_Account: "bob", Status: "Waiting" },
        { User_Account: "alice", Status: "Calling" },
        { User_Account: 10086, Status: "Waiting" },
      ],
      EventTime: 1767225600123,
    });
    const common = {
      callId: "c-1",
      generation: "v4",
      kind: "start",
      at: "2026-01-01T00:00:00.123Z",
    };
    expect(got).toEqual([
      { ...common, userId: "bob", action: "invited", rawAction: "Call.CallbackAfterStartCall" },
      { ...common, userId: "alice", action: "started", rawAction: "Call.CallbackAfterStartCall" },
      { ...common, userId: "10086", action: "invited", rawAction: "Call.CallbackAfterStartCall" },
    ]);
  });

  it("member changed: the §4.11 sample, every documented spelling, and unknown words kept raw", () => {
    expect(
      events(v4("Call.CallbackAfterMemberChanged"), {
        CallbackCommand: "Call.CallbackAfterMemberChanged",
        CallId: "7f3c2a90-5b1e-4c2d-9a8e-0c1d2e3f4a5b",
        UserList: [
          { User_Account: "alice", Status: "Calling" },
          { User_Account: "bob", Status: "Calling" },
        ],
        ChangedUserList: [{ User_Account: "bob", ActionType: "Accept" }],
        EventTime: 1767225604123,
      }),
    ).toEqual([
      {
        callId: "7f3c2a90-5b1e-4c2d-9a8e-0c1d2e3f4a5b",
        generation: "v4",
        kind: "member",
        userId: "bob",
        action: "accepted",
        rawAction: "Accept",
        at: "2026-01-01T00:00:04.123Z",
      },
    ]);
    const words = {
      Accept: "accepted",
      Answer: "accepted",
      Reject: "declined",
      NotAnswer: "no_answer",
      Cancel_Invite: "cancelled",
      Canncel_Invite: "cancelled",
      Hangup: "hung_up",
      HangUp: "hung_up",
      "Hang Up": "hung_up",
      Join: "joined",
      Offline: "offline",
      Invite: "invited",
      Invited: "invited",
    };
    const got = events(v4("Call.CallbackAfterMemberChanged"), {
      CallId: "c-2",
      ChangedUserList: [
        ...Object.keys(words).map((w, i) => ({ User_Account: `u${i}`, ActionType: w })),
        { User_Account: "zed", ActionType: "Teleported" },
      ],
      EventTime: 1767225604000,
    });
    expect(got.map((e) => [e.rawAction, e.action, e.kind])).toEqual([
      ...Object.entries(words).map(([w, a]) => [w, a, "member"]),
      ["Teleported", "Teleported", "unknown"],
    ]);
  });

  it("end: one whole-call event; the record's end time stands in for a missing EventTime", () => {
    const body = {
      CallbackCommand: "Call.CallbackAfterEndCall",
      CallRecord: v4EndCallWebhookRecord,
      EventTime: 1767225640512,
    };
    const [end] = events(v4("Call.CallbackAfterEndCall"), body);
    expect(end).toEqual({
      callId: v4EndCallWebhookRecord.CallId,
      generation: "v4",
      kind: "end",
      userId: null,
      action: "ended",
      rawAction: "Call.CallbackAfterEndCall",
      at: "2026-01-01T00:00:40.512Z",
    });
    const { EventTime: _t, ...untimed } = body;
    expect(events(v4("Call.CallbackAfterEndCall"), untimed)[0]!.at).toBe(
      "2026-01-01T00:00:40.000Z",
    );
  });

  it("keeps an unknown command whole, as one raw event of its call", () => {
    const result = normalizeDelivery(
      v4("Call.CallbackAfterSomethingNew"),
      JSON.stringify({ CallId: "c-3", EventTime: 1767225600000, Extra: [1, 2] }),
      RECEIVED,
    );
    expect(result).toMatchObject({
      ok: true,
      events: [
        {
          callId: "c-3",
          userId: null,
          kind: "unknown",
          action: "Call.CallbackAfterSomethingNew",
          body: { CallId: "c-3", EventTime: 1767225600000, Extra: [1, 2] },
        },
      ],
    });
  });
});

describe("v1 callbacks (reference §3.8)", () => {
  const status = {
    UserId: "alice",
    RoomId: "88001",
    TotalNum: 2,
    MediaType: "audio",
    CallType: "single",
    CallId: "9b2f6c1e-3a4d-4e5f-8a7b-1c2d3e4f5a6b",
    Role: "caller",
    CallResult: "normal_end",
    EventTime: 1767225720,
    StartCallTs: 1767225600,
    AcceptTs: 1767225604,
    EndTs: 1767225720,
  };

  it("status callback: the call ended, told by the user who sent it, at the event's second", () => {
    for (const command of ["normal_end", "call_end", "reject", "offline"]) {
      expect(events(v1(command), status)).toEqual([
        {
          callId: status.CallId,
          generation: "v1",
          kind: "status",
          userId: "alice",
          action: "ended",
          rawAction: command,
          at: "2026-01-01T00:02:00.000Z",
        },
      ]);
    }
  });

  it("event callbacks map to the shared vocabulary; unknown words are kept raw", () => {
    const words: Record<string, [string, string]> = {
      caller_start_call: ["started", "event"],
      callee_receive_call: ["received", "event"],
      callee_accept_call: ["accepted", "event"],
      caller_call_accepted: ["peer_accepted", "event"],
      callee_reject_call: ["declined", "event"],
      caller_call_rejected: ["peer_declined", "event"],
      callee_not_answer_call: ["no_answer", "event"],
      caller_call_missed: ["peer_no_answer", "event"],
      caller_call_busy: ["peer_busy", "event"],
      caller_cancel_call: ["cancelled", "event"],
      callee_call_canceled: ["cancelled", "event"],
      caller_call_end: ["hung_up", "event"],
      callee_call_end: ["hung_up", "event"],
      caller_call_interrupted: ["dropped", "event"],
      callee_call_interrupted: ["dropped", "event"],
      callee_ignore_call: ["callee_ignore_call", "unknown"],
    };
    for (const [word, [action, kind]] of Object.entries(words)) {
      const body = { ...status, CallResult: "", Event: word.replace(/^calle[re]_/, "") };
      expect(events(v1(word), body)[0]).toMatchObject({ action, kind, rawAction: word });
    }
  });

  it("without a command in the query, reads it from the body", () => {
    expect(events(v1(null), status)[0]).toMatchObject({ kind: "status", rawAction: "normal_end" });
    const event = { ...status, CallResult: "", Role: "callee", Event: "receive_call" };
    expect(events(v1(null), event)[0]).toMatchObject({ action: "received", kind: "event" });
  });
});

describe("what is rejected, and the time fallback", () => {
  it("rejects malformed JSON, non-objects and bodies without a call ID", () => {
    const reason = (h: DeliveryHeader, raw: string) => {
      const r = normalizeDelivery(h, raw, RECEIVED);
      return r.ok ? "accepted" : r.reason;
    };
    expect(reason(v4("Call.CallbackAfterEndCall"), "{not json")).toBe("malformed_json");
    expect(reason(v4("Call.CallbackAfterEndCall"), "[1,2]")).toBe("not_an_object");
    expect(reason(v4("Call.CallbackAfterEndCall"), '{"EventTime":1}')).toBe("no_call_id");
    expect(reason(v1("normal_end"), '{"CallId":"","EventTime":1767225720}')).toBe("no_call_id");
    expect(reason(v1(null), '{"CallId":"c"}')).toBe("no_command");
  });

  it("falls back to the receive time when the event's time is missing or implausible", () => {
    for (const EventTime of [undefined, 0, -5, "soon", 9e15, 1767225600000 + 2 * 86_400_000]) {
      const got = events(v4("Call.CallbackAfterMemberChanged"), {
        CallId: "c",
        ChangedUserList: [{ User_Account: "bob", ActionType: "Join" }],
        EventTime,
      });
      expect(got[0]!.at).toBe(RECEIVED.toISOString());
    }
  });

  it("gives a retried delivery the same keys, and a different delivery different ones", () => {
    const raw = JSON.stringify({
      CallId: "c",
      ChangedUserList: [
        { User_Account: "bob", ActionType: "Accept" },
        { User_Account: "carol", ActionType: "Reject" },
      ],
      EventTime: 1767225604000,
    });
    const keys = (h: DeliveryHeader, body: string, at = RECEIVED) => {
      const r = normalizeDelivery(h, body, at);
      return r.ok ? r.events.map((e) => e.dedupKey) : [];
    };
    const first = keys(v4("Call.CallbackAfterMemberChanged"), raw);
    expect(first).toHaveLength(2);
    expect(new Set(first).size).toBe(2);
    expect(keys(v4("Call.CallbackAfterMemberChanged"), raw, new Date())).toEqual(first);
    expect(keys(v4("Call.CallbackAfterMemberChanged"), raw.replace("carol", "dave"))).not.toContain(
      first[0],
    );
  });
});
