import { randomBytes } from "node:crypto";

import { Client } from "pg";

import { openDatabase, type DbHandle } from "@/lib/db/client";
import { testDatabaseUrl } from "@/test/database-url";

// The data layer is tested on both drivers: PGlite in memory, and a throw-away database on the
// PostgreSQL server at TEST_DATABASE_URL (test/global-setup.ts starts one where none answers).
export const ADMIN_URL = testDatabaseUrl();

export type TestDatabase = {
  name: "pglite" | "postgres";
  open: () => Promise<DbHandle & { dispose: () => Promise<void> }>;
};

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test database once its connections have gone. The pool's end can resolve a moment
 * before the server has seen every socket close; dropping "with (force)" then would terminate a
 * connection still closing, and its client would throw that as an uncaught error into the run.
 */
async function dropWhenClosed(dbName: string): Promise<void> {
  await withAdmin(async (c) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        await c.query(`drop database if exists ${dbName}`);
        return;
      } catch (error) {
        // 55006: object_in_use, i.e. a connection is still open.
        if ((error as { code?: string }).code !== "55006") throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await c.query(`drop database if exists ${dbName} with (force)`);
  });
}

export const TEST_DATABASES: TestDatabase[] = [
  {
    name: "pglite",
    open: async () => {
      const handle = await openDatabase({ memory: true });
      return { ...handle, dispose: handle.close };
    },
  },
  {
    name: "postgres",
    open: async () => {
      const dbName = `cc_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
      await withAdmin((c) => c.query(`create database ${dbName}`));
      const url = new URL(ADMIN_URL);
      url.pathname = `/${dbName}`;
      const handle = await openDatabase({ databaseUrl: url.toString() });
      return {
        ...handle,
        dispose: async () => {
          await handle.close();
          await dropWhenClosed(dbName);
        },
      };
    },
  },
];
