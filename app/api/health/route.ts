import { route } from "@/lib/api/handler";
import { collectHealth } from "@/lib/api/health";
import { jsonResponse } from "@/lib/api/json-response";

// GET /api/health – readiness, no session needed, nothing sensitive in it
export const GET = route({ access: "public" }, async () => {
  const { health, httpStatus } = await collectHealth();
  return jsonResponse(health, { status: httpStatus });
});
