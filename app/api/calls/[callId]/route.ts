import { z } from "zod";

import { route } from "@/lib/api/handler";
import { getCallLookup, notFoundError } from "@/lib/call-detail/service";
import { callIdSchema } from "@/lib/calls/call-id";
import { takeUpstreamShare } from "@/lib/trtc/upstream-share";

const params = z.object({ callId: callIdSchema });

// GET /api/calls/:callId – record and live status of one call, with per-part upstream errors
export const GET = route({ access: "support", params }, async ({ params, user }) => {
  takeUpstreamShare(user.id);
  const outcome = await getCallLookup(params.callId);
  if (outcome.kind === "not_found") throw notFoundError(outcome);
  return outcome.detail;
});
