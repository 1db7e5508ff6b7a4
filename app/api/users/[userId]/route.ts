import { z } from "zod";

import { route } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { decodeSegment, userIdSchema } from "@/lib/records/user-id";
import { getUserSummary } from "@/lib/records/user-summary";

const params = z.object({ userId: z.string().transform(decodeSegment).pipe(userIdSchema) });

// GET /api/users/:userId – one user's call history summary from the record index (support)
export const GET = route({ access: "support", params }, async ({ params }) => ({
  summary: await getUserSummary(await getDb(), params.userId),
}));
