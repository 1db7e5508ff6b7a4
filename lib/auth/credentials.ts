import "server-only";

import { z } from "zod";

import { burnPasswordCheck, HashingBusyError, verifyPassword } from "@/lib/auth/password";
import { isRole, type Role } from "@/lib/auth/roles";
import { writeAudit } from "@/lib/db/audit";
import type { Db } from "@/lib/db/client";
import {
  ACCOUNT_SLOWDOWN,
  ADDRESS_POLICY,
  PAIR_POLICY,
  accountBucket,
  addressBucket,
  clearBucket,
  isKnownAddress,
  pairBucket,
  releaseAttempt,
  rememberAddress,
  reserveAttempt,
  reserveSlowdown,
  type Bucket,
  type Reservation,
} from "@/lib/db/throttle";
import { findUserByEmail, markSignedIn } from "@/lib/db/users";

export type SignInUser = { id: string; email: string; name: string | null; role: Role };

export type SignInResult =
  | { ok: true; user: SignInUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled" | "busy"; retryAfterSeconds: number };

const input = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
});

/**
 * Each attempt is counted before its password is checked: per client address, per account from
 * unfamiliar networks (growing delays, never a lock), and per account and client (a short lock).
 * A wrong e-mail and a wrong password look, cost and count the same.
 */
export async function signInWithPassword(
  db: Db,
  raw: { email?: unknown; password?: unknown },
  address: string,
  now = new Date(),
): Promise<SignInResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { password } = parsed.data;
  const email = parsed.data.email.toLowerCase();
  const refuse = async (retryAt: Date, bucket: Bucket) => {
    await writeAudit(db, {
      actor: email,
      action: "auth.sign_in_throttled",
      address,
      details: { by: bucket.kind },
    });
    return throttled(retryAt, now);
  };

  const byAddress = addressBucket(address);
  const fromAddress = await reserveAttempt(db, byAddress, ADDRESS_POLICY, now);
  if (!fromAddress.ok) return refuse(fromAddress.retryAt, byAddress);

  const byPair = pairBucket(email, address);
  const fromPair = await reserveAttempt(db, byPair, PAIR_POLICY, now);
  if (!fromPair.ok) return refuse(fromPair.retryAt, byPair);

  if (!(await isKnownAddress(db, email, address, now))) {
    const byAccount = accountBucket(email);
    const slowed = await reserveSlowdown(db, byAccount, ACCOUNT_SLOWDOWN, now);
    if (!slowed.ok) {
      // Told to wait, not checked: not held against this client's own count.
      await releaseAttempt(db, byPair, PAIR_POLICY);
      return refuse(slowed.retryAt, byAccount);
    }
  }

  const user = await findUserByEmail(db, email);
  let valid: boolean;
  try {
    valid = user?.passwordHash
      ? await verifyPassword(password, user.passwordHash)
      : (await burnPasswordCheck(password), false);
  } catch (error) {
    if (!(error instanceof HashingBusyError)) throw error;
    // Not checked, so not held against this client.
    await releaseAttempt(db, byPair, PAIR_POLICY);
    return { ok: false, reason: "busy", retryAfterSeconds: 1 };
  }
  if (!user || !valid || !isRole(user.role)) {
    await auditLockout(db, byAddress, fromAddress, address);
    await writeAudit(db, { actor: email, action: "auth.sign_in_failed", address });
    await auditLockout(db, byPair, fromPair, address);
    // Say "too many attempts" as soon as the limit is reached, not one attempt later.
    if (fromPair.lockedUntil) return throttled(new Date(fromPair.lockedUntil), now);
    return { ok: false, reason: "invalid" };
  }

  await clearBucket(db, byPair.key);
  // The address limit is for guessing; people signing in from one office do not use it up.
  await releaseAttempt(db, byAddress, ADDRESS_POLICY);
  await rememberAddress(db, email, address, now);
  await markSignedIn(db, user.id);
  await writeAudit(db, {
    actor: user.email,
    action: "auth.sign_in",
    address,
    details: { method: "credentials" },
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/** The attempt that set a lock writes it to the audit log, once. */
async function auditLockout(
  db: Db,
  bucket: Bucket,
  reservation: Reservation,
  address: string,
): Promise<void> {
  if (!reservation.ok || !reservation.lockedUntil) return;
  await writeAudit(db, {
    actor: "system",
    action: "auth.lockout",
    target: bucket.email ?? bucket.address,
    address,
    details: {
      kind: bucket.kind,
      bucket: bucket.key,
      until: new Date(reservation.lockedUntil).toISOString(),
    },
  });
}

function throttled(until: Date, now: Date): SignInResult {
  return {
    ok: false,
    reason: "throttled",
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  };
}
