import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as lockouts from "@/app/api/admin/lockouts/route";
import * as password from "@/app/api/admin/users/[userId]/password/route";
import * as account from "@/app/api/admin/users/[userId]/route";
import * as staff from "@/app/api/admin/users/route";
import { signInWithPassword } from "@/lib/auth/credentials";
import { verifyPassword } from "@/lib/auth/password";
import { listAudit } from "@/lib/db/audit";
import { getDb } from "@/lib/db/client";
import { findSession, startSession } from "@/lib/db/sessions";
import { findUserByEmail } from "@/lib/db/users";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

// The Staff page's API against the app's database on both drivers, signed in as the browser is.
const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });
const json = (method: string, body: unknown) => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
type Envelope = { error: { code: string; message: string; details?: { issues?: unknown[] } } };

describe.each(APP_DATABASES)("staff management API on $name", ({ open }) => {
  let app: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    app = await open();
  }, 60_000);
  afterAll(async () => {
    await app.dispose();
  });

  it("adds, changes, resets and removes an account with the CLI's rules and audit", async () => {
    const add = await staff.POST(
      await requestAs(
        "admin",
        "/api/admin/users",
        json("POST", { email: " Ana@Corp.Example ", role: "manager", name: "Ana" }),
      ),
    );
    expect(add.status).toBe(201);
    const added = (await add.json()) as { user: { id: string; email: string }; password: string };
    expect(added.user.email).toBe("ana@corp.example");
    expect(added.password).toMatch(/^[A-Za-z0-9]{20}$/);

    const db = await getDb();
    const signedIn = await signInWithPassword(
      db,
      { email: "ana@corp.example", password: added.password },
      "10.0.0.1",
    );
    expect(signedIn.ok).toBe(true);
    const session = await startSession(db, {
      userId: added.user.id,
      expiresAt: new Date(Date.now() + 3600_000),
    });

    const id = added.user.id;
    const role = await account.PATCH(
      await requestAs("admin", `/api/admin/users/${id}`, json("PATCH", { role: "support" })),
      params({ userId: id }),
    );
    expect(await role.json()).toMatchObject({ from: "manager", to: "support" });
    // The role change ended Ana's session.
    expect((await findSession(db, session.id))!.session.revokedAt).not.toBeNull();

    const reset = await password.POST(
      await requestAs(
        "admin",
        `/api/admin/users/${id}/password`,
        json("POST", { password: "chosen-password-1" }),
      ),
      params({ userId: id }),
    );
    expect(await reset.json()).toEqual({ email: "ana@corp.example", password: null });
    const row = await findUserByEmail(db, "ana@corp.example");
    expect(await verifyPassword("chosen-password-1", row!.passwordHash!)).toBe(true);

    const removed = await account.DELETE(
      await requestAs("admin", `/api/admin/users/${id}`, {
        method: "DELETE",
      }),
      params({ userId: id }),
    );
    expect(removed.status).toBe(200);
    expect(await findUserByEmail(db, "ana@corp.example")).toBeUndefined();

    const actions = (await listAudit(db, 50))
      .filter((a) => a.target === "ana@corp.example")
      .map((a) => [a.actor, a.action]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ["admin@example.com", "user.add"],
        ["admin@example.com", "user.set_role"],
        ["admin@example.com", "user.set_password"],
        ["admin@example.com", "user.remove"],
      ]),
    );
  });

  it("names the field of bad input, refuses duplicates, others' roles and cross-site posts", async () => {
    const bad = await staff.POST(
      await requestAs(
        "admin",
        "/api/admin/users",
        json("POST", { email: "nope", role: "boss", password: "short" }),
      ),
    );
    expect(bad.status).toBe(422);
    const fields = ((await bad.json()) as Envelope).error.details!.issues!.map(
      (i) => (i as { field: string }).field,
    );
    expect(fields.sort()).toEqual(["email", "password", "role"]);

    const dup = await staff.POST(
      await requestAs(
        "admin",
        "/api/admin/users",
        json("POST", { email: "admin@example.com", role: "support" }),
      ),
    );
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as Envelope).error.message).toContain("email:");

    const asManager = await staff.POST(
      await requestAs(
        "manager",
        "/api/admin/users",
        json("POST", { email: "x@corp.example", role: "support" }),
      ),
    );
    expect(asManager.status).toBe(403);

    const crossSite = await staff.POST(
      await requestAs("admin", "/api/admin/users", {
        ...json("POST", { email: "x@corp.example", role: "support" }),
        headers: { "content-type": "application/json", origin: "https://evil.example" },
      }),
    );
    expect(crossSite.status).toBe(403);

    // An admin cannot remove or demote themselves (someone must be left to manage staff).
    const me = (await findUserByEmail(await getDb(), "admin@example.com"))!;
    const self = await account.DELETE(
      await requestAs("admin", `/api/admin/users/${me.id}`, { method: "DELETE" }),
      params({ userId: me.id }),
    );
    expect(self.status).toBe(409);
  });

  it("lists lockouts and lets an admin clear one, audited", async () => {
    const db = await getDb();
    for (let i = 0; i < 5; i++)
      await signInWithPassword(
        db,
        { email: "support@example.com", password: "wrong" },
        "198.51.100.9",
      );
    const listed = (await (
      await lockouts.GET(await requestAs("admin", "/api/admin/lockouts"))
    ).json()) as {
      items: { bucket: string; email: string; address: string }[];
    };
    const lock = listed.items.find((l) => l.email === "support@example.com")!;
    expect(lock).toMatchObject({ address: "198.51.100.9" });

    const cleared = await lockouts.DELETE(
      await requestAs("admin", `/api/admin/lockouts?bucket=${encodeURIComponent(lock.bucket)}`, {
        method: "DELETE",
      }),
    );
    expect(cleared.status).toBe(200);
    const after = (await (
      await lockouts.GET(await requestAs("admin", "/api/admin/lockouts"))
    ).json()) as {
      items: unknown[];
    };
    expect(after.items).toEqual([]);
    expect((await listAudit(db, 1))[0]).toMatchObject({
      actor: "admin@example.com",
      action: "auth.lockout_cleared",
      details: { email: "support@example.com", address: "198.51.100.9" },
    });
  });

  it("refuses control characters in a name or a lockout bucket with 422, not a database 500", async () => {
    const named = await staff.POST(
      await requestAs(
        "admin",
        "/api/admin/users",
        json("POST", { email: "nul@example.com", name: "a\u0000b", role: "support" }),
      ),
    );
    expect(named.status).toBe(422);
    expect(((await named.json()) as Envelope).error.details!.issues).toEqual([
      expect.objectContaining({ field: "name" }),
    ]);
    const cleared = await lockouts.DELETE(
      await requestAs("admin", `/api/admin/lockouts?bucket=${encodeURIComponent("a\u0000b")}`, {
        method: "DELETE",
      }),
    );
    expect(cleared.status).toBe(422);
  });
});
