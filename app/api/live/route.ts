import { route } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { listLiveCalls } from "@/lib/events/live";

// GET /api/live – every call in progress, from Tencent's callbacks
export const GET = route({ access: "support" }, async () => listLiveCalls(await getDb()));
