import "server-only";

import { eq } from "drizzle-orm";

import { generatePassword, hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { createUser, findUserByEmail, setUserPassword } from "@/lib/db/users";
import { log } from "@/lib/log";

export const DEMO_ACCOUNTS: { email: string; role: Role; name: string }[] = [
  { email: "support@example.com", role: "support", name: "Demo Support" },
  { email: "manager@example.com", role: "manager", name: "Demo Manager" },
  { email: "admin@example.com", role: "admin", name: "Demo Admin" },
];

// With a real Tencent app the demo accounts are deleted, so no known login outlives a demo.
export async function syncDemoAccounts(
  db: Db,
  options: { embedded: boolean; password: string | undefined },
): Promise<void> {
  if (!options.embedded) {
    const removed = await db
      .delete(users)
      .where(eq(users.isDemo, true))
      .returning({ email: users.email });
    if (removed.length > 0)
      log.info({ count: removed.length }, "removed demo accounts (a Tencent app is configured)");
    return;
  }
  const password = options.password;
  if (!password) {
    log.warn(
      "DEMO_PASSWORD is not set: start the console with `npm start`, which generates and prints one",
    );
  }
  for (const account of DEMO_ACCOUNTS) {
    const existing = await findUserByEmail(db, account.email);
    if (existing && !existing.isDemo) continue;
    if (!existing) {
      const hash = await hashPassword(password ?? generatePassword());
      await createUser(db, { ...account, passwordHash: hash, isDemo: true }).catch(() => {
        // Another instance created it at the same moment; nothing to do.
      });
    } else if (
      password &&
      !(existing.passwordHash && (await verifyPassword(password, existing.passwordHash)))
    ) {
      await setUserPassword(db, account.email, await hashPassword(password));
    }
  }
}
