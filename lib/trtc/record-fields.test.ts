import { describe, expect, it, vi } from "vitest";

import { recordReader, recordSchema } from "./record-fields";
import { readV1Record, readV4Record, v1RecordSchema, v4RecordSchema } from "./schemas";

// The page reader must answer exactly what the zod schema answers, for every input: it only
// skips the schema where the schema would change nothing.

const v4Canonical = {
  CallId: "c-1",
  Caller_Account: "alice",
  MediaType: "Video",
  CallType: "MultiCall",
  StartTime: 1764000000,
  EndTime: 1764000120,
  AcceptTime: 0,
  CallResult: "NormalEnd",
  CalleeList_Account: ["alice", "bob"],
  RoomId: "room-1",
  RoomIdType: 2,
};

const v4Variants: Record<string, unknown> = {
  canonical: v4Canonical,
  "optional fields missing": { CallId: "c-2", StartTime: 1764000000 },
  "optional fields null": {
    ...v4Canonical,
    Caller_Account: null,
    EndTime: null,
    CalleeList_Account: null,
    RoomIdType: null,
  },
  "extra fields": { ...v4Canonical, Unknown: { deep: true }, ChatGroupId: "g" },
  "numeric ID": { ...v4Canonical, CallId: 42 },
  "numeric strings": { ...v4Canonical, StartTime: "1764000000", RoomIdType: "1" },
  "decimal string": { ...v4Canonical, EndTime: "1764000120.5" },
  "numbers among callees": { ...v4Canonical, CalleeList_Account: ["alice", 7] },
  "start time missing": { ...v4Canonical, StartTime: undefined },
  "start time not a number": { ...v4Canonical, StartTime: "yesterday" },
  "callees not a list": { ...v4Canonical, CalleeList_Account: "bob" },
  "ID an object": { ...v4Canonical, CallId: { id: 1 } },
  "a boolean": { ...v4Canonical, RoomIdType: true },
  null: null,
  "a list": [v4Canonical],
  "a string": "c-1",
};

const v1Variants: Record<string, unknown> = {
  canonical: {
    callId: "c-1",
    sdkAppId: 1400000001,
    mediaType: "audio",
    roomId: "90210",
    startCallTs: 1764000000,
    acceptTs: 1764000004,
    endTs: 1764000100,
    caller: "alice",
    totalUserNumber: 2,
    callType: "single",
    callResult: "normal_end",
    callees: ["bob"],
  },
  "optional fields missing": { callId: "c-2", startCallTs: 1764000000 },
  "numeric strings": { callId: 7, startCallTs: "1764000000", sdkAppId: "1400000001" },
  invalid: { callId: "c-3", startCallTs: "soon" },
};

describe("record readers", () => {
  for (const [name, raw] of Object.entries(v4Variants)) {
    it(`v4, ${name}: the same answer as the schema`, () => {
      const expected = v4RecordSchema.safeParse(raw);
      expect(readV4Record(raw)).toEqual(
        expected.success ? { success: true, data: expected.data } : { success: false },
      );
    });
  }
  for (const [name, raw] of Object.entries(v1Variants)) {
    it(`v1, ${name}: the same answer as the schema`, () => {
      const expected = v1RecordSchema.safeParse(raw);
      expect(readV1Record(raw)).toEqual(
        expected.success ? { success: true, data: expected.data } : { success: false },
      );
    });
  }

  it("keeps the field order of the schema's output", () => {
    const read = readV4Record({ RoomIdType: 1, StartTime: 1, CallId: "x" });
    expect(read.success && Object.keys(read.data)).toEqual(Object.keys(v4RecordSchema.shape));
  });

  it("asks the schema only for records that need coercion or are invalid", () => {
    const fields = { id: "str", at: "int", tags: "strList" } as const;
    const schema = recordSchema(fields);
    const safeParse = vi.spyOn(schema, "safeParse");
    const read = recordReader(fields, schema);

    expect(read({ id: "a", at: 1, tags: ["x"] })).toEqual({
      success: true,
      data: { id: "a", at: 1, tags: ["x"] },
    });
    expect(read({ id: "a", at: 1 })).toEqual({ success: true, data: { id: "a", at: 1, tags: [] } });
    expect(safeParse).not.toHaveBeenCalled();

    expect(read({ id: 5, at: "2", tags: [3] })).toEqual({
      success: true,
      data: { id: "5", at: 2, tags: ["3"] },
    });
    expect(read({ id: "a" })).toEqual({ success: false });
    expect(safeParse).toHaveBeenCalledTimes(2);
  });
});
