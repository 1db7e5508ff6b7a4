import "server-only";

import { and, eq, gt, inArray, sql } from "drizzle-orm";

import type { Db } from "@/lib/db/client";
import { signInThrottle } from "@/lib/db/schema";

export type ThrottlePolicy = {
  limit: number;
  windowMs: number;
  lockMs: number;
};

// An address gets more room than an account: several people may share one office NAT.
export const ACCOUNT_POLICY: ThrottlePolicy = {
  limit: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};
export const ADDRESS_POLICY: ThrottlePolicy = {
  limit: 30,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

export const accountBucket = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressBucket = (address: string) => `address:${address}`;

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

export async function lockedUntil(
  db: Db,
  buckets: string[],
  now = new Date(),
): Promise<Date | null> {
  const rows = await db
    .select({ lockedUntil: signInThrottle.lockedUntil })
    .from(signInThrottle)
    .where(and(inArray(signInThrottle.bucket, buckets), gt(signInThrottle.lockedUntil, ts(now))));
  const ends = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null);
  if (ends.length === 0) return null;
  return new Date(Math.max(...ends.map((d) => new Date(d).getTime())));
}

/** One statement, so instances sharing one PostgreSQL cannot lose updates. */
export async function recordFailure(
  db: Db,
  bucket: string,
  policy: ThrottlePolicy,
  now = new Date(),
): Promise<number> {
  const windowStart = new Date(now.getTime() - policy.windowMs);
  const lockEnd = new Date(now.getTime() + policy.lockMs);
  const t = signInThrottle;
  const expired = sql`${t.windowStartedAt} < ${ts(windowStart)}`;
  const next = sql`(case when ${expired} then 1 else ${t.failures} + 1 end)`;
  const rows = await db
    .insert(t)
    .values({
      bucket,
      failures: 1,
      windowStartedAt: now,
      lockedUntil: policy.limit <= 1 ? lockEnd : null,
    })
    .onConflictDoUpdate({
      target: t.bucket,
      set: {
        failures: next,
        windowStartedAt: sql`case when ${expired} then ${ts(now)} else ${t.windowStartedAt} end`,
        lockedUntil: sql`case when ${next} >= ${policy.limit} then ${ts(lockEnd)} else ${t.lockedUntil} end`,
      },
    })
    .returning({ failures: t.failures });
  return rows[0]?.failures ?? 1;
}

export async function clearBucket(db: Db, bucket: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.bucket, bucket));
}
