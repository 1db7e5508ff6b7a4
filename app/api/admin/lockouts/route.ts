import { z } from "zod";

import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { clearBucket, listLockouts } from "@/lib/db/throttle";

// The database refuses NUL, and no bucket the console makes holds a control character.
const clearQuery = z.object({
  bucket: z
    .string()
    .min(1)
    .max(1200)
    .refine((s) => !/\p{Cc}/u.test(s), "must not contain control characters"),
});

// GET /api/admin/lockouts – sign-in lockouts in force (an account from one client, or an address)
export const GET = route({ access: "admin" }, async () => {
  const rows = await listLockouts(await getDb());
  return {
    items: rows.map((r) => ({
      bucket: r.bucket,
      kind: r.kind,
      email: r.email,
      address: r.address,
      attempts: r.attempts,
      lockedUntil: new Date(r.lockedUntil!).toISOString(),
    })),
  };
});

// DELETE /api/admin/lockouts?bucket=… – lift a lockout now (audited)
export const DELETE = route(
  { access: "admin", query: clearQuery },
  async ({ query }) => {
    const cleared = await clearBucket(await getDb(), query.bucket);
    if (!cleared) throw new ApiError({ code: "not_found", message: "No such lockout." });
    return {
      cleared: {
        bucket: cleared.bucket,
        kind: cleared.kind,
        email: cleared.email,
        address: cleared.address,
      },
    };
  },
  {
    audit: {
      action: "auth.lockout_cleared",
      details: (result) => result.cleared,
    },
  },
);
