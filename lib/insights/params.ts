import { z } from "zod";

import { checkBounds, once, recordFiltersSchema, type RecordFilters } from "@/lib/records/filters";
import { isValidTimeZone } from "@/lib/records/ranges";

// Client-safe: the page builds drill-down links from the same types.

export const BUCKETS = ["hour", "day"] as const;
export type Bucket = (typeof BUCKETS)[number];

export const DEFAULT_RANGE_MS = 7 * 86_400_000;
// Longer ranges in hour buckets would make charts unreadable and answers large.
export const MAX_HOURLY_DAYS = 31;
const HOURLY_DEFAULT_MS = 2 * 86_400_000;

const shared = recordFiltersSchema.shape;

export const insightsQuerySchema = z
  .object({
    from: shared.from,
    to: shared.to,
    result: shared.result,
    type: shared.type,
    media: shared.media,
    answered: shared.answered,
    user: shared.user,
    room: shared.room,
    ringMin: shared.ringMin,
    ringMax: shared.ringMax,
    talkMin: shared.talkMin,
    talkMax: shared.talkMax,
    tz: once(
      z.string().refine(isValidTimeZone, "must be an IANA time zone such as UTC or Europe/Berlin"),
    ).transform((v) => v ?? "UTC"),
    bucket: once(z.enum(BUCKETS, { error: "must be hour or day" })),
  })
  .superRefine(checkBounds);

export type InsightsQuery = z.output<typeof insightsQuerySchema>;

export type InsightsFilters = Omit<InsightsQuery, "from" | "to" | "tz" | "bucket">;

export type ResolvedInsightsQuery = {
  from: Date;
  to: Date;
  previousFrom: Date;
  tz: string;
  bucket: Bucket;
  filters: InsightsFilters;
};

export type RangeProblem = { field: "from" | "to" | "bucket"; message: string };

export function resolveInsightsQuery(
  q: InsightsQuery,
  now: number,
  maxRangeDays: number,
): ResolvedInsightsQuery | RangeProblem {
  const to = q.to ?? new Date(now);
  const from = q.from ?? new Date(to.getTime() - DEFAULT_RANGE_MS);
  if (from.getTime() >= to.getTime()) return { field: "from", message: "must be before to" };
  const span = to.getTime() - from.getTime();
  if (span > maxRangeDays * 86_400_000) {
    return {
      field: "from",
      message: `the range may span at most ${maxRangeDays} days (the index retention)`,
    };
  }
  const bucket = q.bucket ?? (span <= HOURLY_DEFAULT_MS ? "hour" : "day");
  if (bucket === "hour" && span > MAX_HOURLY_DAYS * 86_400_000) {
    return {
      field: "bucket",
      message: `hour buckets need a range of at most ${MAX_HOURLY_DAYS} days; use day`,
    };
  }
  const { from: _f, to: _t, tz, bucket: _b, ...filters } = q;
  return { from, to, previousFrom: new Date(from.getTime() - span), tz, bucket, filters };
}

export function asRecordFilters(filters: InsightsFilters, from: Date, to: Date): RecordFilters {
  return { ...filters, from, to, sort: "-startedAt", page: 1, pageSize: 1 };
}
