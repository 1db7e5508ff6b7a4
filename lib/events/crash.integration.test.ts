import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { openDatabase } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/executor";
import { quietPool } from "@/lib/sync/testing";
import { testDatabaseUrl } from "@/test/database-url";
import { TEST_DATABASES } from "@/test/databases";

import { startReceiverChild } from "./fixtures/start-receiver-child";
import { identifyDelivery, normalizeDelivery } from "./normalize";
import { v4MemberBody, v4Query } from "./testing";

// Durability for real: the receiver runs in a child process that is SIGKILLed in the middle of a
// burst of concurrent callbacks. Every delivery it acknowledged must be in the database afterwards.

const APP = 1400123456;
const IN_FLIGHT = 32;

/** The keys the receiver gives this delivery's events: they depend on the delivery alone. */
function keysOf(query: string, body: string): string[] {
  const header = identifyDelivery(new URLSearchParams(query))!;
  const result = normalizeDelivery(header, body, new Date());
  if (!result.ok) throw new Error(result.reason);
  return result.events.map((e) => e.dedupKey);
}

describe.each(TEST_DATABASES)("a receiver killed during a burst on $name", ({ name, open }) => {
  it("loses no acknowledged callback", { timeout: 120_000 }, async () => {
    let target: string;
    let cleanup: () => Promise<void>;
    if (name === "postgres") {
      const handle = quietPool(await open());
      const db = rowsOf<{ db: string }>(
        await handle.db.execute(sql`select current_database() as db`),
      )[0]!.db;
      const u = new URL(testDatabaseUrl());
      u.pathname = `/${db}`;
      target = u.toString();
      cleanup = handle.dispose;
    } else {
      target = await mkdtemp(path.join(tmpdir(), "cc-receiver-crash-"));
      cleanup = () => rm(target, { recursive: true, force: true });
    }
    try {
      const { child, url, token } = await startReceiverChild(target, APP);
      const acked: string[] = [];
      let sent = 0;
      let failed = 0;
      const killAfter = 300 + Math.floor(Math.random() * 300);
      let killed = false;
      const exited = new Promise((ok) => child.once("exit", ok));
      const t0 = Date.now();

      async function sender(lane: number): Promise<void> {
        for (let i = 0; ; i++) {
          const n = sent++;
          const query = v4Query(APP, "Call.CallbackAfterMemberChanged");
          const body = v4MemberBody(`crash-${lane}-${i}`, `u${n}`, "Accept", t0 + n);
          try {
            const res = await fetch(`${url}/api/tencent/callbacks/${token}?${query}`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body,
            });
            const ack = (await res.json()) as { ErrorCode?: number };
            if (res.status === 200 && ack.ErrorCode === 0) acked.push(...keysOf(query, body));
          } catch {
            failed++;
            return; // the receiver is gone: every lane ends here
          }
          if (acked.length >= killAfter && !killed) {
            killed = true;
            // A random moment after the threshold, with requests still in flight.
            setTimeout(() => child.kill("SIGKILL"), Math.floor(Math.random() * 20));
          }
        }
      }
      await Promise.all(Array.from({ length: IN_FLIGHT }, (_, lane) => sender(lane)));
      await exited;
      expect(acked.length).toBeGreaterThanOrEqual(killAfter);
      expect(failed).toBeGreaterThan(0); // some requests were cut off by the kill

      const handle =
        name === "postgres"
          ? quietPool(await openDatabase({ databaseUrl: target }))
          : await openDatabase({ dataDir: target });
      try {
        const stored = new Set(
          rowsOf<{ dedup_key: string }>(
            await handle.db.execute(sql`select dedup_key from call_events`),
          ).map((r) => r.dedup_key),
        );
        expect(acked.filter((k) => !stored.has(k))).toEqual([]);
      } finally {
        await handle.close();
      }
    } finally {
      await cleanup();
    }
  });
});
