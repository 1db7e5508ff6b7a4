import { describe, expect, it, vi } from "vitest";

import { createNotFoundLearner, type NotFoundProbe } from "./v1-not-found";

vi.mock("server-only", () => ({}));

const REAL = "real-call";

function probe(codes: { real: number; madeUp: number }, calls: string | null = REAL) {
  const asked: string[] = [];
  const p: NotFoundProbe = {
    anyCallId: () => Promise.resolve(calls),
    codeFor: (id) => {
      asked.push(id === REAL ? "real" : "made-up");
      return Promise.resolve(id === REAL ? codes.real : codes.madeUp);
    },
  };
  return { p, asked };
}

describe("the v1 not-found learner", () => {
  it("learns the code a made-up ID gets once a real call came back", async () => {
    const { p, asked } = probe({ real: 0, madeUp: 70404 });
    const learner = createNotFoundLearner(p);
    expect(await learner.isNotFound(70404)).toBe(true);
    expect(await learner.isNotFound(70001)).toBe(false);
    expect(learner.known()).toBe(70404);
    expect(asked).toEqual(["real", "made-up"]);
  });

  it("keeps the reference's 70001 when v1 has no call to compare with", async () => {
    const { p, asked } = probe({ real: 0, madeUp: 70404 }, null);
    const learner = createNotFoundLearner(p);
    expect(await learner.isNotFound(70001)).toBe(true);
    expect(await learner.isNotFound(70404)).toBe(false);
    expect(asked).toEqual([]);
  });

  it("learns nothing when a real call fails too, and asks again a minute later", async () => {
    let now = 0;
    const { p, asked } = probe({ real: 99999, madeUp: 99999 });
    const learner = createNotFoundLearner(p, () => now);
    expect(await learner.isNotFound(99999)).toBe(false);
    expect(learner.known()).toBeNull();
    now += 30_000;
    await learner.isNotFound(99999);
    expect(asked).toEqual(["real"]);
    now += 31_000;
    await learner.isNotFound(99999);
    expect(asked).toEqual(["real", "real"]);
  });

  it("asks once for lookups that arrive together, and relearns after an hour", async () => {
    let now = 0;
    const { p, asked } = probe({ real: 0, madeUp: 70001 });
    const learner = createNotFoundLearner(p, () => now);
    await Promise.all([learner.isNotFound(70001), learner.isNotFound(70001)]);
    expect(asked).toEqual(["real", "made-up"]);
    now += 61 * 60_000;
    expect(await learner.isNotFound(70001)).toBe(true);
    expect(asked).toHaveLength(4);
  });
});
