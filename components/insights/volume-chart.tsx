"use client";

import { Bar, Legend, Tooltip, XAxis, YAxis } from "recharts";

import type { Insights } from "@/lib/insights/types";

import {
  BarFigure,
  chartAxis,
  CountCell,
  FigureCard,
  FigureRow,
  FigureTable,
  tdClass,
  tooltipStyle,
  useOpenDrill,
  type HrefFor,
} from "./figure-card";
import { bucketLabel, formatCount, formatPercent, resultColor, resultLabel } from "./format";

/** Calls per bucket, stacked by result: volume and the outcome mix over time in one chart. */
export function VolumeChart({ data, hrefFor }: { data: Insights; hrefFor: HrefFor }) {
  const open = useOpenDrill(hrefFor);
  const { bucket, tz } = data.range;
  const results = data.results.filter((r) => r.count > 0).map((r) => r.result);
  const rows = data.series.map((p) => ({
    label: bucketLabel(p.bucketStart, bucket, tz),
    ...p.results,
    point: p,
  }));
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
        <BarFigure data={rows} className="h-72">
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
        </BarFigure>
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
              <FigureRow key={p.from} label={label}>
                <CountCell
                  count={p.total}
                  href={hrefFor({ from: p.from, to: p.to })}
                  label={`${p.total} calls on ${label}`}
                />
                <td className={`${tdClass} tabular-nums`}>
                  {formatPercent(p.total ? p.answered / p.total : null)}
                </td>
                {results.map((r) => (
                  <CountCell
                    key={r}
                    count={p.results[r] ?? 0}
                    href={p.results[r] ? hrefFor({ from: p.from, to: p.to, result: [r] }) : null}
                    label={`${p.results[r] ?? 0} ${resultLabel(r)} calls on ${label}`}
                  />
                ))}
              </FigureRow>
            );
          })}
        </FigureTable>
      }
    />
  );
}
