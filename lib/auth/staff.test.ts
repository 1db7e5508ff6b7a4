import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  addStaff,
  changeStaffRole,
  choosePassword,
  removeStaff,
  StaffError,
} from "@/lib/auth/staff";
import { findUserByEmail } from "@/lib/db/users";
import { TEST_DATABASES } from "@/test/databases";

// The rules `npm run users` and the Staff page share.
describe("staff rules", () => {
  let handle: Awaited<ReturnType<(typeof TEST_DATABASES)[number]["open"]>>;
  const by = { actor: "cli" };
  beforeAll(async () => {
    handle = await TEST_DATABASES[0]!.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("keeps at least one admin, and names missing and duplicate accounts", async () => {
    const db = handle.db;
    await addStaff(
      db,
      { email: "root@corp.example", role: "admin", password: choosePassword() },
      by,
    );
    const refused = (p: Promise<unknown>) => expect(p).rejects.toBeInstanceOf(StaffError);
    await refused(removeStaff(db, "root@corp.example", by));
    await refused(changeStaffRole(db, "root@corp.example", "manager", by));
    await refused(removeStaff(db, "ghost@corp.example", by));
    await refused(
      addStaff(db, { email: "ROOT@corp.example", role: "support", password: choosePassword() }, by),
    );

    await addStaff(
      db,
      { email: "two@corp.example", role: "admin", password: choosePassword("pw-123456") },
      by,
    );
    await changeStaffRole(db, "root@corp.example", "support", by);
    await removeStaff(db, "root@corp.example", by);
    expect(await findUserByEmail(db, "root@corp.example")).toBeUndefined();
    await expect(removeStaff(db, "two@corp.example", by)).rejects.toMatchObject({
      problem: "last_admin",
    });
  });
});
