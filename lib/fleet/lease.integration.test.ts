import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase, type DbHandle } from "@/lib/db/client";
import { quietPool } from "@/lib/sync/testing";
import { LimiterRegistry } from "@/lib/trtc/throttle";
import { createPostgresDatabase } from "@/test/databases";

import { startFleetLease, type FleetLease } from "./lease";

// Leases of instances joining one after another on a real PostgreSQL, each with its own pool: at
// no moment do the fractions the instances apply add up to more than the whole limit.

const logger = pino({ level: "silent" });
const GRACE_MS = 300;

describe("fleet leases on PostgreSQL", () => {
  let db: { url: string; drop: () => Promise<void> };
  const handles: DbHandle[] = [];
  const leases: FleetLease[] = [];

  beforeAll(async () => {
    db = await createPostgresDatabase();
  }, 30_000);
  afterAll(async () => {
    await Promise.all(leases.map((l) => l.stop()));
    await Promise.all(handles.map((h) => h.close()));
    await db?.drop();
  });

  async function instance() {
    const handle = quietPool(await openDatabase({ databaseUrl: db.url }));
    handles.push(handle);
    const limiters = new LimiterRegistry();
    // A long period: the test renews by hand, in the order it wants.
    const lease = await startFleetLease({
      handle,
      limiters,
      logger,
      periodMs: 60_000,
      ttlMs: 60_000,
      graceMs: GRACE_MS,
    });
    leases.push(lease);
    return { lease, limiters };
  }
  const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("a newcomer waits for room, takes it once the others lowered and their grace passed, and a release frees it", async () => {
    const a = await instance();
    expect(a.limiters.fraction).toBe(1);

    const b = await instance();
    // A still applies the whole limit: B gets nothing yet.
    expect(b.limiters.fraction).toBe(0);
    await a.lease.refresh();
    expect(a.limiters.fraction).toBeCloseTo(0.45);
    // A's old claim counts through its grace: B still waits.
    await b.lease.refresh();
    expect(b.limiters.fraction).toBe(0);
    await after(GRACE_MS + 50);
    await b.lease.refresh();
    expect(b.limiters.fraction).toBeCloseTo(0.45);
    expect(a.limiters.fraction + b.limiters.fraction).toBeLessThanOrEqual(1);

    // A third starts at once on the headroom the two leave.
    const c = await instance();
    expect(c.limiters.fraction).toBeCloseTo(0.1);
    await a.lease.refresh();
    await b.lease.refresh();
    expect(a.limiters.fraction + b.limiters.fraction + c.limiters.fraction).toBeLessThanOrEqual(1);
    await after(GRACE_MS + 50);
    await c.lease.refresh();
    expect([a, b, c].map((i) => i.limiters.fraction)).toEqual([0.3, 0.3, 0.3]);

    // C shuts down: once its requests have left the window its row is gone, and the others grow.
    await c.lease.stop({ release: true });
    expect(c.limiters.fraction).toBe(0);
    await a.lease.refresh();
    await b.lease.refresh();
    expect([a, b].map((i) => i.limiters.fraction)).toEqual([0.45, 0.45]);
  }, 60_000);
});
