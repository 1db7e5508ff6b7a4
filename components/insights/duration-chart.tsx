"use client";

import { Bar, Tooltip, XAxis, YAxis } from "recharts";

import type { Drill } from "@/lib/insights/drill";
import type { HistogramBin, Insights } from "@/lib/insights/types";

import {
  BarFigure,
  chartAxis,
  CountCell,
  FigureCard,
  FigureRow,
  FigureTable,
  tooltipStyle,
  useOpenDrill,
  type HrefFor,
} from "./figure-card";
import { binLabel, formatCount, formatSecondsFine, previousShown } from "./format";

const METRICS = {
  ring: {
    title: "Ring time",
    what: "Time from the start of a call until it was answered, or until it stopped ringing",
    color: "oklch(0.7 0.13 75)",
  },
  talk: {
    title: "Talk time",
    what: "Time from answer to hang-up, connected calls only",
    color: "oklch(0.62 0.13 250)",
  },
} as const;

/** Histogram of ring or talk time, with p50 and p90 beside the previous period. */
export function DurationChart({
  data,
  metric,
  hrefFor,
}: {
  data: Insights;
  metric: "ring" | "talk";
  hrefFor: HrefFor;
}) {
  const open = useOpenDrill(hrefFor);
  const d = data.durations[metric];
  const { title, what, color } = METRICS[metric];
  const figure = (b: HistogramBin): Drill =>
    metric === "ring"
      ? { ringMin: b.min, ringMax: b.max ?? undefined }
      : { talkMin: b.min, talkMax: b.max ?? undefined };
  const rows = d.histogram.map((b) => ({ label: binLabel(b.min, b.max), calls: b.count }));
  const withPrevious = previousShown(data);
  const previousText = `previous period p50 ${formatSecondsFine(d.previous.p50)}, p90 ${formatSecondsFine(d.previous.p90)}`;
  const summary = `Histogram of ${title.toLowerCase()} over ${formatCount(d.count)} calls: p50 ${formatSecondsFine(d.p50)}, p90 ${formatSecondsFine(d.p90)}${withPrevious ? `; ${previousText}` : ""}.`;
  return (
    <FigureCard
      title={title}
      description={
        <>
          {what}. p50{" "}
          <strong className="text-foreground tabular-nums">{formatSecondsFine(d.p50)}</strong>, p90{" "}
          <strong className="text-foreground tabular-nums">{formatSecondsFine(d.p90)}</strong>
          {withPrevious ? (
            <>
              {" "}
              (previous:{" "}
              <span className="tabular-nums">
                {formatSecondsFine(d.previous.p50)} / {formatSecondsFine(d.previous.p90)}
              </span>
              )
            </>
          ) : null}
          .
        </>
      }
      summary={summary}
      chart={
        <BarFigure data={rows} className="h-56">
          <XAxis dataKey="label" {...chartAxis} interval={0} />
          <YAxis {...chartAxis} allowDecimals={false} width={48} />
          <Tooltip {...tooltipStyle} />
          <Bar
            dataKey="calls"
            name="Calls"
            fill={color}
            cursor="pointer"
            onClick={(_, i) => {
              const b = d.histogram[i];
              if (b && b.count) open(figure(b));
            }}
          />
        </BarFigure>
      }
      table={
        <FigureTable columns={[title, "Calls"]}>
          {d.histogram.map((b) => (
            <FigureRow key={b.min} label={binLabel(b.min, b.max)}>
              <CountCell
                count={b.count}
                href={b.count ? hrefFor(figure(b)) : null}
                label={`${b.count} calls with ${title.toLowerCase()} ${binLabel(b.min, b.max)}`}
              />
            </FigureRow>
          ))}
        </FigureTable>
      }
    />
  );
}
