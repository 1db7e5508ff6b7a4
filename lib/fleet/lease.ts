import "server-only";

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

import type { Pool } from "pg";
import type { Logger } from "pino";

import type { DbHandle } from "@/lib/db/client";
import type { LimiterRegistry } from "@/lib/trtc/throttle";

import { allocate, renewedClaim, type Allocation, type LeaseClaim } from "./share";

// The lease loop of one instance: renew the row, re-split the limits, apply the fraction to the
// in-memory limiters (requests never wait on the database). Allocations are serialised by a
// transaction-scoped advisory lock, so two instances never raise into the same room.

// Any fixed number, distinct from the migration and sync locks.
export const FLEET_LOCK_KEY = 7_310_442_020;

export type FleetLeaseOptions = {
  handle: DbHandle;
  limiters: LimiterRegistry;
  logger: Logger;
  /** How often the lease is renewed and the share recomputed. */
  periodMs?: number;
  /** A lease not renewed for this long is ignored by the others. */
  ttlMs?: number;
  /** How long a lowered fraction still counts (see share.ts). */
  graceMs?: number;
  instanceId?: string;
};

export type FleetStatus = Allocation & { instanceId: string; renewedAt: string | null };

export type FleetLease = {
  /** One renewal now; the loop calls it every period. */
  refresh(): Promise<Allocation>;
  status(): FleetStatus;
  /** `release`: give the share back at once (shutdown); without it the lease just lapses. */
  stop(options?: { release?: boolean }): Promise<void>;
};

const DEFAULTS = { periodMs: 5_000, ttlMs: 15_000, graceMs: 2_500 };
// Tencent's window plus the throttle's margin (throttle.ts), and a second of slack.
const WINDOW_AND_SLACK_MS = 2_100;

type Row = {
  instance_id: string;
  fraction: number;
  previous_fraction: number;
  changed_ms: string | number;
  expires_ms: string | number;
};

function poolOf(handle: DbHandle): Pool {
  if (handle.driver !== "pg") throw new Error("fleet leases need PostgreSQL");
  return (handle.db as unknown as { $client: Pool }).$client;
}

export async function startFleetLease(options: FleetLeaseOptions): Promise<FleetLease> {
  const { periodMs, ttlMs, graceMs } = { ...DEFAULTS, ...options };
  const pool = poolOf(options.handle);
  const instanceId = options.instanceId ?? randomUUID();
  const label = `${hostname()}:${process.pid}`;
  const { limiters, logger } = options;
  let allocation: Allocation = { fraction: 0, target: 0, instances: 0 };
  let renewedAt: string | null = null;
  let fenceTimer: NodeJS.Timeout | undefined;
  let loopTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  let refreshing: Promise<Allocation> | null = null;

  // Until the first allocation the instance cannot know who else is sending: it sends nothing.
  limiters.setFraction(0);

  function apply(next: Allocation): void {
    if (next.fraction !== allocation.fraction || next.instances !== allocation.instances) {
      logger.info(
        { instanceId, fraction: next.fraction, instances: next.instances },
        "fleet share of Tencent's rate limits",
      );
    }
    allocation = next;
    limiters.setFraction(next.fraction);
  }

  async function renew(): Promise<Allocation> {
    const startedAt = performance.now();
    const client = await pool.connect();
    let next: Allocation;
    try {
      await client.query("begin");
      await client.query("select pg_advisory_xact_lock($1)", [FLEET_LOCK_KEY]);
      await client.query("delete from upstream_leases where expires_at <= now()");
      // The database's clock, the one every instance's lease times are written in.
      const clock = await client.query<{ now_ms: string }>(
        "select extract(epoch from now()) * 1000 as now_ms",
      );
      const nowMs = Number(clock.rows[0]!.now_ms);
      const { rows } = await client.query<Row>(
        `select instance_id, fraction, previous_fraction,
           extract(epoch from changed_at) * 1000 as changed_ms,
           extract(epoch from expires_at) * 1000 as expires_ms
         from upstream_leases`,
      );
      const claims: LeaseClaim[] = rows.map((r) => ({
        instanceId: r.instance_id,
        fraction: Number(r.fraction),
        previousFraction: Number(r.previous_fraction),
        changedAtMs: Number(r.changed_ms),
        expiresAtMs: Number(r.expires_ms),
      }));
      const mine = claims.find((c) => c.instanceId === instanceId);
      next = allocate(
        claims.filter((c) => c.instanceId !== instanceId),
        nowMs,
        graceMs,
      );
      const row = renewedClaim(mine, next.fraction, nowMs, graceMs);
      await client.query(
        `insert into upstream_leases
           (instance_id, label, expires_at, fraction, previous_fraction, changed_at)
         values ($1, $2, now() + $3 * interval '1 millisecond', $4, $5, to_timestamp($6 / 1000.0))
         on conflict (instance_id) do update set
           expires_at = excluded.expires_at, fraction = excluded.fraction,
           previous_fraction = excluded.previous_fraction, changed_at = excluded.changed_at`,
        [instanceId, label, ttlMs, row.fraction, row.previousFraction, row.changedAtMs],
      );
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    if (stopped) return next;
    apply(next);
    renewedAt = new Date().toISOString();
    // The others ignore this lease from expires_at on, which is no earlier than startedAt + ttl:
    // stop sending early enough that this instance's last requests have left Tencent's window.
    clearTimeout(fenceTimer);
    fenceTimer = setTimeout(
      () => {
        logger.warn({ instanceId }, "fleet lease not renewed in time: sending nothing until it is");
        apply({ ...allocation, fraction: 0 });
      },
      Math.max(0, startedAt + ttlMs - WINDOW_AND_SLACK_MS - performance.now()),
    );
    fenceTimer.unref();
    return next;
  }

  function refresh(): Promise<Allocation> {
    refreshing ??= renew().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    loopTimer = setTimeout(() => {
      refresh().then(
        // A newcomer below its target rechecks soon after the others' lowered claims lapse.
        (a) => schedule(a.fraction < a.target ? Math.min(periodMs, graceMs + 100) : periodMs),
        (error: unknown) => {
          logger.warn({ err: error, instanceId }, "fleet lease renewal failed");
          schedule(periodMs);
        },
      );
    }, delayMs);
    loopTimer.unref();
  }

  const first = await refresh();
  schedule(first.fraction < first.target ? Math.min(periodMs, graceMs + 100) : periodMs);

  return {
    refresh,
    status: () => ({ ...allocation, instanceId, renewedAt }),
    async stop({ release = false } = {}) {
      stopped = true;
      clearTimeout(loopTimer);
      await refreshing?.catch(() => {});
      // Without a release the fence still stops this instance before the others reuse its room.
      if (!release) return;
      clearTimeout(fenceTimer);
      limiters.setFraction(0);
      // Requests already sent stay in Tencent's window; only then is the room free for others.
      await new Promise((resolve) => setTimeout(resolve, WINDOW_AND_SLACK_MS));
      await pool.query("delete from upstream_leases where instance_id = $1", [instanceId]);
    },
  };
}
