import "server-only";

import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";

import type { PGlite, Results, Transaction } from "@electric-sql/pglite";

// PGlite on a worker thread (lib/db/pglite-worker.mjs), behind the part of PGlite's interface that
// Drizzle uses: query, exec, transaction, close. Every statement runs in the worker, so a long
// write by the record sync or an index build never stalls the event loop that serves pages.
//
// PGlite has one connection. As in PGlite itself, a transaction holds it from BEGIN to COMMIT:
// statements from outside the transaction wait until it ends, statements of the transaction go
// straight through.

type Query = {
  op: "query" | "exec" | "close";
  sql?: string;
  params?: unknown[];
  rowMode?: "array" | "object";
  textTypes?: number[];
};
type Reply = { id: number; result?: unknown; error?: Record<string, unknown> };
type QueryOptions = { rowMode?: "array" | "object"; parsers?: Record<number, unknown> };

const WORKER_FILE = path.join(process.cwd(), "lib/db/pglite-worker.mjs");

/** The subset of PGlite that Drizzle's pglite driver calls. */
export type PgliteLike = Pick<PGlite, "query" | "exec" | "transaction" | "close">;

/** Starts a worker and waits for its first message: the database is open. */
async function started(worker: Worker): Promise<void> {
  // Only our own listeners are removed after it: Worker keeps internal ones that start its
  // message port.
  await new Promise<void>((resolve, reject) => {
    const exited = (code: number) => reject(new Error(`PGlite worker exited (${code}) on start`));
    worker.once("message", () => {
      worker.off("error", reject);
      worker.off("exit", exited);
      resolve();
    });
    worker.once("error", reject);
    worker.once("exit", exited);
  });
}

/**
 * Creates a new data directory on a worker of its own that is then ended. Creating one (initdb)
 * grows PGlite's WebAssembly memory by some 700 MB, and WebAssembly memory never shrinks: a
 * console that kept that worker held about 890 MB for its lifetime after a first start. Ending
 * the worker gives most of it back: about 520 MB, against 390 MB when an existing directory is
 * opened (RSS after opening, measured).
 */
async function createDataDir(dataDir: string): Promise<void> {
  const worker = new Worker(WORKER_FILE, { workerData: { dataDir, createOnly: true } });
  try {
    await started(worker);
  } finally {
    await worker.terminate();
  }
}

export async function openPgliteThread(dataDir?: string): Promise<PgliteLike> {
  if (dataDir && !existsSync(path.join(dataDir, "PG_VERSION"))) await createDataDir(dataDir);
  const worker = new Worker(WORKER_FILE, { workerData: { dataDir } });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failure: Error | null = null;

  await started(worker);
  // Like PGlite in the same thread, an idle database does not keep the process alive: the worker
  // holds the event loop only while a statement is waiting for its answer.
  worker.unref();
  worker.on("message", ({ id, result, error }: Reply) => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    if (!waiting) return;
    if (error) {
      const { message, ...fields } = error;
      waiting.reject(Object.assign(new Error(String(message)), fields));
    } else waiting.resolve(result);
  });
  const fail = (error: Error) => {
    failure ??= error;
    for (const waiting of pending.values()) waiting.reject(failure);
    pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`PGlite worker exited (${code})`)));

  const send = <T>(query: Query): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, ...query });
    });
  };

  // Drizzle passes parsers that keep date and time types as text; functions cannot cross to the
  // worker, so their type OIDs go instead (every parser Drizzle passes returns its input).
  const query = <T>(sql: string, params?: unknown[], options?: QueryOptions) =>
    send<Results<T>>({
      op: "query",
      sql,
      params,
      rowMode: options?.rowMode,
      textTypes: options?.parsers ? Object.keys(options.parsers).map(Number) : undefined,
    });
  const exec = (sql: string) => send<Results[]>({ op: "exec", sql });

  // The connection, handed from one holder to the next in order.
  let turn = Promise.resolve();
  async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const previous = turn;
    let release!: () => void;
    turn = new Promise<void>((r) => (release = r));
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }

  async function transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    return exclusive(async () => {
      await exec("BEGIN");
      let closed = false;
      const open = () => {
        if (closed) throw new Error("Transaction is closed");
      };
      const tx = {
        query: <R>(sql: string, params?: unknown[], options?: QueryOptions) => {
          open();
          return query<R>(sql, params, options);
        },
        exec: (sql: string) => {
          open();
          return exec(sql);
        },
        rollback: async () => {
          open();
          await exec("ROLLBACK");
          closed = true;
        },
        get closed() {
          return closed;
        },
      } as unknown as Transaction;
      try {
        const result = await fn(tx);
        if (!closed) await exec("COMMIT");
        return result;
      } catch (error) {
        if (!closed) await exec("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        closed = true;
      }
    });
  }

  return {
    query: ((sql: string, params?: unknown[], options?: QueryOptions) =>
      exclusive(() => query(sql, params, options))) as PGlite["query"],
    exec: ((sql: string) => exclusive(() => exec(sql))) as PGlite["exec"],
    transaction: transaction as PGlite["transaction"],
    close: async () => {
      await exclusive(() => send({ op: "close" })).catch(() => {});
      await worker.terminate();
    },
  };
}
