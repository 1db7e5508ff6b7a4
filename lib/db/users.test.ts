import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  createUser,
  deleteUser,
  findUserByEmail,
  listUsers,
  setUserRole,
  upsertOidcUser,
  UserExistsError,
} from "@/lib/db/users";
import { TEST_DATABASES } from "@/test/databases";

describe.each(TEST_DATABASES)("users on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("creates, finds case-insensitively, refuses duplicates and lists without hashes", async () => {
    await createUser(handle.db, {
      email: " Ann@Corp.Example ",
      role: "manager",
      name: "Ann",
      passwordHash: "x",
    });
    expect((await findUserByEmail(handle.db, "ANN@corp.example"))?.role).toBe("manager");
    await expect(
      createUser(handle.db, { email: "ann@corp.example", role: "admin" }),
    ).rejects.toBeInstanceOf(UserExistsError);
    const listed = await listUsers(handle.db);
    expect(listed.map((u) => u.email)).toContain("ann@corp.example");
    expect(listed[0]).not.toHaveProperty("passwordHash");
    expect(listed.find((u) => u.email === "ann@corp.example")?.hasPassword).toBe(true);
  });

  it("changes roles and removes users, reporting unknown e-mails", async () => {
    expect(await setUserRole(handle.db, "ann@corp.example", "admin")).toBe(true);
    expect((await findUserByEmail(handle.db, "ann@corp.example"))?.role).toBe("admin");
    expect(await setUserRole(handle.db, "nobody@corp.example", "admin")).toBe(false);
    expect(await deleteUser(handle.db, "ann@corp.example")).toBe(true);
    expect(await deleteUser(handle.db, "ann@corp.example")).toBe(false);
  });

  it("the database itself rejects an unknown role", async () => {
    await expect(
      // @ts-expect-error: deliberately not a role
      createUser(handle.db, { email: "bad@corp.example", role: "root" }),
    ).rejects.toThrow();
  });

  it("SSO sign-ins follow the identity provider's role", async () => {
    const first = await upsertOidcUser(handle.db, {
      email: "dana@corp.example",
      name: "Dana",
      role: "support",
    });
    expect(first.lastSignInAt).not.toBeNull();
    const again = await upsertOidcUser(handle.db, {
      email: "dana@corp.example",
      name: null,
      role: "manager",
    });
    expect(again).toMatchObject({ role: "manager", name: "Dana", source: "oidc" });
  });
});
