import { z } from "zod";

import { route } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { searchUsers } from "@/lib/search/user-search";
import { USER_SEARCH_MAX_LENGTH, type UserSearchResponse } from "@/lib/search/user-search-types";

const query = z.object({
  q: z
    .string({ error: "is required" })
    .trim()
    .min(1, "must not be empty")
    .max(USER_SEARCH_MAX_LENGTH, `must be at most ${USER_SEARCH_MAX_LENGTH} characters`)
    .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), "must not contain control or invisible characters"),
});

// GET /api/search/users?q= – user IDs in the record index matching a partial ID (support)
export const GET = route(
  { access: "support", query },
  async ({ query }): Promise<UserSearchResponse> => ({
    items: await searchUsers(await getDb(), query.q),
  }),
);
