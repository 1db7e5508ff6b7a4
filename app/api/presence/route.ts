import { z } from "zod";

import { route } from "@/lib/api/handler";
import { PRESENCE_MAX_USERS, type PresenceResponse } from "@/lib/presence/types";
import { userIdSchema } from "@/lib/records/user-id";
import { getTrtcClient } from "@/lib/trtc/client";
import { takeUpstreamShare } from "@/lib/trtc/upstream-share";

const query = z.object({
  // `users=a,b` or repeated `users=a&users=b` (then an ID may itself hold a comma).
  users: z
    .union([z.string().transform((s) => s.split(",")), z.array(z.string())])
    .transform((list) => [...new Set(list.map((u) => u.trim()).filter(Boolean))])
    .pipe(
      z
        .array(userIdSchema)
        .min(1, "name at least one user ID")
        .max(PRESENCE_MAX_USERS, `at most ${PRESENCE_MAX_USERS} user IDs`),
    ),
});

// GET /api/presence?users=a,b – Chat's current login state per user (query_online_status)
export const GET = route({ access: "support", query }, async ({ query, user }) => {
  takeUpstreamShare(user.id);
  const asOf = new Date().toISOString();
  const result = await getTrtcClient().queryOnlineStatus(query.users);
  return {
    items: result.users.map((u) =>
      u.status === null
        ? { userId: u.userId, status: null, errorCode: u.errorCode }
        : { userId: u.userId, status: u.status },
    ),
    asOf,
    requestIds: result.requestIds,
  } satisfies PresenceResponse;
});
