import type { Bucket } from "./params";

export type DrillFilters = {
  result?: string[];
  type?: string;
  media?: string;
  answered?: "yes" | "no";
  user?: string;
  room?: string;
  ringMin?: number;
  ringMax?: number;
  talkMin?: number;
  talkMax?: number;
};

// Client-safe. Counts are numbers of calls; times are ISO 8601 in UTC; durations whole seconds.

export type Rate = {
  total: number;
  /** Calls someone answered (they have an accept time), however they ended. */
  answered: number;
  /** answered / total, null with no calls */ answerRate: number | null;
  /** Calls whose result is NormalEnd. */
  endedNormally: number;
};

export type Percentiles = {
  /** Calls that have this duration (ring: all but inconsistent records; talk: connected calls). */
  count: number;
  p50: number | null;
  p90: number | null;
};

export type HistogramBin = {
  /** Inclusive bounds in whole seconds; `max` null for the open last bin. */
  min: number;
  max: number | null;
  count: number;
};

export type Distribution = Percentiles & {
  previous: Percentiles;
  histogram: HistogramBin[];
};

export type SegmentKey = "single" | "group" | "audio" | "video" | (string & {});

export type Segment = Rate & {
  key: SegmentKey;
  ring: Percentiles;
  talk: Percentiles;
  previous: Rate & { ring: Percentiles; talk: Percentiles };
};

export type SeriesPoint = {
  /** Bucket start and end (exclusive), clipped to the range so drill-downs match the counts. */
  from: string;
  to: string;
  bucketStart: string;
  total: number;
  answered: number;
  results: Record<string, number>;
};

export type InsightFigures = {
  range: {
    from: string;
    to: string;
    previousFrom: string;
    previousTo: string;
    tz: string;
    bucket: Bucket;
  };
  filters: DrillFilters;
  summary: Rate & { previous: Rate };
  results: { result: string; count: number; previous: number }[];
  series: SeriesPoint[];
  segments: { callType: Segment[]; mediaType: Segment[] };
  durations: { ring: Distribution; talk: Distribution };
  failedResults: string[];
  topFailedUsers: { userId: string; failed: number; previous: number }[];
};

export type Insights = InsightFigures & {
  coverage: {
    /** Figures before this instant are partial; null until the first backfill has finished. */
    completeFrom: string | null;
  };
};

/** The result of a call that connected and was hung up; every other result counts as failed. */
export const ENDED_NORMALLY = "NormalEnd";
export const TOP_USERS = 10;

export const RING_BINS = [0, 5, 10, 15, 20, 25, 30, 45] as const;
export const TALK_BINS = [0, 30, 60, 120, 300, 600, 1800, 3600] as const;
