import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { verifyPassword } from "@/lib/auth/password";
import { createUser, findUserByEmail } from "@/lib/db/users";
import { TEST_DATABASES } from "@/test/databases";

import { syncDemoAccounts } from "./demo";

describe.each(TEST_DATABASES)("demo accounts on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("exist only in embedded mode and follow DEMO_PASSWORD", async () => {
    await createUser(handle.db, { email: "dana@corp.example", role: "support" });
    await syncDemoAccounts(handle.db, { embedded: true, password: "first-password" });
    const admin = await findUserByEmail(handle.db, "admin@example.com");
    expect(admin?.role).toBe("admin");
    expect(await verifyPassword("first-password", admin!.passwordHash!)).toBe(true);

    await syncDemoAccounts(handle.db, { embedded: true, password: "second-password" });
    const changed = await findUserByEmail(handle.db, "admin@example.com");
    expect(await verifyPassword("second-password", changed!.passwordHash!)).toBe(true);

    await syncDemoAccounts(handle.db, { embedded: false, password: undefined });
    expect(await findUserByEmail(handle.db, "support@example.com")).toBeUndefined();
    expect(await findUserByEmail(handle.db, "dana@corp.example")).toBeDefined();
  });
});
