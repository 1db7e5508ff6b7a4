import "server-only";

import { and, asc, eq, gt, lt, or, sql, isNull } from "drizzle-orm";

import type { Db } from "@/lib/db/client";
import { signInKnownAddresses, signInThrottle, type ThrottleRow } from "@/lib/db/schema";

export type LockPolicy = { limit: number; windowMs: number; lockMs: number };
export type SlowdownPolicy = {
  free: number;
  quietMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
};

/** One client guessing one account: five tries, then that pair waits 15 minutes. */
export const PAIR_POLICY: LockPolicy = { limit: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** One address guessing across accounts (several people may share an office NAT). */
export const ADDRESS_POLICY: LockPolicy = { limit: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** One account from unfamiliar networks: five tries, then growing delays; never a lock. */
export const ACCOUNT_SLOWDOWN: SlowdownPolicy = {
  free: 5,
  quietMs: 60 * 60_000,
  firstDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
};
/** How long a network where an account signed in stays familiar. */
export const KNOWN_ADDRESS_MS = 90 * 86_400_000;

export type Bucket = {
  key: string;
  kind: ThrottleRow["kind"];
  email: string | null;
  address: string | null;
};

export const pairBucket = (email: string, address: string): Bucket => ({
  key: `pair:${email}|${address}`,
  kind: "pair",
  email,
  address,
});
export const accountBucket = (email: string): Bucket => ({
  key: `account:${email}`,
  kind: "account",
  email,
  address: null,
});
export const addressBucket = (address: string): Bucket => ({
  key: `address:${address}`,
  kind: "address",
  email: null,
  address,
});

export type Reservation =
  { ok: true; attempts: number; lockedUntil: Date | null } | { ok: false; retryAt: Date };

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const t = signInThrottle;

/**
 * Reserves one attempt before the password is checked, in one statement: concurrent attempts on
 * any instance each get their own count, and none gets past a lock another has just set.
 */
export async function reserveAttempt(
  db: Db,
  bucket: Bucket,
  policy: LockPolicy,
  now = new Date(),
): Promise<Reservation> {
  const lockEnd = ts(new Date(now.getTime() + policy.lockMs));
  const fresh = sql`(${t.windowStartedAt} < ${ts(new Date(now.getTime() - policy.windowMs))} or ${t.lockedUntil} <= ${ts(now)})`;
  const attempts = sql`(case when ${fresh} then 1 else ${t.attempts} + 1 end)`;
  const rows = await db
    .insert(t)
    .values({
      bucket: bucket.key,
      kind: bucket.kind,
      email: bucket.email,
      address: bucket.address,
      attempts: 1,
      windowStartedAt: now,
      lastAttemptAt: now,
      lockedUntil: policy.limit <= 1 ? new Date(now.getTime() + policy.lockMs) : null,
    })
    .onConflictDoUpdate({
      target: t.bucket,
      set: {
        attempts,
        windowStartedAt: sql`case when ${fresh} then ${ts(now)} else ${t.windowStartedAt} end`,
        lastAttemptAt: now,
        lockedUntil: sql`case when ${attempts} >= ${policy.limit} then ${lockEnd} else null end`,
      },
      setWhere: or(isNull(t.lockedUntil), sql`${t.lockedUntil} <= ${ts(now)}`),
    })
    .returning({ attempts: t.attempts, lockedUntil: t.lockedUntil });
  if (rows[0]) return { ok: true, ...rows[0] };
  return { ok: false, retryAt: await waitUntil(db, bucket.key, t.lockedUntil, now) };
}

/** The same, for an account's growing delays: an attempt is allowed once its delay has passed. */
export async function reserveSlowdown(
  db: Db,
  bucket: Bucket,
  policy: SlowdownPolicy,
  now = new Date(),
): Promise<Reservation> {
  const quiet = sql`(${t.lastAttemptAt} < ${ts(new Date(now.getTime() - policy.quietMs))})`;
  const attempts = sql`(case when ${quiet} then 1 else ${t.attempts} + 1 end)`;
  const delayAfter = (n: unknown) =>
    sql`(${ts(now)} + case when ${n} < ${policy.free} then interval '0' else least(${policy.firstDelayMs}::float8 * power(2, ${n} - ${policy.free}), ${policy.maxDelayMs}::float8) * interval '1 millisecond' end)`;
  const rows = await db
    .insert(t)
    .values({
      bucket: bucket.key,
      kind: bucket.kind,
      email: bucket.email,
      address: bucket.address,
      attempts: 1,
      windowStartedAt: now,
      lastAttemptAt: now,
      nextAttemptAt: sql`${delayAfter(sql`1`)}`,
    })
    .onConflictDoUpdate({
      target: t.bucket,
      set: {
        attempts,
        windowStartedAt: sql`case when ${quiet} then ${ts(now)} else ${t.windowStartedAt} end`,
        lastAttemptAt: now,
        nextAttemptAt: sql`${delayAfter(attempts)}`,
      },
      setWhere: or(quiet, isNull(t.nextAttemptAt), sql`${t.nextAttemptAt} <= ${ts(now)}`),
    })
    .returning({ attempts: t.attempts });
  if (rows[0]) return { ok: true, attempts: rows[0].attempts, lockedUntil: null };
  return { ok: false, retryAt: await waitUntil(db, bucket.key, t.nextAttemptAt, now) };
}

async function waitUntil(
  db: Db,
  key: string,
  column: typeof t.lockedUntil | typeof t.nextAttemptAt,
  now: Date,
): Promise<Date> {
  const rows = await db.select({ until: column }).from(t).where(eq(t.bucket, key)).limit(1);
  const until = rows[0]?.until;
  return until && new Date(until).getTime() > now.getTime() ? new Date(until) : now;
}

/** Gives back an attempt that was reserved but never checked (the server was too busy). */
export async function releaseAttempt(db: Db, bucket: Bucket, policy: LockPolicy): Promise<void> {
  await db
    .update(t)
    .set({
      attempts: sql`greatest(${t.attempts} - 1, 0)`,
      lockedUntil: sql`case when ${t.attempts} - 1 < ${policy.limit} then null else ${t.lockedUntil} end`,
    })
    .where(eq(t.bucket, bucket.key));
}

export async function clearBucket(db: Db, key: string): Promise<ThrottleRow | undefined> {
  const rows = await db.delete(t).where(eq(t.bucket, key)).returning();
  return rows[0];
}

export async function listLockouts(db: Db, now = new Date()): Promise<ThrottleRow[]> {
  return db
    .select()
    .from(t)
    .where(gt(t.lockedUntil, ts(now)))
    .orderBy(asc(t.lockedUntil));
}

export async function rememberAddress(
  db: Db,
  email: string,
  address: string,
  now = new Date(),
): Promise<void> {
  await db
    .insert(signInKnownAddresses)
    .values({ email, address, lastSuccessAt: now })
    .onConflictDoUpdate({
      target: [signInKnownAddresses.email, signInKnownAddresses.address],
      set: { lastSuccessAt: now },
    });
}

export async function isKnownAddress(
  db: Db,
  email: string,
  address: string,
  now = new Date(),
): Promise<boolean> {
  const k = signInKnownAddresses;
  const rows = await db
    .select({ email: k.email })
    .from(k)
    .where(
      and(
        eq(k.email, email),
        eq(k.address, address),
        gt(k.lastSuccessAt, ts(new Date(now.getTime() - KNOWN_ADDRESS_MS))),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Rows whose window, lock and delay are all over, and networks not seen for a long time. */
export async function pruneThrottle(db: Db, now = new Date()): Promise<number> {
  const longest = Math.max(PAIR_POLICY.windowMs, ADDRESS_POLICY.windowMs, ACCOUNT_SLOWDOWN.quietMs);
  const idle = ts(new Date(now.getTime() - longest));
  const rows = await db
    .delete(t)
    .where(
      and(
        lt(t.lastAttemptAt, idle),
        or(isNull(t.lockedUntil), lt(t.lockedUntil, ts(now))),
        or(isNull(t.nextAttemptAt), lt(t.nextAttemptAt, ts(now))),
      ),
    )
    .returning({ bucket: t.bucket });
  const k = signInKnownAddresses;
  await db.delete(k).where(lt(k.lastSuccessAt, ts(new Date(now.getTime() - KNOWN_ADDRESS_MS))));
  return rows.length;
}
