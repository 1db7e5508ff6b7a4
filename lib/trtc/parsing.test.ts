import { describe, expect, it } from "vitest";

import { parseEnvelope, type Envelope } from "./envelopes";
import { TrtcError } from "./errors";
import * as samples from "./fixtures/reference-samples";
import { liveCallFromV4, recordFromV4 } from "./map";
import { parsePayload } from "./parse";
import { readRecordPayload, readV1Page, readV4Page } from "./records";
import {
  v1CallbackSchema,
  v4CallbackSchema,
  v4CallInfoSchema,
  v4RecordSchema,
  v4StartCallSchema,
} from "./schemas";

// Every sample response in the reference, through the same envelope + payload parsing the client
// uses, plus variants with unknown enum values and missing optional fields.

function envelope(generation: "v1" | "v4", body: unknown): Envelope {
  const e = parseEnvelope(generation, body);
  if ("error" in e) throw new Error(e.error);
  return e;
}
const ctx = (generation: "v1" | "v4") => ({ generation, operation: "test", requestId: null });
// The reference's get-record-by-ID samples describe the same call in both generations.
const byIdSampleCall = {
  result: "NormalEnd",
  callType: "single",
  caller: "alice",
  callees: ["bob"],
  startedAt: "2026-01-01T00:00:00.000Z",
  acceptedAt: "2026-01-01T00:00:04.000Z",
  endedAt: "2026-01-01T00:02:00.000Z",
  chatGroupId: null,
};

describe("v4 samples", () => {
  it("get_record_by_callid: caller removed from callees, times in ISO UTC", () => {
    const e = envelope("v4", samples.v4RecordByIdSample);
    expect(e.requestId).toBe("Id-3d4e5f60718293a4b5c6d7e8f90a1b2c-O-Seq-1004");
    expect(readRecordPayload(e.payload, ctx("v4"))).toEqual({
      ...byIdSampleCall,
      callId: "7f3c2a90-5b1e-4c2d-9a8e-0c1d2e3f4a5b",
      mediaType: "video",
      roomId: "room-4711",
      roomIdType: 2,
      sources: ["v4"],
    });
  });

  it("get_record_by_filter: both records, RoomIdType 1 and 2", () => {
    const page = readV4Page(envelope("v4", samples.v4RecordsByFilterSample).payload, ctx("v4"));
    expect(page.total).toBe(3);
    expect(page.skipped).toBe(0);
    expect(page.items.map((r) => [r.callId, r.mediaType, r.callees, r.roomIdType])).toEqual([
      ["r-001", "audio", ["bob"], 2],
      ["r-002", "video", ["dave"], 1],
    ]);
  });

  it("end-call webhook record: AcceptTime 0 means never answered", () => {
    const r = recordFromV4(v4RecordSchema.parse(samples.v4EndCallWebhookRecord));
    expect(r).toMatchObject({
      result: "NotAnswer",
      acceptedAt: null,
      endedAt: "2026-01-01T00:00:40.000Z",
    });
  });

  it("get_call_info: members and statuses; empty ChatGroupId becomes null", () => {
    const e = envelope("v4", samples.v4CallInfoSample);
    expect(liveCallFromV4(parsePayload(v4CallInfoSchema, e.payload, ctx("v4")))).toEqual({
      callId: "7f3c2a90-5b1e-4c2d-9a8e-0c1d2e3f4a5b",
      mediaType: "video",
      roomId: "room-4711",
      roomIdType: 2,
      chatGroupId: null,
      members: [
        { userId: "alice", status: "Calling" },
        { userId: "bob", status: "Waiting" },
      ],
    });
  });

  it("get_call_info with RoomIdType 0 and an empty RoomId (the doc's own sample shape)", () => {
    const body = structuredClone(samples.v4CallInfoSample);
    Object.assign(body.Response.CallInfo, { RoomId: "", RoomIdType: 0, ChatGroupId: "grp-9" });
    const live = liveCallFromV4(
      parsePayload(v4CallInfoSchema, envelope("v4", body).payload, ctx("v4")),
    );
    expect(live).toMatchObject({ roomId: "", roomIdType: 0, chatGroupId: "grp-9" });
  });

  it("end_call: envelope without Response", () => {
    const e = envelope("v4", samples.v4EndCallSample);
    expect(e).toEqual({
      code: 0,
      message: "OK",
      requestId: "Id-1b2c3d4e5f60718293a4b5c6d7e8f90a-O-Seq-1002",
      payload: undefined,
    });
  });

  it("start_call_by_robot: with the guide's Response, and without (the API page's shape)", () => {
    const e = envelope("v4", samples.v4StartCallSample);
    expect(parsePayload(v4StartCallSchema, e.payload, ctx("v4"))).toEqual({
      CallId: "e4d3c2b1-a0f9-4e8d-9c7b-6a5f4e3d2c1b",
      CallResult: [{ Callee_Account: "bob", ResultCode: 0 }],
    });
    expect(parsePayload(v4StartCallSchema, undefined, ctx("v4"))).toBeUndefined();
  });

  it("get_callback", () => {
    const p = parsePayload(
      v4CallbackSchema,
      envelope("v4", samples.v4CallbackGetSample).payload,
      ctx("v4"),
    );
    expect(p).toEqual({
      Url: "https://hooks.example.test/trtc-call",
      CallbackCommandList: ["Call.CallbackAfterStartCall", "Call.CallbackAfterEndCall"],
    });
  });
});

describe("v1 samples", () => {
  it("get_record_by_callId", () => {
    const e = envelope("v1", samples.v1RecordByIdSample);
    expect(e.requestId).toBe("0f8e7d6c5b4a39281706f5e4d3c2b1a0");
    expect(readRecordPayload(e.payload, ctx("v1"))).toEqual({
      ...byIdSampleCall,
      callId: "9b2f6c1e-3a4d-4e5f-8a7b-1c2d3e4f5a6b",
      mediaType: "audio",
      roomId: "88001",
      roomIdType: null,
      sources: ["v1"],
    });
  });

  it("get_records_by_filter", () => {
    const page = readV1Page(envelope("v1", samples.v1RecordsByFilterSample).payload, ctx("v1"));
    expect(page.total).toBe(3);
    expect(page.items.map((r) => [r.callId, r.caller, r.callees, r.result])).toEqual([
      ["c1", "alice", ["bob"], "NormalEnd"],
      ["c2", "carol", ["dave"], "NormalEnd"],
    ]);
  });

  it("callback set (data is the address) and get", () => {
    expect(envelope("v1", samples.v1CallbackSetSample).payload).toBe(
      "https://hooks.example.test/tuicall",
    );
    const p = parsePayload(
      v1CallbackSchema,
      envelope("v1", samples.v1CallbackGetSample).payload,
      ctx("v1"),
    );
    expect(p).toEqual({
      address: "https://hooks.example.test/tuicall",
      actions: ["normal_end", "not_answer", "caller_start_call"],
    });
  });

  it("accepts the intro page's types: errorCode as a string, requestId as a number", () => {
    expect(
      envelope("v1", { errorCode: "0", errorMessage: "Success", requestId: 123, data: {} }),
    ).toMatchObject({ code: 0, requestId: "123" });
  });
});

describe("variants", () => {
  it.each([
    ["offline", "Offline"],
    ["call_busy", "CallBusy"],
    ["not_answer", "NotAnswer"],
    ["robot_hangup", "robot_hangup"],
  ])("v1 callResult %s → %s", (value, expected) => {
    const body = structuredClone(samples.v1RecordByIdSample);
    body.data.callResult = value;
    expect(readRecordPayload(envelope("v1", body).payload, ctx("v1"))?.result).toBe(expected);
  });

  it("keeps unknown v4 enum values verbatim", () => {
    const body = structuredClone(samples.v4RecordByIdSample);
    Object.assign(body.Response.CallRecord, {
      CallResult: "Timeout",
      MediaType: "Screen",
      CallType: "Conference",
      RoomIdType: 3,
    });
    expect(readRecordPayload(envelope("v4", body).payload, ctx("v4"))).toMatchObject({
      result: "Timeout",
      mediaType: "Screen",
      callType: "Conference",
      roomIdType: 3,
    });
  });

  it("maps the guide's lower-case MediaType spelling", () => {
    const body = structuredClone(samples.v4RecordByIdSample);
    body.Response.CallRecord.MediaType = "audio";
    expect(readRecordPayload(envelope("v4", body).payload, ctx("v4"))?.mediaType).toBe("audio");
  });

  it("tolerates missing optional fields (v4)", () => {
    const r = readRecordPayload(
      { CallRecord: { CallId: "bare", StartTime: 1767225600 } },
      ctx("v4"),
    );
    expect(r).toEqual({
      callId: "bare",
      result: "Unknown",
      mediaType: "unknown",
      callType: "unknown",
      caller: "",
      callees: [],
      startedAt: "2026-01-01T00:00:00.000Z",
      acceptedAt: null,
      endedAt: null,
      roomId: "",
      roomIdType: null,
      chatGroupId: null,
      sources: ["v4"],
    });
  });

  it("tolerates missing optional fields and nulls (v1), and totalUserNumber 0", () => {
    const r = readRecordPayload(
      {
        callId: "bare",
        startCallTs: 1767225600,
        acceptTs: 0,
        endTs: null,
        callees: null,
        totalUserNumber: 0,
      },
      ctx("v1"),
    );
    expect(r).toMatchObject({
      callId: "bare",
      result: "Unknown",
      callees: [],
      acceptedAt: null,
      endedAt: null,
    });
  });

  it("accepts RoomIdType and timestamps as numeric strings (the filter page's table types)", () => {
    const body = structuredClone(samples.v4RecordsByFilterSample) as {
      Response: { CallRecordList: Record<string, unknown>[] };
    };
    Object.assign(body.Response.CallRecordList[0]!, { RoomIdType: "1", StartTime: "1767140000" });
    const page = readV4Page(body.Response, ctx("v4"));
    expect(page.items[0]).toMatchObject({
      roomIdType: 1,
      startedAt: new Date(1767140000 * 1000).toISOString(),
    });
  });

  it("writes every timestamp as toISOString() would, across days, leap years and minutes", () => {
    const base = v4RecordSchema.parse(samples.v4RecordByIdSample.Response.CallRecord);
    // Seconds near midnight, month ends and a leap day, visited out of order (the minute cache).
    const seconds = [1767225599, 1767225600, 1709164799, 1709164800, 1709251199, 1, 59, 60];
    for (let s = 1767139990; s < 1767140130; s += 7) seconds.push(s, s - 86400 * 40);
    for (const s of seconds) {
      const r = recordFromV4({ ...base, StartTime: s, AcceptTime: s + 3, EndTime: s + 3601 });
      expect([r.startedAt, r.acceptedAt, r.endedAt]).toEqual(
        [s, s + 3, s + 3601].map((t) => new Date(t * 1000).toISOString()),
      );
    }
  });

  it("removes the caller from a group's callee list wherever it appears", () => {
    const body = structuredClone(samples.v4RecordByIdSample);
    Object.assign(body.Response.CallRecord, {
      CallType: "MultiCall",
      CalleeList_Account: ["bob", "alice", "carol", "bob"],
    });
    expect(readRecordPayload(envelope("v4", body).payload, ctx("v4"))).toMatchObject({
      callType: "group",
      callees: ["bob", "carol"],
    });
  });

  it("treats an empty success payload as no record", () => {
    expect(readRecordPayload(undefined, ctx("v4"))).toBeNull();
    expect(readRecordPayload({}, ctx("v1"))).toBeNull();
  });

  it("skips an unreadable record in a page instead of failing the page", () => {
    const body = structuredClone(samples.v4RecordsByFilterSample) as {
      Response: { CallRecordList: unknown[] };
    };
    body.Response.CallRecordList.push({ Caller_Account: "no-id" });
    const page = readV4Page(body.Response, ctx("v4"));
    expect([page.items.length, page.skipped]).toEqual([2, 1]);
  });

  it("fails a malformed by-ID record with BAD_RESPONSE naming the field", () => {
    let caught: unknown;
    try {
      readRecordPayload({ CallRecord: { CallId: "x" } }, ctx("v4"));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TrtcError);
    expect(caught).toMatchObject({ code: "BAD_RESPONSE", retryable: false });
    expect((caught as Error).message).toContain("StartTime");
  });

  it("rejects an envelope without an error code", () => {
    expect(parseEnvelope("v4", { ActionStatus: "OK" })).toHaveProperty("error");
    expect(parseEnvelope("v1", { data: {} })).toHaveProperty("error");
  });
});
