import type { NextRequest } from "next/server";
import { ZodError } from "zod";

import { ApiError, fromZodError } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { clientAddress, proxyTrustOf } from "@/lib/auth/client-address";
import type { SessionUser } from "@/lib/auth/session-cookie";
import type { Generation } from "@/lib/calls/types";
import { writeAudit } from "@/lib/db/audit";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import {
  consoleReceiverUrl,
  failureOfChanges,
  pointCallbacksAt,
  readCallbackSetup,
  removeCallbacks,
} from "@/lib/events/callback-admin";
import {
  callbackGenerationsBodySchema,
  callbackGenerationsQuerySchema,
  maskReceiverUrl,
  type CallbackChange,
} from "@/lib/events/callback-config";
import { getTrtcClient } from "@/lib/trtc/client";

type ChangeAnswer = { receiverUrl: string; results: CallbackChange[] };

// GET /api/admin/callbacks – Tencent's callback configuration per generation, and what arrived (admin)
export const GET = route({ access: "admin" }, async () => {
  const db = await getDb();
  return readCallbackSetup(getTrtcClient(), db, await consoleReceiverUrl(db, getEnv()));
});

// PUT /api/admin/callbacks {generations} – points Tencent at this console (admin, audited)
export const PUT = route(
  { access: "admin", body: callbackGenerationsBodySchema },
  async ({ body, user, req }) => {
    const receiverUrl = await consoleReceiverUrl(await getDb(), getEnv());
    const results = await pointCallbacksAt(getTrtcClient(), body.generations, receiverUrl);
    return settle("callbacks.point", { receiverUrl, results }, user, req);
  },
  { audit: { action: "callbacks.point", details: auditDetails } },
);

// DELETE /api/admin/callbacks {generations} or ?generations=v4,v1 – removes it (admin, audited)
export const DELETE = route(
  { access: "admin", query: callbackGenerationsQuerySchema },
  async ({ query, user, req }) => {
    const generations = (await generationsFromBody(req)) ?? query.generations;
    if (!generations) {
      throw new ApiError({
        code: "unprocessable_entity",
        message: "generations: name at least one generation",
        details: {
          in: "body",
          issues: [{ field: "generations", message: "name at least one generation" }],
        },
      });
    }
    const receiverUrl = await consoleReceiverUrl(await getDb(), getEnv());
    const results = await removeCallbacks(getTrtcClient(), generations);
    return settle("callbacks.remove", { receiverUrl, results }, user, req);
  },
  { audit: { action: "callbacks.remove", details: auditDetails } },
);

function auditDetails(answer: ChangeAnswer): Record<string, unknown> {
  // The token is a secret: the audit log keeps the URL masked.
  return {
    receiverUrl: maskReceiverUrl(answer.receiverUrl),
    results: answer.results.map((r) => ({
      generation: r.generation,
      ok: r.ok,
      requestId: r.requestId,
      ...(r.error ? { code: r.error.code } : {}),
    })),
  };
}

/** A partly applied change is still audited (route() audits only answers that succeed). */
async function settle(
  action: string,
  answer: ChangeAnswer,
  user: SessionUser,
  req: NextRequest,
): Promise<ChangeAnswer> {
  const failure = failureOfChanges(answer.results);
  if (!failure) return answer;
  if (answer.results.some((r) => r.ok)) {
    await writeAudit(await getDb(), {
      actor: user.email,
      action,
      address: clientAddress(req.headers, proxyTrustOf(getEnv())),
      details: auditDetails(answer),
    });
  }
  throw failure;
}

async function generationsFromBody(req: NextRequest): Promise<Generation[] | undefined> {
  const text = await req.text();
  if (text.trim() === "") return undefined;
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) {
    throw new ApiError({ code: "bad_request", message: "Send the body as application/json." });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError({ code: "bad_request", message: "The request body is not valid JSON." });
  }
  try {
    return callbackGenerationsBodySchema.parse(value).generations;
  } catch (error) {
    if (error instanceof ZodError) throw fromZodError(error, "body");
    throw error;
  }
}
