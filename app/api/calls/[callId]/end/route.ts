import { z } from "zod";

import { route } from "@/lib/api/handler";
import { callIdSchema } from "@/lib/calls/call-id";
import { endLiveCall } from "@/lib/call-detail/service";
import { writeAudit } from "@/lib/db/audit";
import { getDb } from "@/lib/db/client";
import { clientAddress } from "@/lib/auth/client-address";
import { log } from "@/lib/log";

const params = z.object({ callId: callIdSchema });

// POST /api/calls/:callId/end – end a live call (v4 end_call); admins only, audited
export const POST = route({ access: "admin", params }, async ({ params, user, req, requestId }) => {
  const result = await endLiveCall(params.callId);
  log.info(
    { requestId, callId: params.callId, actor: user.email, upstreamRequestId: result.requestId },
    "call ended by admin",
  );
  await writeAudit(await getDb(), {
    actor: user.email,
    action: "call.end",
    target: params.callId,
    address: clientAddress(req.headers),
    details: { confirmed: result.confirmed, requestId: result.requestId },
  });
  return result;
});
