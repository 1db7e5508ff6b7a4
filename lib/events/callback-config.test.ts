import { describe, expect, it } from "vitest";

import {
  callbackGenerationsQuerySchema,
  maskReceiverUrl,
  missingEvents,
  receiverUrlFor,
} from "./callback-config";

describe("receiverUrlFor", () => {
  it.each([
    ["https://console.example.com", "https://console.example.com/api/tencent/callbacks/tok"],
    ["https://console.example.com/", "https://console.example.com/api/tencent/callbacks/tok"],
    // A console served under a path prefix keeps it.
    ["https://corp.example/support/", "https://corp.example/support/api/tencent/callbacks/tok"],
  ])("%s → %s", (base, url) => {
    expect(receiverUrlFor(base, "tok")).toBe(url);
  });
});

describe("maskReceiverUrl", () => {
  it("keeps the first four characters of the token and hides the rest", () => {
    const masked = maskReceiverUrl("https://c.example/api/tencent/callbacks/abcdEFGHijklMNOP");
    expect(masked).toBe(`https://c.example/api/tencent/callbacks/abcd${"•".repeat(12)}`);
    expect(masked).not.toContain("EFGH");
  });
});

describe("missingEvents", () => {
  it("lists the console's events the configuration leaves out, in the console's order", () => {
    expect(missingEvents("v4", ["Call.CallbackAfterEndCall", "Something.Else"])).toEqual([
      "Call.CallbackAfterStartCall",
      "Call.CallbackAfterMemberChanged",
    ]);
  });
});

describe("callbackGenerationsQuerySchema", () => {
  it.each([
    [{ generations: "v4,v1" }, ["v4", "v1"]],
    [{ generations: ["v1", "v4"] }, ["v1", "v4"]],
    [{}, undefined],
  ])("%j → %j", (query, generations) => {
    expect(callbackGenerationsQuerySchema.parse(query).generations).toEqual(generations);
  });
});
