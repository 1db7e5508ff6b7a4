import Link from "next/link";

import {
  ENDED_NORMALLY,
  type Distribution,
  type Insights,
  type Percentiles,
} from "@/lib/insights/types";

import type { HrefFor } from "./figure-card";
import {
  change,
  formatCount,
  formatPercent,
  formatSecondsFine,
  previousComparable,
  previousShown,
} from "./format";

// The headline figures, each beside the previous period of the same length. Counts open the calls
// behind them; durations open every call that has one.

type Stat = {
  label: string;
  value: string;
  /** null: the previous period is not compared (the coverage note says why). */
  previous: string | null;
  change: string | null;
  href: string | null;
  hint?: string;
  /** Two durations side by side: smaller type, and on a narrow card they wrap at the slash. */
  compact?: boolean;
};

function StatCard({ stat }: { stat: Stat }) {
  const body = (
    <>
      <span className="text-muted-foreground text-xs font-medium">{stat.label}</span>
      <span
        className={`${stat.compact ? "text-xl" : "text-2xl whitespace-nowrap"} font-semibold tabular-nums`}
      >
        {stat.value}
      </span>
      {stat.previous === null ? null : (
        <span className="text-muted-foreground text-xs">
          Previous: <span className="tabular-nums">{stat.previous}</span>
          {stat.change ? <span className="ml-1 tabular-nums">({stat.change})</span> : null}
        </span>
      )}
      {stat.hint ? <span className="text-muted-foreground text-xs">{stat.hint}</span> : null}
    </>
  );
  const className = "flex flex-col gap-1 rounded-xl border bg-card p-4 shadow-sm";
  return stat.href ? (
    <Link
      href={stat.href}
      className={`${className} hover:border-primary focus-visible:ring-ring/50 outline-none focus-visible:ring-[3px]`}
      aria-label={`${stat.label}: ${stat.value}${stat.previous === null ? "" : `, previous period ${stat.previous}`}. Open these calls`}
    >
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  );
}

// Non-breaking spaces inside each duration: a narrow card breaks "3m 10s / 33m 20s" after the
// slash, never between "33m" and "20s".
const unbroken = (text: string) => text.replaceAll(" ", "\u00a0");
const pair = (p: Percentiles) =>
  `${unbroken(formatSecondsFine(p.p50))} / ${unbroken(formatSecondsFine(p.p90))}`;

/** The change, or why there is none: too few calls. */
function changeOver(
  data: Insights,
  previousCalls: number,
  text: () => string | null,
): string | null {
  if (previousComparable(data, previousCalls)) return text();
  return previousCalls === 0 ? null : "too few calls to compare";
}

export function SummaryCards({ data, hrefFor }: { data: Insights; hrefFor: HrefFor }) {
  const { summary, durations } = data;
  const calls = summary.previous.total;
  const shown = previousShown(data);
  const prev = (text: string) => (shown ? text : null);
  const over = (previousCalls: number, text: () => string | null) =>
    changeOver(data, previousCalls, text);
  const durationStat = (
    label: string,
    d: Distribution,
    href: string | null,
    counted: string,
  ): Stat => ({
    label,
    value: pair(d),
    previous: prev(pair(d.previous)),
    change: over(d.previous.count, () => change(d.p50, d.previous.p50, "seconds")),
    href,
    hint: `over ${formatCount(d.count)} ${counted}`,
    compact: true,
  });
  const stats: Stat[] = [
    {
      label: "Calls",
      value: formatCount(summary.total),
      previous: prev(formatCount(summary.previous.total)),
      change: over(calls, () => change(summary.total, summary.previous.total, "count")),
      href: hrefFor({}),
    },
    {
      label: "Answered",
      value: formatCount(summary.answered),
      previous: prev(formatCount(summary.previous.answered)),
      change: over(calls, () => change(summary.answered, summary.previous.answered, "count")),
      href: hrefFor({ answered: "yes" }),
      hint: "someone picked up, however it ended",
    },
    {
      label: "Answer rate",
      value: formatPercent(summary.answerRate),
      previous: prev(formatPercent(summary.previous.answerRate)),
      change: over(calls, () => change(summary.answerRate, summary.previous.answerRate, "rate")),
      href: hrefFor({ answered: "yes" }),
      hint: "answered calls of all calls",
    },
    {
      label: "Ended normally",
      value: formatCount(summary.endedNormally),
      previous: prev(formatCount(summary.previous.endedNormally)),
      change: over(calls, () =>
        change(summary.endedNormally, summary.previous.endedNormally, "count"),
      ),
      href: hrefFor({ result: [ENDED_NORMALLY] }),
      hint: `${formatPercent(summary.total ? summary.endedNormally / summary.total : null)} of calls`,
    },
    durationStat("Ring time p50 / p90", durations.ring, hrefFor({ ringMin: 0 }), "calls"),
    durationStat("Talk time p50 / p90", durations.talk, hrefFor({ talkMin: 0 }), "connected calls"),
  ];
  return (
    <section aria-label="Summary" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      {stats.map((s) => (
        <StatCard key={s.label} stat={s} />
      ))}
    </section>
  );
}
