import { z } from "zod";

import { route } from "@/lib/api/handler";
import { endLiveCall } from "@/lib/call-detail/service";
import { callIdSchema } from "@/lib/calls/call-id";

const params = z.object({ callId: callIdSchema });

// POST /api/calls/:callId/end – end a live call (v4 end_call); admins only, audited
export const POST = route(
  { access: "admin", params },
  async ({ params }) => endLiveCall(params.callId),
  {
    audit: {
      action: "call.end",
      target: (p) => p.callId,
      details: (result) => ({ confirmed: result.confirmed, requestId: result.requestId }),
    },
  },
);
