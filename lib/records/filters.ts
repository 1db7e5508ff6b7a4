import { z } from "zod";

import { cursorParam } from "./cursor";
import { SORT_VALUES } from "./sort";

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export const once = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v, ctx) => {
    if (Array.isArray(v)) {
      const first: unknown = v[0];
      if (v.length === 1) return first === "" ? undefined : first;
      ctx.addIssue({ code: "custom", message: "give this parameter once", input: v });
      return z.NEVER;
    }
    return v === "" ? undefined : v;
  }, schema.optional());

// PostgreSQL and the index hold years 1970–9999 and zone offsets up to ±14:00 (the widest in use);
// anything else is refused here instead of failing in the database.
export const MIN_YEAR = 1970;
export const MAX_YEAR = 9999;
const MAX_OFFSET_MINUTES = 14 * 60;

function timeProblem(text: string, date: Date): string | null {
  const offset = /[+-](\d{2})(?::?(\d{2}))?$/.exec(text);
  if (offset && Number(offset[1]) * 60 + Number(offset[2] ?? 0) > MAX_OFFSET_MINUTES)
    return "must have a zone offset between -14:00 and +14:00";
  const written = Number(text.slice(0, 4));
  const utc = date.getUTCFullYear();
  if ([written, utc].some((y) => !(y >= MIN_YEAR && y <= MAX_YEAR)))
    return `must be in the years ${MIN_YEAR} to ${MAX_YEAR}`;
  return null;
}

export const isoTime = z.iso
  .datetime({
    offset: true,
    error: "must be an ISO 8601 time with a zone, e.g. 2026-11-20T00:00:00Z",
  })
  .transform((s, ctx) => {
    const date = new Date(s);
    const problem = timeProblem(s, date);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return date;
  });

// A result name Tencent adds later is accepted (stored as-is) if it looks like a name.
const RESULT_TOKEN = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const results = z.preprocess(
  (v) => {
    if (v === undefined || v === "") return undefined;
    const parts = (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(","));
    return parts.map((s) => s.trim()).filter(Boolean);
  },
  z
    .array(z.string().regex(RESULT_TOKEN, "must be result names such as NormalEnd,Cancel"))
    .max(20, "at most 20 results")
    .optional(),
);

// The database refuses NUL; other control characters are never part of an ID and can forge log lines.
const id = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `must not be empty`)
    .max(128, `${what} is at most 128 characters`)
    .refine((s) => !/\p{Cc}/u.test(s), "must not contain control characters");

const wholeNumber = (min: number, max: number, message = `must be from ${min} to ${max}`) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(min, message)
    .max(max, message);

// Whole seconds, both inclusive, so an insights histogram bar drills into exactly its calls.
const seconds = once(wholeNumber(0, 10_000_000, "must be from 0 to 10000000 seconds"));

type Bounds = {
  user?: unknown;
  with?: unknown;
  from?: unknown;
  to?: unknown;
  ringMin?: unknown;
  ringMax?: unknown;
  talkMin?: unknown;
  talkMax?: unknown;
};

// zod 4 runs object-level checks even when a field failed, so compare only values that parsed.
export function checkBounds(f: Bounds, ctx: z.RefinementCtx): void {
  if (typeof f.with === "string") {
    if (f.user === undefined)
      ctx.addIssue({
        code: "custom",
        message: "needs user as well: it narrows that user's calls to those with this person",
        path: ["with"],
      });
    else if (f.user === f.with)
      ctx.addIssue({ code: "custom", message: "must be another person than user", path: ["with"] });
  }
  if (f.from instanceof Date && f.to instanceof Date && f.to.getTime() <= f.from.getTime())
    ctx.addIssue({ code: "custom", message: "must be after from", path: ["to"] });
  for (const [min, max] of [
    ["ringMin", "ringMax"],
    ["talkMin", "talkMax"],
  ] as const) {
    const lo = f[min];
    const hi = f[max];
    if (typeof lo === "number" && typeof hi === "number" && hi < lo)
      ctx.addIssue({ code: "custom", message: `must not be below ${min}`, path: [max] });
  }
}

export const recordFiltersSchema = z
  .object({
    from: once(isoTime),
    to: once(isoTime),
    result: results,
    type: once(z.enum(["single", "group"], { error: "must be single or group" })),
    media: once(z.enum(["audio", "video"], { error: "must be audio or video" })),
    /** yes: calls someone answered (they have an accept time), however they ended; no: the rest. */
    answered: once(z.enum(["yes", "no"], { error: "must be yes or no" })),
    user: once(id("user")),
    /** With `user`: only calls in which both took part, each as caller or callee. */
    with: once(id("with")),
    room: once(id("room")),
    /** Calls whose quality was fetched, by verdict (poor: any participant poor); unknown: not fetched. */
    quality: once(
      z.enum(["poor", "fair", "good", "unknown"], { error: "must be poor, fair, good or unknown" }),
    ),
    sort: once(
      z.enum(SORT_VALUES as unknown as [string, ...string[]], {
        error: `must be one of ${SORT_VALUES.join(", ")}`,
      }),
    ).transform((v) => v ?? "-startedAt"),
    page: once(wholeNumber(1, 1_000_000)).transform((v) => v ?? 1),
    pageSize: once(wholeNumber(1, MAX_PAGE_SIZE)).transform((v) => v ?? DEFAULT_PAGE_SIZE),
    /** From a previous answer's nextCursor or prevCursor; with it, page is not read. */
    cursor: once(cursorParam),
    ringMin: seconds,
    ringMax: seconds,
    talkMin: seconds,
    talkMax: seconds,
  })
  .superRefine((f, ctx) => {
    checkBounds(f, ctx);
    // zod 4 runs this even when the cursor failed to parse, so look only at a parsed one.
    const cursor = f.cursor as unknown;
    if (typeof cursor === "object" && cursor !== null && f.cursor?.s !== f.sort)
      ctx.addIssue({
        code: "custom",
        message: `belongs to sort=${f.cursor?.s}, not sort=${f.sort}; start again from page 1`,
        path: ["cursor"],
      });
  });

export type RecordFilters = z.output<typeof recordFiltersSchema>;
export type RecordFiltersInput = z.input<typeof recordFiltersSchema>;
