import "server-only";

import { z } from "zod";

import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { isRole, type Role } from "@/lib/auth/roles";
import { writeAudit } from "@/lib/db/audit";
import type { Db } from "@/lib/db/client";
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  accountBucket,
  addressBucket,
  clearBucket,
  lockedUntil,
  recordFailure,
} from "@/lib/db/throttle";
import { findUserByEmail, markSignedIn } from "@/lib/db/users";

export type SignInUser = { id: string; email: string; name: string | null; role: Role };

export type SignInResult =
  | { ok: true; user: SignInUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

const input = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
});

// Throttled per account and per client address; a wrong e-mail and a wrong password look the same.
export async function signInWithPassword(
  db: Db,
  raw: { email?: unknown; password?: unknown },
  address: string,
  now = new Date(),
): Promise<SignInResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const buckets = [accountBucket(email), addressBucket(address)];
  const normalized = email.toLowerCase();

  const until = await lockedUntil(db, buckets, now);
  if (until) {
    await writeAudit(db, { actor: normalized, action: "auth.sign_in_throttled", address });
    return throttled(until, now);
  }

  const user = await findUserByEmail(db, email);
  const valid = user?.passwordHash
    ? await verifyPassword(password, user.passwordHash)
    : (await burnPasswordCheck(password), false);

  if (!user || !valid || !isRole(user.role)) {
    const [accountFailures, addressFailures] = await Promise.all([
      recordFailure(db, buckets[0]!, ACCOUNT_POLICY, now),
      recordFailure(db, buckets[1]!, ADDRESS_POLICY, now),
    ]);
    await writeAudit(db, { actor: normalized, action: "auth.sign_in_failed", address });
    // Say "too many attempts" as soon as the limit is reached, not one attempt later.
    if (accountFailures >= ACCOUNT_POLICY.limit || addressFailures >= ADDRESS_POLICY.limit) {
      return throttled(new Date(now.getTime() + ACCOUNT_POLICY.lockMs), now);
    }
    return { ok: false, reason: "invalid" };
  }

  await clearBucket(db, buckets[0]!);
  await markSignedIn(db, user.id);
  await writeAudit(db, {
    actor: user.email,
    action: "auth.sign_in",
    address,
    details: { method: "credentials" },
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

function throttled(until: Date, now: Date): SignInResult {
  return {
    ok: false,
    reason: "throttled",
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  };
}
