import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Role } from "@/lib/auth/roles";
import { closeDb, getDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";

import { createSyncRoutes } from "./api";

// GET/POST /api/sync through the real wrapper, on the process database (PGlite in a temp dir).

let dir: string;
let role: Role = "support";
const routes = createSyncRoutes({
  getUser: async () => ({ id: "u", email: "x@corp.example", name: null, role }),
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cc-sync-api-"));
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  resetEnvForTests();
  // Open the database (and run the migrations) here, under the hook timeout, not in the first test.
  await getDb();
});
afterAll(async () => {
  await closeDb();
  await rm(dir, { recursive: true, force: true });
});

const post = () =>
  routes.POST(
    new NextRequest("http://console.test/api/sync", {
      method: "POST",
      headers: {
        host: "console.test",
        origin: "http://console.test",
        "sec-fetch-site": "same-origin",
      },
    }),
  );

describe("/api/sync", () => {
  it("shows the status to support staff", async () => {
    role = "support";
    const res = await routes.GET(new NextRequest("http://console.test/api/sync"));
    expect(res.status).toBe(200);
    const { sync } = (await res.json()) as { sync: Record<string, unknown> };
    expect(sync).toMatchObject({
      state: "never",
      lastSuccessAt: null,
      records: null,
      requested: false,
      intervalSeconds: 60,
      retentionDays: 90,
    });
  });

  it("lets only admins ask for a sync now, and records the request", async () => {
    role = "support";
    expect((await post()).status).toBe(403);
    role = "admin";
    const res = await post();
    expect(res.status).toBe(202);
    expect(((await res.json()) as { sync: { requested: boolean } }).sync.requested).toBe(true);
  });
});
