import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createRecentUsers, RECENT_USERS_DEFAULTS } from "@/lib/auth/recent-users";
import {
  findSession,
  isSessionLive,
  revokeSession,
  revokeUserSessions,
  startSession,
} from "@/lib/db/sessions";
import { createUser } from "@/lib/db/users";
import { TEST_DATABASES } from "@/test/databases";

// Two console instances over one database, each with its own memory of sessions: a sign-out or a
// role change on one is seen by the other within 5 s.
describe.each(TEST_DATABASES)("session revocation across instances on $name", ({ open }) => {
  let handle: Awaited<ReturnType<typeof open>>;
  let clock = 0;
  const instance = () =>
    createRecentUsers((id) => findSession(handle.db, id), {
      ...RECENT_USERS_DEFAULTS,
      now: () => clock,
    });
  const live = async (read: ReturnType<typeof instance>, id: string) => {
    const found = await read(id);
    return found ? isSessionLive(found.session) : false;
  };

  beforeAll(async () => {
    handle = await open();
  }, 60_000);
  afterAll(async () => {
    await handle?.dispose();
  });

  it("ends a session everywhere within 5 s of sign-out, and all of a user's at a role change", async () => {
    const user = await createUser(handle.db, { email: "two@corp.example", role: "support" });
    const expiresAt = new Date(Date.now() + 3600_000);
    const a = await startSession(handle.db, { userId: user.id, expiresAt });
    const b = await startSession(handle.db, { userId: user.id, expiresAt });
    const first = instance();
    const second = instance();
    expect(await live(second, a.id)).toBe(true);

    // Signed out on the first instance, which forgets at once.
    await revokeSession(handle.db, a.id);
    first.forget(a.id);
    expect(await live(first, a.id)).toBe(false);
    // The second may answer from memory for a moment, never past 5 s.
    clock += RECENT_USERS_DEFAULTS.maxAgeMs;
    expect(await live(second, a.id)).toBe(false);

    expect(await live(second, b.id)).toBe(true);
    expect(await revokeUserSessions(handle.db, user.id)).toEqual([b.id]);
    clock += RECENT_USERS_DEFAULTS.maxAgeMs;
    expect(await live(second, b.id)).toBe(false);
  });
});
