import { describe, expect, it } from "vitest";

import {
  burnPasswordCheck,
  generatePassword,
  HashingBusyError,
  hashPassword,
  MAX_CONCURRENT_HASHES,
  verifyPassword,
} from "@/lib/auth/password";

describe("password hashing", () => {
  it("verifies the right password only, with a fresh salt each time", async () => {
    const a = await hashPassword("s3cret-pass");
    const b = await hashPassword("s3cret-pass");
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("s3cret-pass", a)).toBe(true);
    expect(await verifyPassword("s3cret-pasS", a)).toBe(false);
  });

  it("rejects malformed stored hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$whatever")).toBe(false);
    expect(await verifyPassword("x", "scrypt$16384$8$1$c2FsdA$dG9vc2hvcnQ")).toBe(false);
  });

  it("generates long random passwords", () => {
    const p = generatePassword();
    expect(p.length).toBeGreaterThanOrEqual(20);
    expect(p).not.toBe(generatePassword());
  });

  it("checks at most a few passwords at once and refuses the rest", async () => {
    const hash = await hashPassword("s3cret-pass");
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => verifyPassword("guess", hash)),
    );
    const refused = results.filter(
      (r) => r.status === "rejected" && r.reason instanceof HashingBusyError,
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_CONCURRENT_HASHES);
    expect(refused).toHaveLength(12 - MAX_CONCURRENT_HASHES);
    // New hashes wait for a slot instead of failing.
    const hashes = await Promise.all(Array.from({ length: 4 }, () => hashPassword("x".repeat(8))));
    expect(hashes).toHaveLength(4);
    expect(await verifyPassword("s3cret-pass", hash)).toBe(true);
  });

  it("costs the same for an unknown account as for a wrong password", async () => {
    const hash = await hashPassword("s3cret-pass");
    await burnPasswordCheck("warm-up");
    const time = async (fn: () => Promise<unknown>) => {
      const runs: number[] = [];
      for (let i = 0; i < 7; i++) {
        const start = performance.now();
        await fn();
        runs.push(performance.now() - start);
      }
      return runs.sort((a, b) => a - b)[3]!;
    };
    const known = await time(() => verifyPassword("wrong", hash));
    const unknown = await time(() => burnPasswordCheck("wrong"));
    expect(unknown / known).toBeGreaterThan(0.5);
    expect(unknown / known).toBeLessThan(2);
  });
});
