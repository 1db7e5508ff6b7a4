import { describe, expect, it } from "vitest";

import { resultFromV4 } from "./map";

describe("resultFromV4", () => {
  it("reads the samples' names and the English table's Integer alike", () => {
    expect(resultFromV4("NormalEnd")).toBe("NormalEnd");
    expect(resultFromV4("3")).toBe("NormalEnd");
    expect(resultFromV4("0")).toBe("Cancel");
    expect(resultFromV4("6")).toBe("Offline");
  });

  it("keeps a value it does not know, and says Unknown for none", () => {
    expect(resultFromV4("42")).toBe("42");
    expect(resultFromV4("Vanished")).toBe("Vanished");
    expect(resultFromV4(null)).toBe("Unknown");
  });
});
