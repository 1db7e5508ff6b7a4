import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { signInWithPassword } from "@/lib/auth/credentials";
import { hashPassword, MAX_CONCURRENT_HASHES, withHashingSlot } from "@/lib/auth/password";
import { listAudit } from "@/lib/db/audit";
import {
  ACCOUNT_SLOWDOWN,
  ADDRESS_POLICY,
  PAIR_POLICY,
  listLockouts,
  pruneThrottle,
} from "@/lib/db/throttle";
import { createUser } from "@/lib/db/users";
import { TEST_DATABASES } from "@/test/databases";

describe.each(TEST_DATABASES)("password sign-in and throttling on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    handle = await open();
    const passwordHash = await hashPassword("correct horse");
    for (const [email, role] of [
      ["sam@corp.example", "support"],
      ["lee@corp.example", "admin"],
      ["ana@corp.example", "manager"],
      ["bo@corp.example", "support"],
      ["cy@corp.example", "support"],
    ] as const)
      await createUser(handle.db, { email, role, passwordHash });
  }, 60_000);
  afterAll(async () => {
    await handle?.dispose();
  });
  const signIn = (email: unknown, password: unknown, address: string, now?: Date) =>
    signInWithPassword(handle.db, { email, password }, address, now);
  const later = (base: Date, ms: number) => new Date(base.getTime() + ms);
  const audit = async (action: string, actor?: string) =>
    (await listAudit(handle.db, 10_000)).filter(
      (a) => a.action === action && (actor === undefined || a.actor === actor),
    );

  it("accepts the right password and says nothing more than 'invalid' otherwise", async () => {
    const ok = await signIn("SAM@corp.example", "correct horse", "10.0.0.1");
    expect(ok).toMatchObject({ ok: true, user: { email: "sam@corp.example", role: "support" } });
    const invalid = { ok: false, reason: "invalid" };
    expect(await signIn("sam@corp.example", "nope", "10.0.0.1")).toEqual(invalid);
    expect(await signIn("ghost@corp.example", "nope", "10.0.0.1")).toEqual(invalid);
    expect(await signIn(42, null, "10.0.0.1")).toEqual(invalid);
    const actions = (await listAudit(handle.db)).map((a) => a.action);
    expect(actions).toContain("auth.sign_in");
    expect(actions).toContain("auth.sign_in_failed");
  });

  it("locks one client out of one account, audits it, and leaves the owner's network alone", async () => {
    const now = new Date("2030-01-01T10:00:00Z");
    // The owner signed in from the office yesterday: that network is familiar.
    const yesterday = later(now, -86_400_000);
    expect((await signIn("lee@corp.example", "correct horse", "10.9.9.9", yesterday)).ok).toBe(
      true,
    );
    let last;
    for (let i = 0; i < PAIR_POLICY.limit; i++)
      last = await signIn("lee@corp.example", "wrong", "198.51.100.1", now);
    expect(last).toMatchObject({ ok: false, reason: "throttled" });
    const locked = await signIn("lee@corp.example", "correct horse", "198.51.100.1", now);
    expect(locked).toMatchObject({
      reason: "throttled",
      retryAfterSeconds: PAIR_POLICY.lockMs / 1000,
    });
    // More guesses from elsewhere slow the account down for unfamiliar networks only.
    for (let i = 2; i < 12; i++) await signIn("lee@corp.example", "wrong", `198.51.100.${i}`, now);
    expect((await signIn("lee@corp.example", "correct horse", "10.9.9.9", now)).ok).toBe(true);

    const [lockout] = await audit("auth.lockout");
    expect(lockout).toMatchObject({
      target: "lee@corp.example",
      address: "198.51.100.1",
      details: { kind: "pair" },
    });
    expect((await listLockouts(handle.db, now)).map((l) => l.bucket)).toContain(
      "pair:lee@corp.example|198.51.100.1",
    );
    // After the lock, that client may try again.
    const after = later(now, PAIR_POLICY.lockMs + 1000);
    expect((await signIn("lee@corp.example", "correct horse", "198.51.100.1", after)).ok).toBe(
      true,
    );
  });

  it("slows an account down with growing delays for unfamiliar networks, never locking it", async () => {
    const now = new Date("2030-02-01T10:00:00Z");
    for (let i = 0; i < ACCOUNT_SLOWDOWN.free; i++)
      expect(await signIn("ana@corp.example", "wrong", `203.0.113.${i}`, now)).toMatchObject({
        reason: "invalid",
      });
    const waitFirst = await signIn("ana@corp.example", "correct horse", "203.0.113.50", now);
    expect(waitFirst).toMatchObject({ reason: "throttled", retryAfterSeconds: 2 });
    const t1 = later(now, ACCOUNT_SLOWDOWN.firstDelayMs);
    expect(await signIn("ana@corp.example", "wrong", "203.0.113.51", t1)).toMatchObject({
      reason: "invalid",
    });
    // The next delay is twice as long.
    expect(await signIn("ana@corp.example", "wrong", "203.0.113.52", t1)).toMatchObject({
      reason: "throttled",
      retryAfterSeconds: 4,
    });
    const t2 = later(t1, 2 * ACCOUNT_SLOWDOWN.firstDelayMs);
    expect((await signIn("ana@corp.example", "correct horse", "203.0.113.53", t2)).ok).toBe(true);
  });

  it("locks an address guessing across many accounts, unknown ones included", async () => {
    const now = new Date("2030-03-01T10:00:00Z");
    for (let i = 0; i < ADDRESS_POLICY.limit; i++)
      await signIn(`nobody-${i}@corp.example`, "wrong", "192.0.2.7", now);
    const result = await signIn("sam@corp.example", "correct horse", "192.0.2.7", now);
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
    expect(
      (await audit("auth.lockout")).some(
        (a) => (a.details as { kind?: string }).kind === "address",
      ),
    ).toBe(true);
    // An unknown e-mail is throttled like a real one.
    const ghost = "ghost-2@corp.example";
    for (let i = 0; i < PAIR_POLICY.limit; i++) await signIn(ghost, "wrong", "192.0.2.8", now);
    expect(await signIn(ghost, "wrong", "192.0.2.8", now)).toMatchObject({ reason: "throttled" });
  });

  it("checks at most five passwords in a burst of 40 concurrent wrong ones", async () => {
    const now = new Date("2030-04-01T10:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signIn("bo@corp.example", `wrong-${i}`, "198.51.100.200", now),
      ),
    );
    const checked = (await audit("auth.sign_in_failed", "bo@corp.example")).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(PAIR_POLICY.limit);
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBeGreaterThanOrEqual(
      40 - PAIR_POLICY.limit,
    );
  });

  it("gives no session to the right password at position 20 of a burst of 30", async () => {
    const now = new Date("2030-05-01T10:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signIn("cy@corp.example", i === 19 ? "correct horse" : `wrong-${i}`, "198.51.100.201", now),
      ),
    );
    expect(results[19]).toMatchObject({ ok: false });
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect((await audit("auth.sign_in_failed", "cy@corp.example")).length).toBeLessThanOrEqual(
      PAIR_POLICY.limit,
    );
  });

  it("answers 'busy' beyond the process's hashing slots, without holding it against the client", async () => {
    const now = new Date("2030-06-01T10:00:00Z");
    // Every slot held for the whole burst, so the outcome does not depend on the machine's speed.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const holders = Array.from({ length: MAX_CONCURRENT_HASHES }, () =>
      withHashingSlot("wait", () => held),
    );
    // Random e-mails from random addresses: no throttle applies, only the bound on hashing.
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        signIn(`rnd-${i}@corp.example`, "x", `100.64.0.${i}`, now),
      ),
    );
    release();
    await Promise.all(holders);
    const busy = results.filter((r) => !r.ok && r.reason === "busy");
    expect(busy).toHaveLength(12);
    expect(busy[0]).toMatchObject({ retryAfterSeconds: 1 });
    // A refused check was given back: that client still has all its tries.
    const again = await signIn("rnd-11@corp.example", "x", "100.64.0.11", now);
    expect(again).toMatchObject({ reason: "invalid" });
  });

  it("prunes rows whose windows and locks are over", async () => {
    const farLater = new Date("2031-01-01T00:00:00Z");
    expect(await pruneThrottle(handle.db, farLater)).toBeGreaterThan(0);
    expect(await listLockouts(handle.db, new Date("2030-01-01T10:00:00Z"))).toEqual([]);
  });
});
