import "server-only";

import { z } from "zod";

import { parsePayload } from "./parse";
import { v4OnlineStatusSchema } from "./schemas";
import type { Transport } from "./transport";

export const V4_QUERY_ONLINE_STATUS = "/v4/openim/query_online_status";
/** Chat's documented maximum of accounts per request; larger lists are sent in batches. */
export const ONLINE_STATUS_BATCH = 500;

/** `Online` (connected), `PushOnline` (app in background, reachable by push), `Offline`. */
export type OnlineStatus = "Online" | "PushOnline" | "Offline" | (string & {});

export type UserPresence =
  | { userId: string; status: OnlineStatus }
  /**
   * Chat refused this one account (e.g. 70107: never imported into Chat), or, with `null`, left
   * it out of its answer.
   */
  | { userId: string; status: null; errorCode: number | null };

export type PresenceResult = {
  users: UserPresence[];
  requestIds: string[];
};

const userIds = z.array(z.string().trim().min(1, "must not be empty")).min(1, "needs a user ID");
/** Chat's UserID limit: a longer ID cannot be an account, so it is not sent. */
const MAX_USER_ID_BYTES = 32;

/** Everyone's presence now, in the order asked; one failed batch fails the whole answer. */
export async function queryOnlineStatus(
  transport: Transport,
  input: string[],
): Promise<PresenceResult> {
  const asked = [...new Set(userIds.parse(input))];
  const sendable = asked.filter((id) => Buffer.byteLength(id, "utf8") <= MAX_USER_ID_BYTES);
  const batches: string[][] = [];
  for (let i = 0; i < sendable.length; i += ONLINE_STATUS_BATCH) {
    batches.push(sendable.slice(i, i + ONLINE_STATUS_BATCH));
  }
  const answers = await Promise.all(batches.map((batch) => queryBatch(transport, batch)));
  const found = new Map<string, UserPresence>();
  for (const a of answers) for (const u of a.users) found.set(u.userId, u);
  return {
    // An account not sent, or left out of both lists, is reported as unknown, never guessed at.
    users: asked.map((id) => found.get(id) ?? { userId: id, status: null, errorCode: null }),
    requestIds: answers.flatMap((a) => (a.requestId ? [a.requestId] : [])),
  };
}

async function queryBatch(
  transport: Transport,
  batch: string[],
): Promise<{ users: UserPresence[]; requestId: string | null }> {
  const generation = "v4";
  const operation = "queryOnlineStatus";
  const res = await transport.call({
    generation,
    operation,
    path: V4_QUERY_ONLINE_STATUS,
    body: { To_Account: batch, IsNeedDetail: 0 },
  });
  const out = parsePayload(v4OnlineStatusSchema, res.raw, {
    generation,
    operation,
    requestId: res.requestId,
  });
  return {
    users: [
      ...out.QueryResult.map((r) => ({ userId: r.To_Account, status: r.Status ?? "unknown" })),
      ...out.ErrorList.map((e) => ({ userId: e.To_Account, status: null, errorCode: e.ErrorCode })),
    ],
    requestId: res.requestId,
  };
}
