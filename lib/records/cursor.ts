import { z } from "zod";

import { SORT_VALUES } from "./sort";

// A keyset cursor: where the previous page stopped in the walk's order, which sort that order is,
// and when the walk began (asOf, so calls indexed later cannot shift its pages). Opaque to callers:
// base64url JSON, checked field by field when it comes back.

/** Microsecond UTC time, as the database writes it (see KEY_TIME_SQL). */
const MICRO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const microTime = z
  .string()
  .regex(MICRO_TIME)
  .refine((s) => !Number.isNaN(Date.parse(s)));

const MAX_XID = 2n ** 63n - 1n;

/** PostgreSQL's pg_snapshot text, "xmin:xmax:xip,…", held to the rules its parser enforces. */
export function validSnapshot(text: string): boolean {
  const m = /^(\d{1,19}):(\d{1,19}):((?:\d{1,19}(?:,\d{1,19})*)?)$/.exec(text);
  if (!m) return false;
  const xmin = BigInt(m[1]!);
  const xmax = BigInt(m[2]!);
  if (xmin < 1n || xmin > xmax || xmax > MAX_XID) return false;
  let last = xmin;
  for (const part of m[3] ? m[3].split(",") : []) {
    const xip = BigInt(part);
    if (xip < last || xip >= xmax) return false;
    last = xip;
  }
  return true;
}

export const cursorPayloadSchema = z.strictObject({
  v: z.literal(1),
  /** The sort this walk is in. */
  s: z.enum(SORT_VALUES as unknown as [string, ...string[]]),
  /** The sort key of the row the page starts after: a start time, or ring/talk seconds (null: none). */
  k: z.union([microTime, z.number().int().min(0).max(10_000_000), z.null()]),
  /** The row's call ID: the tie-break. */
  i: z
    .string()
    .min(1)
    .max(128)
    .refine((s) => !/\p{Cc}/u.test(s)),
  /** The database snapshot of the walk's first page: calls indexed since are not part of it. */
  a: z.string().max(600).refine(validSnapshot),
  /** When the walk began. */
  t: microTime,
  /** The page number this cursor leads to. */
  p: z.number().int().min(1).max(1_000_000),
  /** true: the page before the row (walking back). */
  b: z.boolean().optional(),
});

export type CursorPayload = z.output<typeof cursorPayloadSchema>;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function encodeCursor(payload: CursorPayload): string {
  return toBase64Url(JSON.stringify(payload));
}

/** The payload, or null when the text is not a cursor this server gave out. */
export function decodeCursor(text: string): CursorPayload | null {
  const json = fromBase64Url(text);
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = cursorPayloadSchema.safeParse(value);
  if (!parsed.success) return null;
  const { s, k } = parsed.data;
  // The key's kind must be the sort's: a start time for startedAt, seconds or null otherwise.
  const timeSort = s.replace(/^-/, "") === "startedAt";
  if (timeSort !== (typeof k === "string")) return null;
  return parsed.data;
}

const CURSOR_MAX_LENGTH = 1_000;

/** The query parameter: text in, payload out, with one message for every kind of bad cursor. */
export const cursorParam = z
  .string()
  .max(CURSOR_MAX_LENGTH, "is not a cursor this server gave out; start again from page 1")
  .transform((text, ctx) => {
    const payload = decodeCursor(text);
    if (payload === null) {
      ctx.addIssue({
        code: "custom",
        message: "is not a cursor this server gave out; start again from page 1",
      });
      return z.NEVER;
    }
    return payload;
  });
