import "server-only";

import type { z } from "zod";

import type { Generation } from "@/lib/calls/types";

import { describe } from "./envelopes";
import { TrtcError } from "./errors";

export function parsePayload<S extends z.ZodType>(
  schema: S,
  payload: unknown,
  context: { generation: Generation; operation: string; requestId: string | null },
): z.output<S> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  throw new TrtcError({
    ...context,
    code: "BAD_RESPONSE",
    message: `unexpected payload: ${describe(parsed.error)}`,
  });
}
