import "server-only";

import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";

import type { PGlite, Results, Transaction } from "@electric-sql/pglite";

// A worker thread keeps long writes off the event loop; a transaction holds the one connection.

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

export type PgliteLike = Pick<PGlite, "query" | "exec" | "transaction" | "close">;

async function started(worker: Worker): Promise<void> {
  // Remove only our own listeners: Worker keeps internal ones that start its message port.
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

/** initdb grows WebAssembly memory, which never shrinks, so it runs on a worker that is then ended. */
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
  // Like in-thread PGlite, an idle database does not keep the process alive.
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

  // Functions cannot cross to the worker, so Drizzle's parsers (all identity) go as type OIDs.
  const query = <T>(sql: string, params?: unknown[], options?: QueryOptions) =>
    send<Results<T>>({
      op: "query",
      sql,
      params,
      rowMode: options?.rowMode,
      textTypes: options?.parsers ? Object.keys(options.parsers).map(Number) : undefined,
    });
  const exec = (sql: string) => send<Results[]>({ op: "exec", sql });

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
    exec: (sql: string) => exclusive(() => exec(sql)),
    transaction: transaction,
    close: async () => {
      await exclusive(() => send({ op: "close" })).catch(() => {});
      await worker.terminate();
    },
  };
}
