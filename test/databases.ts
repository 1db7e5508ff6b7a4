import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { Client } from "pg";

import { closeDb, getDbHandle, openDatabase, type DbHandle } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
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
      const { url, drop } = await createPostgresDatabase();
      const handle = await openDatabase({ databaseUrl: url });
      return {
        ...handle,
        dispose: async () => {
          await handle.close();
          await drop();
        },
      };
    },
  },
];

export async function createPostgresDatabase(): Promise<{
  url: string;
  drop: () => Promise<void>;
}> {
  const dbName = `cc_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  await withAdmin((c) => c.query(`create database ${dbName}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  return { url: url.toString(), drop: () => dropWhenClosed(dbName) };
}

/** Points the app's own database (getDb) at a throw-away one, as the environment would. */
async function openAsAppDatabase(
  env: { DATABASE_URL?: string; DATA_DIR?: string },
  cleanUp: () => Promise<void>,
) {
  await closeDb();
  if (env.DATA_DIR) process.env.DATA_DIR = env.DATA_DIR;
  if (env.DATABASE_URL) process.env.DATABASE_URL = env.DATABASE_URL;
  else delete process.env.DATABASE_URL;
  resetEnvForTests();
  const handle = await getDbHandle();
  return {
    ...handle,
    dispose: async () => {
      await closeDb();
      await cleanUp();
    },
  };
}

/** The same two databases as the app's own, for tests that call route modules. */
export const APP_DATABASES: TestDatabase[] = [
  {
    name: "pglite",
    open: async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "cc-app-db-"));
      return openAsAppDatabase({ DATA_DIR: dir }, () => rm(dir, { recursive: true, force: true }));
    },
  },
  {
    name: "postgres",
    open: async () => {
      const { url, drop } = await createPostgresDatabase();
      return openAsAppDatabase({ DATABASE_URL: url }, drop);
    },
  },
];
