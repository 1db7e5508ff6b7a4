import { describe, expect, it } from "vitest";

import type { CallRecord } from "@/lib/calls/types";
import { TrtcError } from "@/lib/trtc/errors";

import { mergeCopies, slicesOf } from "./engine";
import { describeError } from "./loop";

const rec = (callId: string, over: Partial<CallRecord> = {}): CallRecord => ({
  callId,
  result: "NormalEnd",
  mediaType: "audio",
  callType: "single",
  caller: "a",
  callees: ["b"],
  startedAt: "2026-11-20T00:00:00.000Z",
  acceptedAt: null,
  endedAt: null,
  roomId: "1",
  roomIdType: null,
  chatGroupId: null,
  sources: ["v1"],
  ...over,
});

describe("slicesOf", () => {
  it("covers the range with half-open whole-second slices and no gaps", () => {
    const slices = slicesOf(1_000_500, 1_010_200, 4_000);
    expect(slices).toEqual([
      { fromSec: 1000, toSec: 1004 },
      { fromSec: 1004, toSec: 1008 },
      { fromSec: 1008, toSec: 1011 },
    ]);
    expect(slicesOf(5_000, 5_000, 1_000)).toEqual([]);
  });
});

describe("mergeCopies", () => {
  it("keeps one record per call, v4's fields first, both sources remembered", () => {
    const v4 = new Map([["x", rec("x", { sources: ["v4"], roomIdType: 2, callees: ["b"] })]]);
    const v1 = new Map([
      ["x", rec("x", { sources: ["v1"], callees: ["b", "c"] })],
      ["y", rec("y")],
    ]);
    const merged = mergeCopies([v4, v1]);
    expect(merged).toHaveLength(2);
    expect(merged.find((r) => r.callId === "x")).toMatchObject({
      sources: ["v4", "v1"],
      roomIdType: 2,
      callees: ["b", "c"],
    });
  });
});

describe("describeError", () => {
  it("shows Tencent's code, operation and RequestId, never a UserSig", () => {
    const e = new TrtcError({
      generation: "v4",
      operation: "listRecordsPage",
      code: 60007,
      message: "rate limit",
      requestId: "r-1",
    });
    expect(describeError(e)).toBe("v4 listRecordsPage: 60007 rate limit (RequestId r-1)");
    expect(
      describeError(new Error("GET http://x/?usersig=eJyrVkrOz8lPKlayUqoGAA&x=1 failed")),
    ).not.toMatch(/eJyr/);
  });
});
