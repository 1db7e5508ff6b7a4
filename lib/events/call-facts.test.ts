import { describe, expect, it } from "vitest";

import { callFacts } from "./call-facts";
import { ev } from "./story-fixtures";

// Who called whom and how, from the start callbacks' own bodies (samples disagree on spellings).

describe("callFacts", () => {
  it("reads a v4 start: the one already 'Calling' is the caller, a chat group makes it a group call", () => {
    const body = {
      CallInfo: { CallId: "c", MediaType: "Video", ChatGroupId: "@TGS#1" },
      UserList: [
        { User_Account: "bob", Status: "Waiting" },
        { User_Account: "alice", Status: "Calling" },
      ],
    };
    expect(callFacts([{ callId: "c", generation: "v4", body }], [])).toEqual({
      caller: "alice",
      callees: ["bob"],
      callType: "group",
      mediaType: "video",
    });
  });

  it("accepts the sample's CallMediaType key and numeric accounts", () => {
    const body = {
      CallInfo: { CallId: "c", CallMediaType: "Audio", ChatGroupId: "" },
      UserList: [
        { User_Account: 1001, Status: "Calling" },
        { User_Account: 1002, Status: "Waiting" },
      ],
    };
    expect(callFacts([{ callId: "c", generation: "v4", body }], [])).toEqual({
      caller: "1001",
      callees: ["1002"],
      callType: "single",
      mediaType: "audio",
    });
  });

  it("reads v1 fields, and adds callees the events name later", () => {
    const body = { UserId: "erin", Role: "caller", MediaType: "video", CallType: "group" };
    const events = [ev(0, "erin", "started", "v1"), ev(5, "gus", "invited", "v1")];
    expect(callFacts([{ callId: "c", generation: "v1", body }], events)).toEqual({
      caller: "erin",
      callees: ["gus"],
      callType: "group",
      mediaType: "video",
    });
  });

  it("falls back on the events when no body says anything, and never throws on junk", () => {
    const events = [ev(0, "kim", "started"), ev(1, "lee", "invited"), ev(1, "max", "invited")];
    const junk = [{ callId: "c", generation: "v4" as const, body: "not an object" }];
    expect(callFacts(junk, events)).toEqual({
      caller: "kim",
      callees: ["lee", "max"],
      callType: "group",
      mediaType: "unknown",
    });
  });
});
