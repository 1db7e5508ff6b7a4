import { z } from "zod";

import { route } from "@/lib/api/handler";
import { hasRole } from "@/lib/auth/roles";
import { notFoundError } from "@/lib/call-detail/service";
import { callIdSchema } from "@/lib/calls/call-id";
import { defaultQualityDeps } from "@/lib/quality/default-deps";
import { maskClientIp } from "@/lib/quality/mask-ip";
import { getCallQuality } from "@/lib/quality/service";
import { takeUpstreamShare } from "@/lib/trtc/upstream-share";

const params = z.object({ callId: callIdSchema });

// GET /api/calls/:callId/quality – each participant's network, device and media from TRTC's
// monitoring (or the console's archive of it); client addresses are masked below manager.
export const GET = route({ access: "support", params }, async ({ params, user }) => {
  takeUpstreamShare(user.id);
  const outcome = await getCallQuality(params.callId, defaultQualityDeps());
  if (outcome.kind === "not_found") throw notFoundError(outcome.lookup);
  const { report } = outcome;
  if (hasRole(user.role, "manager")) return report;
  return {
    ...report,
    participants: report.participants.map((p) => ({ ...p, clientIp: maskClientIp(p.clientIp) })),
  };
});
