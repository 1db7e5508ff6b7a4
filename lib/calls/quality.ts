import type { QualityPoint, QualitySeries } from "@/lib/trtc-cloud/types";

// Grades a participant's media from TRTC's loss series with Tencent's bands, and says in one
// sentence what support should tell the customer. Pure: the API route, the page and the ticket
// text share it.

/** Tencent's bands for packet loss (percent): under 2 good, over 5 poor, over 10 congested. */
export type LossGrade = "good" | "fair" | "poor" | "congested";
/** `unknown`: Tencent returned no loss samples for the participant. */
export type QualityVerdict = "good" | "fair" | "poor" | "unknown";

export const LOSS_BANDS = { good: 2, poor: 5, congested: 10 } as const;

export function gradeLoss(percent: number): LossGrade {
  if (percent > LOSS_BANDS.congested) return "congested";
  if (percent > LOSS_BANDS.poor) return "poor";
  if (percent >= LOSS_BANDS.good) return "fair";
  return "good";
}

// One bad sample is noise; two in a row (or 5 s of them) is what a caller hears.
const SUSTAINED_SAMPLES = 2;
// A stretch ending this close to the participant's leave time is "before they dropped".
const DROP_NEAR_MS = 20_000;

export type LossDirection = "up" | "down";

export type LossStretch = {
  direction: LossDirection;
  grade: LossGrade;
  /** The highest loss in the stretch, percent. */
  peak: number;
  from: string;
  to: string;
  /** From its first sample to one sample interval after its last. */
  durationMs: number;
};

const ms = (iso: string) => Date.parse(iso);

function sampleIntervalMs(points: QualityPoint[]): number {
  if (points.length < 2) return 0;
  const gaps = points.slice(1).map((p, i) => ms(p.at) - ms(points[i]!.at));
  return gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
}

/** The longest run of consecutive samples at `floor` % or more, if it is sustained. */
function longestRunAbove(
  points: QualityPoint[],
  floor: number,
  direction: LossDirection,
): LossStretch | null {
  const interval = sampleIntervalMs(points);
  let best: LossStretch | null = null;
  let start = -1;
  for (let i = 0; i <= points.length; i += 1) {
    const above = i < points.length && points[i]!.value >= floor;
    if (above && start < 0) start = i;
    if (above || start < 0) continue;
    const run = points.slice(start, i);
    start = -1;
    if (run.length < SUSTAINED_SAMPLES) continue;
    const durationMs = ms(run.at(-1)!.at) - ms(run[0]!.at) + interval;
    if (best && durationMs <= best.durationMs) continue;
    const peak = Math.max(...run.map((p) => p.value));
    best = {
      direction,
      grade: gradeLoss(Math.min(...run.map((p) => p.value))),
      peak,
      from: run[0]!.at,
      to: run.at(-1)!.at,
      durationMs,
    };
  }
  return best;
}

const SEVERITY: Record<LossGrade, number> = { good: 0, fair: 1, poor: 2, congested: 3 };

/**
 * The worst sustained stretch of loss in either direction: the highest band held for two samples
 * or more, the longest such run within it, the higher peak on a tie.
 */
export function worstStretch(series: QualitySeries): LossStretch | null {
  let worst: LossStretch | null = null;
  for (const floor of [LOSS_BANDS.congested, LOSS_BANDS.poor, LOSS_BANDS.good]) {
    for (const [direction, points] of [
      ["up", series.lossUp ?? []],
      ["down", series.lossDown ?? []],
    ] as const) {
      // Strictly above the poor and congested floors, as Tencent's bands read.
      const stretch = longestRunAbove(
        points,
        floor === LOSS_BANDS.good ? floor : floor + 1e-9,
        direction,
      );
      if (!stretch) continue;
      if (
        !worst ||
        SEVERITY[stretch.grade] > SEVERITY[worst.grade] ||
        (SEVERITY[stretch.grade] === SEVERITY[worst.grade] &&
          (stretch.durationMs > worst.durationMs ||
            (stretch.durationMs === worst.durationMs && stretch.peak > worst.peak)))
      )
        worst = stretch;
    }
    if (worst) return worst;
  }
  return null;
}

export function verdictOf(series: QualitySeries): QualityVerdict {
  const samples = (series.lossUp?.length ?? 0) + (series.lossDown?.length ?? 0);
  if (samples === 0) return "unknown";
  const worst = worstStretch(series);
  if (!worst) return "good";
  return worst.grade === "fair" ? "fair" : "poor";
}

/** Any participant poor makes the call poor; otherwise the worst known verdict, else unknown. */
export function callVerdict(verdicts: QualityVerdict[]): QualityVerdict {
  for (const v of ["poor", "fair", "good"] as const) if (verdicts.includes(v)) return v;
  return "unknown";
}

export type SentenceInput = {
  userId: string;
  series: QualitySeries;
  /** Whether this person's connection broke off (see `droppedFrom`). */
  dropped: boolean;
  leftAt: string | null;
  startedAt: string | null;
};

const pct = (value: number) => `${Math.round(value)} %`;
const DIRECTION_WORDS: Record<LossDirection, string> = { up: "upstream", down: "downstream" };

function seconds(msValue: number): string {
  const s = Math.max(1, Math.round(msValue / 1000));
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}

function offset(at: string, startedAt: string | null): string {
  if (!startedAt) return "";
  const s = Math.max(0, Math.round((ms(at) - ms(startedAt)) / 1000));
  return ` at ${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")} into the call`;
}

const FAILED_RESULTS = new Set(["Interrupt", "Offline"]);

/**
 * Whether a participant dropped: the record's outcome says so, or, where it names no outcome,
 * the call itself ended as Interrupt or Offline.
 */
export function droppedFrom(result: string | null, outcome: string | undefined): boolean {
  if (outcome) return outcome === "dropped";
  return result !== null && FAILED_RESULTS.has(result);
}

/** One plain sentence for the ticket: the worst stretch, related to how this person left. */
export function qualitySentence(input: SentenceInput): string {
  const { userId, series } = input;
  const verdict = verdictOf(series);
  const { dropped } = input;
  if (verdict === "unknown") return `Tencent reported no network samples for ${userId}.`;
  const worst = worstStretch(series);
  if (!worst) {
    return dropped
      ? `${userId}'s loss stayed under ${LOSS_BANDS.good} % until they dropped, so the drop was not preceded by a bad network.`
      : `${userId}'s network was good throughout (loss under ${LOSS_BANDS.good} %).`;
  }
  const what = `${userId}'s ${DIRECTION_WORDS[worst.direction]} loss`;
  const span = `for ${seconds(worst.durationMs)}`;
  const nearLeave =
    input.leftAt !== null && Math.abs(ms(input.leftAt) - ms(worst.to)) <= DROP_NEAR_MS;
  if (dropped && nearLeave)
    return `${what} rose to ${pct(worst.peak)} ${span} before they dropped.`;
  if (worst.grade === "fair")
    return `${what} reached ${pct(worst.peak)} ${span}${offset(worst.from, input.startedAt)} (fair: between ${LOSS_BANDS.good} % and ${LOSS_BANDS.poor} %).`;
  const tail = dropped ? "; they dropped later" : "";
  return `${what} rose to ${pct(worst.peak)} ${span}${offset(worst.from, input.startedAt)}${tail}.`;
}
