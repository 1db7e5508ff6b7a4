import { describe, expect, it } from "vitest";

import { calleeList, mergeInto, mergeRecords } from "./merge";
import type { CallRecord } from "./types";

const v4: CallRecord = {
  callId: "c-1",
  result: "NormalEnd",
  mediaType: "video",
  callType: "group",
  caller: "alice",
  callees: ["bob"],
  startedAt: "2026-01-01T00:00:00.000Z",
  acceptedAt: "2026-01-01T00:00:04.000Z",
  endedAt: null,
  roomId: "room-1",
  roomIdType: 2,
  chatGroupId: null,
  sources: ["v4"],
};
const v1: CallRecord = {
  ...v4,
  result: "Interrupt",
  callees: ["carol", "bob", "alice"],
  endedAt: "2026-01-01T00:02:00.000Z",
  roomIdType: null,
  sources: ["v1"],
};

describe("mergeRecords", () => {
  it("keeps v4 values, fills gaps from v1, unites callees and lists both sources", () => {
    expect(mergeRecords(v4, v1)).toEqual({
      ...v4,
      result: "NormalEnd",
      callees: ["bob", "carol"],
      endedAt: "2026-01-01T00:02:00.000Z",
      roomIdType: 2,
      sources: ["v4", "v1"],
    });
  });

  it("takes v1's result when v4 had none", () => {
    expect(mergeRecords({ ...v4, result: "Unknown" }, v1).result).toBe("Interrupt");
  });
});

describe("mergeInto", () => {
  it("merges into the first copy, replacing its lists instead of changing them", () => {
    const target = { ...v4 };
    const lists = [target.callees, target.sources];
    expect(mergeInto(target, v1)).toBe(target);
    expect(target).toEqual(mergeRecords(v4, v1));
    expect(lists).toEqual([["bob"], ["v4"]]);
  });

  it("keeps the first copy's lists when the other adds nothing", () => {
    const target = { ...v4, sources: ["v4", "v1"] as CallRecord["sources"] };
    const { callees, sources } = target;
    mergeInto(target, { ...v1, callees: ["bob"] });
    expect(target.callees).toBe(callees);
    expect(target.sources).toBe(sources);
  });

  it("fills a missing caller and then leaves it out of the callees", () => {
    const merged = mergeInto({ ...v4, caller: "", callees: ["alice", "bob"] }, v1);
    expect([merged.caller, merged.callees]).toEqual(["alice", ["bob", "carol"]]);
  });
});

describe("calleeList", () => {
  it("keeps first-seen order, drops repeats and the caller", () => {
    expect(calleeList(["bob", "alice", "carol", "bob"], "alice")).toEqual(["bob", "carol"]);
    expect(calleeList([], "alice")).toEqual([]);
  });
});
