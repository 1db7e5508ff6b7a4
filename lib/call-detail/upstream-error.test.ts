import { describe, expect, it } from "vitest";

import { TrtcError } from "@/lib/trtc/errors";

import { isTrtcError } from "./upstream-error";

describe("isTrtcError", () => {
  it("recognises a TrtcError thrown by another bundle's copy of the class", () => {
    const Copy = class extends Error {
      name = "TrtcError";
      generation = "v4";
      code = 101001;
      toUpstreamDetails() {
        return {};
      }
    };
    expect(isTrtcError(new Copy("x"))).toBe(true);
    expect(
      isTrtcError(
        new TrtcError({ generation: "v4", operation: "getRecord", code: 101001, message: "x" }),
      ),
    ).toBe(true);
    expect(isTrtcError(new Error("plain"))).toBe(false);
    expect(isTrtcError({ name: "TrtcError", toUpstreamDetails: () => ({}) })).toBe(false);
  });
});
