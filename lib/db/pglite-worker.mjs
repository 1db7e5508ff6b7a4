// The PGlite database on its own thread (see lib/db/pglite-thread.ts). PGlite runs PostgreSQL in
// WebAssembly, and a statement blocks the thread it runs on: here that is this worker, so the
// console's event loop keeps serving pages and fetching from Tencent while the database works.
// Plain JavaScript, loaded by Node as it is, with no build step in between.
import { parentPort, workerData } from "node:worker_threads";

import { PGlite } from "@electric-sql/pglite";

const db = await PGlite.create(workerData.dataDir ?? undefined);
// Asked only to create the data directory (see createDataDir in pglite-thread.ts): it is closed
// cleanly here, and the caller ends this thread on the "ready" below.
if (workerData.createOnly) await db.close();

/** Columns of these types come back as PostgreSQL's text, as Drizzle asks with its parsers. */
const asText = (oids) =>
  oids ? Object.fromEntries(oids.map((oid) => [oid, (value) => value])) : undefined;

/** What a caller may read off a database error, as plain data (Errors lose fields when cloned). */
function errorData(error) {
  const data = { message: String(error?.message ?? error), name: error?.name ?? "Error" };
  if (error && typeof error === "object") {
    for (const [key, value] of Object.entries(error)) {
      if (value === null || ["string", "number", "boolean"].includes(typeof value))
        data[key] = value;
    }
  }
  return data;
}

parentPort.on("message", async ({ id, op, sql, params, rowMode, textTypes }) => {
  try {
    let result = null;
    if (op === "query") {
      result = await db.query(sql, params, { rowMode, parsers: asText(textTypes) });
    } else if (op === "exec") {
      result = await db.exec(sql);
    } else if (op === "close") {
      await db.close();
    } else {
      throw new Error(`unknown operation ${op}`);
    }
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: errorData(error) });
  }
});

parentPort.postMessage({ ready: true });
