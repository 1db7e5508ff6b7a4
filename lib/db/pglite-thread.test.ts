import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openPgliteThread, type PgliteLike } from "./pglite-thread";

// PGlite on its worker thread: the event loop stays free while a statement runs, and the one
// connection behaves as PGlite's own does (a transaction holds it; errors keep their SQLSTATE).

let db: PgliteLike;
beforeAll(async () => {
  db = await openPgliteThread();
  await db.exec("create table t (id int primary key)");
});
afterAll(async () => {
  await db.close();
});

describe("PGlite on a worker thread", () => {
  it("keeps the event loop running while a long statement runs", async () => {
    // Timers must come due while the statement runs: it is made longer until it takes 100 ms, so
    // that a faster machine does not make it too short to tell.
    let rows = 3_000_000;
    let took = 0;
    let ticks = 0;
    for (let tries = 0; took < 100 && tries < 5; tries++, rows *= 2) {
      ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      const started = performance.now();
      const res = await db.query<{ n: number }>(
        "select count(*)::int as n from generate_series(1, $1::int)",
        [rows],
      );
      took = performance.now() - started;
      clearInterval(timer);
      expect(res.rows[0]!.n).toBe(rows);
    }
    expect(took).toBeGreaterThanOrEqual(100);
    // In the same thread the WebAssembly statement would hold the loop: no tick at all.
    expect(ticks).toBeGreaterThanOrEqual(3);
  });

  it("makes statements from outside a transaction wait until it commits", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const tx = db.transaction(async (t) => {
      await t.query("insert into t values (1)");
      await held;
    });
    const outside = db.query<{ n: number }>("select count(*)::int as n from t");
    let answered = false;
    void outside.then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    release();
    await tx;
    expect((await outside).rows[0]!.n).toBe(1);
  });

  it("rolls a transaction back when its callback throws", async () => {
    await expect(
      db.transaction(async (t) => {
        await t.query("insert into t values (2)");
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    const res = await db.query<{ n: number }>("select count(*)::int as n from t where id = 2");
    expect(res.rows[0]!.n).toBe(0);
  });

  it("passes database errors on with their SQLSTATE, and keeps working after them", async () => {
    await expect(db.query("select 1 / 0")).rejects.toMatchObject({
      message: "division by zero",
      code: "22012",
    });
    await expect(db.query("insert into t values (1)")).rejects.toMatchObject({ code: "23505" });
    expect((await db.query<{ x: number }>("select 1 as x")).rows).toEqual([{ x: 1 }]);
  });

  it("keeps date and time columns as text when Drizzle asks with its parsers", async () => {
    const sql = "select timestamptz '2026-11-22 10:00:00+00' as at";
    const parsed = await db.query<{ at: unknown }>(sql);
    expect(parsed.rows[0]!.at).toBeInstanceOf(Date);
    const text = await db.query<{ at: unknown }>(sql, [], { parsers: { 1184: (v: string) => v } });
    expect(text.rows[0]!.at).toBe("2026-11-22 10:00:00+00");
  });

  it("does not keep an idle process alive, and answers a query asked later", () => {
    const child = spawnSync(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        path.join(import.meta.dirname, "fixtures/idle-exit.ts"),
      ],
      { encoding: "utf8", timeout: 30_000 },
    );
    expect(child.signal).toBeNull(); // not killed by the timeout
    expect(child.status).toBe(0);
    expect(child.stdout.trim()).toBe('[{"x":42}]');
  });

  it("creates a new data directory on a worker of its own, then opens it and keeps what is written", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "cc-pglite-thread-"));
    try {
      const first = await openPgliteThread(dir);
      expect(existsSync(path.join(dir, "PG_VERSION"))).toBe(true);
      await first.exec("create table kept (note text); insert into kept values ('still here')");
      await first.close();

      const again = await openPgliteThread(dir);
      const res = await again.query<{ note: string }>("select note from kept");
      await again.close();
      expect(res.rows).toEqual([{ note: "still here" }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
