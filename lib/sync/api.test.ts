import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GET, POST } from "@/app/api/sync/route";
import type { Role } from "@/lib/auth/roles";
import { listAudit } from "@/lib/db/audit";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

// GET/POST /api/sync, on the app's database (PGlite in a temp dir).

let app: Awaited<ReturnType<(typeof APP_DATABASES)[number]["open"]>>;
beforeAll(async () => {
  app = await APP_DATABASES[0]!.open();
});
afterAll(async () => {
  await app.dispose();
});

const post = async (role: Role) =>
  POST(
    await requestAs(role, "/api/sync", {
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
    const res = await GET(await requestAs("support", "/api/sync"));
    expect(res.status).toBe(200);
    const { sync } = (await res.json()) as { sync: Record<string, unknown> };
    expect(sync).toMatchObject({
      state: "never",
      lastSuccessAt: null,
      records: null,
      requested: false,
      activity: "idle",
      lastPass: null,
      intervalSeconds: 60,
      retentionDays: 90,
    });
  });

  it("lets only admins ask for a sync now, and records the request", async () => {
    expect((await post("support")).status).toBe(403);
    const res = await post("admin");
    expect(res.status).toBe(202);
    expect(((await res.json()) as { sync: Record<string, unknown> }).sync).toMatchObject({
      requested: true,
      activity: "queued",
    });
    expect((await listAudit(app.db, 1))[0]).toMatchObject({
      actor: "admin@example.com",
      action: "sync.request",
    });
  });
});
