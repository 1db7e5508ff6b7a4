import type { Bucket } from "./params";

/** Record-browser filters other than the range, as JSON (the API's own query names). */
export type DrillFilters = {
  result?: string[];
  type?: string;
  media?: string;
  user?: string;
  room?: string;
  ringMin?: number;
  ringMax?: number;
  talkMin?: number;
  talkMax?: number;
};

// The answer of GET /api/insights. Client-safe: the page and the drill-down links read it.
// Every count is a number of calls; times are ISO 8601 in UTC; durations are whole seconds.

export type Rate = {
  total: number;
  answered: number;
  /** answered / total, null with no calls */ answerRate: number | null;
};

export type Percentiles = {
  /** Calls that have this duration (ring: all but inconsistent records; talk: connected calls). */
  count: number;
  /** percentile_cont over whole seconds; null with no calls. */
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
  /** Unclipped bucket start, for the axis label. */
  bucketStart: string;
  total: number;
  answered: number;
  results: Record<string, number>;
};

/** The figures of an insights answer, as computed from the index. */
export type InsightFigures = {
  range: {
    from: string;
    to: string;
    previousFrom: string;
    previousTo: string;
    tz: string;
    bucket: Bucket;
  };
  /** The filters applied besides the range, as parsed: drill-down links carry them on. */
  filters: DrillFilters;
  summary: Rate & { previous: Rate };
  /** Every result seen in either period, known names first in their canonical order. */
  results: { result: string; count: number; previous: number }[];
  series: SeriesPoint[];
  segments: { callType: Segment[]; mediaType: Segment[] };
  durations: { ring: Distribution; talk: Distribution };
  /** Results counted as failures here: every result seen in the range other than NormalEnd. */
  failedResults: string[];
  /** Users who took part (as caller or callee) in the most failed calls. */
  topFailedUsers: { userId: string; failed: number; previous: number }[];
};

/** GET /api/insights: the figures, and which part of the time they cover the index holds whole. */
export type Insights = InsightFigures & {
  coverage: {
    /**
     * Every call that started from this instant on is in the index; before it, figures are
     * partial (the index was younger, or pruned). Null until the first backfill has finished.
     */
    completeFrom: string | null;
  };
};

export const ANSWERED_RESULT = "NormalEnd";
export const TOP_USERS = 10;

/** Histogram bins (lower bounds in seconds); the last bin is open-ended. */
export const RING_BINS = [0, 5, 10, 15, 20, 25, 30, 45] as const;
export const TALK_BINS = [0, 30, 60, 120, 300, 600, 1800, 3600] as const;
