import "server-only";

import { mkdir } from "node:fs/promises";
import path from "node:path";

import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { Pool } from "pg";

import * as eventsSchema from "@/lib/db/events-schema";
import { openPgliteThread, type PgliteLike } from "@/lib/db/pglite-thread";
import * as qualitySchema from "@/lib/db/quality-schema";
import * as recordsSchema from "@/lib/db/records-schema";
import * as baseSchema from "@/lib/db/schema";
import { getEnv } from "@/lib/env";

const schema = { ...baseSchema, ...recordsSchema, ...eventsSchema, ...qualitySchema };

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbHandle = {
  db: Db;
  driver: "pglite" | "pg";
  close: () => Promise<void>;
};

export type OpenOptions =
  | { databaseUrl: string }
  | { dataDir: string }
  /** In-memory PGlite, for tests. */
  | { memory: true };

const MIGRATIONS_FOLDER = path.join(process.cwd(), "lib/db/migrations");
// Any fixed number: serialises migrations when several instances start against one PostgreSQL.
const MIGRATION_LOCK_KEY = 7_310_442_001;

export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  if ("databaseUrl" in options) {
    const pool = new Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    const lockClient = await pool.connect();
    try {
      await lockClient.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      await migratePg(drizzlePg({ client: lockClient, schema }), {
        migrationsFolder: MIGRATIONS_FOLDER,
      });
    } finally {
      await lockClient.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
      lockClient.release();
    }
    return { db, driver: "pg", close: () => pool.end() };
  }

  let client: PgliteLike;
  if ("dataDir" in options) {
    const dir = path.resolve(options.dataDir, "pglite");
    await mkdir(dir, { recursive: true });
    client = await openPgliteThread(dir);
  } else {
    client = await openPgliteThread();
  }
  const db = drizzlePglite({ client: client as PGlite, schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db: db as unknown as Db, driver: "pglite", close: () => client.close() };
}

// On globalThis: Next.js may load this module twice, and PGlite needs one owner of its directory.
const GLOBAL_KEY = Symbol.for("call-console.db");
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  const g = globalThis as GlobalWithDb;
  if (!g[GLOBAL_KEY]) {
    const { DATABASE_URL, DATA_DIR } = getEnv();
    const opening = openDatabase(
      DATABASE_URL ? { databaseUrl: DATABASE_URL } : { dataDir: DATA_DIR },
    );
    // A failed open must not be cached: the next call tries again.
    opening.catch(() => {
      if (g[GLOBAL_KEY] === opening) delete g[GLOBAL_KEY];
    });
    g[GLOBAL_KEY] = opening;
  }
  return g[GLOBAL_KEY];
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const handle = g[GLOBAL_KEY];
  delete g[GLOBAL_KEY];
  if (handle) await (await handle).close();
}

export async function pingDb(): Promise<boolean> {
  try {
    await (await getDb()).execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
