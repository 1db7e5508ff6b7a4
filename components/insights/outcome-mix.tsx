"use client";

import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";

import type { Insights } from "@/lib/insights/types";

import {
  CountCell,
  DrillLink,
  FigureCard,
  FigureRow,
  FigureTable,
  tdClass,
  tooltipStyle,
  useOpenDrill,
  type HrefFor,
} from "./figure-card";
import {
  change,
  formatCount,
  formatPercent,
  previousComparable,
  previousShown,
  resultColor,
  resultLabel,
} from "./format";

/** The share of each result over the range, beside the previous period. */
export function OutcomeMix({ data, hrefFor }: { data: Insights; hrefFor: HrefFor }) {
  const open = useOpenDrill(hrefFor);
  const total = data.summary.total;
  const comparable = previousComparable(data);
  const withPrevious = previousShown(data);
  const slices = data.results.filter((r) => r.count > 0);
  const summary = `Donut chart of results: ${slices
    .map((r) => `${resultLabel(r.result)} ${formatPercent(r.count / total)}`)
    .join(", ")}. Select a slice to open those calls.`;
  return (
    <FigureCard
      title="Outcome mix"
      description={
        withPrevious
          ? "How calls ended, against the previous period of the same length."
          : "How calls ended."
      }
      summary={summary}
      chart={
        <div className="flex flex-wrap items-center gap-4">
          <div className="h-56 w-56">
            <ResponsiveContainer width="100%" height="100%">
              <PieChart>
                <Pie
                  data={slices.map((r) => ({
                    name: resultLabel(r.result),
                    value: r.count,
                    result: r.result,
                  }))}
                  dataKey="value"
                  nameKey="name"
                  innerRadius="55%"
                  outerRadius="95%"
                  stroke="var(--card)"
                  cursor="pointer"
                  isAnimationActive={false}
                  onClick={(_, index) => {
                    const r = slices[index];
                    if (r) open({ result: [r.result] });
                  }}
                >
                  {slices.map((r) => (
                    <Cell key={r.result} fill={resultColor(r.result)} />
                  ))}
                </Pie>
                <Tooltip {...tooltipStyle} />
              </PieChart>
            </ResponsiveContainer>
          </div>
          <ul className="flex min-w-48 flex-1 flex-col gap-1.5 text-sm">
            {slices.map((r) => (
              <li key={r.result} className="flex items-center gap-2">
                <span
                  aria-hidden
                  className="size-3 shrink-0 rounded-sm"
                  style={{ background: resultColor(r.result) }}
                />
                <span className="flex-1">{resultLabel(r.result)}</span>
                <DrillLink
                  href={hrefFor({ result: [r.result] })}
                  label={`${r.count} ${resultLabel(r.result)} calls`}
                >
                  {formatCount(r.count)}
                </DrillLink>
                <span className="text-muted-foreground w-14 text-right tabular-nums">
                  {formatPercent(r.count / total)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      }
      table={
        <FigureTable
          columns={[
            "Result",
            "Calls",
            "Share",
            ...(withPrevious ? ["Previous period", "Change"] : []),
          ]}
        >
          {data.results.map((r) => (
            <FigureRow key={r.result} label={resultLabel(r.result)}>
              <CountCell
                count={r.count}
                href={r.count ? hrefFor({ result: [r.result] }) : null}
                label={`${r.count} ${resultLabel(r.result)} calls`}
              />
              <td className={`${tdClass} tabular-nums`}>
                {formatPercent(total ? r.count / total : null)}
              </td>
              {withPrevious ? (
                <>
                  <CountCell
                    count={r.previous}
                    href={
                      r.previous
                        ? hrefFor({
                            from: data.range.previousFrom,
                            to: data.range.previousTo,
                            result: [r.result],
                          })
                        : null
                    }
                    label={`${r.previous} ${resultLabel(r.result)} calls in the previous period`}
                  />
                  <td className={`${tdClass} text-muted-foreground tabular-nums`}>
                    {(comparable && change(r.count, r.previous, "count")) || "—"}
                  </td>
                </>
              ) : null}
            </FigureRow>
          ))}
        </FigureTable>
      }
    />
  );
}
