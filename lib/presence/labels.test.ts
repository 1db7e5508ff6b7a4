import { describe, expect, it } from "vitest";

import { formatElapsed } from "@/components/live/elapsed";

import { presenceLabel } from "./labels";

describe("presenceLabel", () => {
  it("says 'now' for every state Chat reports, and keeps a word it adds later", () => {
    expect(presenceLabel({ status: "Online" })).toBe("Online now");
    expect(presenceLabel({ status: "PushOnline" })).toBe("Push online now");
    expect(presenceLabel({ status: "Offline" })).toBe("Offline now");
    expect(presenceLabel({ status: "Away" })).toBe("Away now");
  });

  it("tells an ID that is no Chat account from an unknown answer", () => {
    expect(presenceLabel({ status: null, errorCode: 70107 })).toBe("Not a Chat account");
    expect(presenceLabel({ status: null, errorCode: 70402 })).toBe("Presence unavailable (70402)");
    expect(presenceLabel({ status: null, errorCode: null })).toBe("Presence unknown");
  });
});

describe("formatElapsed", () => {
  it("shows minutes and seconds, then hours", () => {
    expect(formatElapsed(0)).toBe("0:00");
    expect(formatElapsed(65_400)).toBe("1:05");
    expect(formatElapsed(3_600_000 + 61_000)).toBe("1:01:01");
    expect(formatElapsed(-5_000)).toBe("0:00");
  });
});
