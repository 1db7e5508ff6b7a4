"use client";

import { useRouter } from "next/navigation";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import type { Drill } from "@/lib/insights/drill";
import type { Insights } from "@/lib/insights/types";

import {
  chartAxis,
  DrillLink,
  FigureCard,
  FigureTable,
  tdClass,
  tooltipStyle,
} from "./figure-card";
import { bucketLabel, formatCount, formatPercent, resultColor, resultLabel } from "./format";

export type HrefFor = (figure: Drill) => string | null;

/** Calls per bucket, stacked by result: volume and the outcome mix over time in one chart. */
export function VolumeChart({ data, hrefFor }: { data: Insights; hrefFor: HrefFor }) {
  const router = useRouter();
  const { bucket, tz } = data.range;
  const results = data.results.filter((r) => r.count > 0).map((r) => r.result);
  const rows = data.series.map((p) => ({
    label: bucketLabel(p.bucketStart, bucket, tz),
    ...p.results,
    point: p,
  }));
  const open = (figure: Drill) => {
    const href = hrefFor(figure);
    if (href) router.push(href);
  };
  const busiest = data.series.reduce(
    (a, p) => (p.total > (a?.total ?? -1) ? p : a),
    data.series[0],
  );
  const summary = `Stacked bar chart of calls per ${bucket} by result, ${data.series.length} ${bucket}s. ${
    busiest
      ? `Busiest: ${bucketLabel(busiest.bucketStart, bucket, tz)} with ${formatCount(busiest.total)} calls.`
      : ""
  } Select a bar segment to open its calls.`;

  return (
    <FigureCard
      title={`Calls per ${bucket} and how they ended`}
      description={`Bucketed by ${bucket} in ${tz}. Click a segment to open those calls in the record browser.`}
      summary={summary}
      chart={
        <div className="h-72 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid vertical={false} stroke="var(--border)" />
              <XAxis dataKey="label" {...chartAxis} interval="preserveStartEnd" minTickGap={16} />
              <YAxis {...chartAxis} allowDecimals={false} width={48} />
              <Tooltip {...tooltipStyle} />
              <Legend wrapperStyle={{ fontSize: 12, color: "var(--muted-foreground)" }} />
              {results.map((r) => (
                <Bar
                  key={r}
                  dataKey={r}
                  name={resultLabel(r)}
                  stackId="calls"
                  fill={resultColor(r)}
                  cursor="pointer"
                  onClick={(_, index) => {
                    const p = data.series[index];
                    if (p) open({ from: p.from, to: p.to, result: [r] });
                  }}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      }
      table={
        <FigureTable
          columns={[
            `${bucket === "day" ? "Day" : "Hour"} (${tz})`,
            "Calls",
            "Answer rate",
            ...results.map(resultLabel),
          ]}
        >
          {data.series.map((p) => {
            const label = bucketLabel(p.bucketStart, bucket, tz);
            return (
              <tr key={p.from} className="border-b last:border-0">
                <th scope="row" className={`${tdClass} text-left font-normal`}>
                  {label}
                </th>
                <td className={tdClass}>
                  <DrillLink
                    href={hrefFor({ from: p.from, to: p.to })}
                    label={`${p.total} calls on ${label}`}
                  >
                    {formatCount(p.total)}
                  </DrillLink>
                </td>
                <td className={`${tdClass} tabular-nums`}>
                  {formatPercent(p.total ? p.answered / p.total : null)}
                </td>
                {results.map((r) => (
                  <td key={r} className={tdClass}>
                    <DrillLink
                      href={p.results[r] ? hrefFor({ from: p.from, to: p.to, result: [r] }) : null}
                      label={`${p.results[r] ?? 0} ${resultLabel(r)} calls on ${label}`}
                    >
                      {formatCount(p.results[r] ?? 0)}
                    </DrillLink>
                  </td>
                ))}
              </tr>
            );
          })}
        </FigureTable>
      }
    />
  );
}
