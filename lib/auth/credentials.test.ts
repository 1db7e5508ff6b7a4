import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { signInWithPassword } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { listAudit } from "@/lib/db/audit";
import { ACCOUNT_POLICY, ADDRESS_POLICY, recordFailure } from "@/lib/db/throttle";
import { createUser } from "@/lib/db/users";
import { TEST_DATABASES } from "@/test/databases";

describe.each(TEST_DATABASES)("password sign-in and throttling on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    handle = await open();
    const passwordHash = await hashPassword("correct horse");
    await createUser(handle.db, { email: "sam@corp.example", role: "support", passwordHash });
    await createUser(handle.db, { email: "lee@corp.example", role: "admin", passwordHash });
  });
  afterAll(async () => {
    await handle?.dispose();
  });
  const signIn = (email: unknown, password: unknown, address: string, now?: Date) =>
    signInWithPassword(handle.db, { email, password }, address, now);

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

  it("locks an account after repeated misses, even for the right password, and only that account", async () => {
    const now = new Date("2030-01-01T10:00:00Z");
    let last;
    for (let i = 0; i < ACCOUNT_POLICY.limit; i++) {
      last = await signIn("lee@corp.example", "wrong", `10.1.0.${i}`, now);
    }
    expect(last).toMatchObject({ ok: false, reason: "throttled" });
    const locked = await signIn("lee@corp.example", "correct horse", "10.9.9.9", now);
    expect(locked).toMatchObject({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: ACCOUNT_POLICY.lockMs / 1000,
    });
    // Another account from another address is unaffected.
    expect((await signIn("sam@corp.example", "correct horse", "10.9.9.8", now)).ok).toBe(true);
    // After the lock, the right password works again and clears the counter.
    const later = new Date(now.getTime() + ACCOUNT_POLICY.lockMs + 1000);
    expect((await signIn("lee@corp.example", "correct horse", "10.9.9.9", later)).ok).toBe(true);
  });

  it("locks a client address that guesses across many accounts", async () => {
    const now = new Date("2030-02-01T10:00:00Z");
    for (let i = 0; i < ADDRESS_POLICY.limit; i++) {
      await recordFailure(handle.db, "address:192.0.2.7", ADDRESS_POLICY, now);
    }
    const result = await signIn("sam@corp.example", "correct horse", "192.0.2.7", now);
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("counts concurrent failures without losing any", async () => {
    const now = new Date("2030-03-01T10:00:00Z");
    const policy = { limit: 1000, windowMs: 60_000, lockMs: 60_000 };
    await Promise.all(
      Array.from({ length: 20 }, () => recordFailure(handle.db, "account:race", policy, now)),
    );
    expect(await recordFailure(handle.db, "account:race", policy, now)).toBe(21);
    // A failure after the window starts a new count.
    expect(
      await recordFailure(handle.db, "account:race", policy, new Date(now.getTime() + 61_000)),
    ).toBe(1);
  });
});
