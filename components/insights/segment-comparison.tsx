"use client";

import { Bar, Legend, Tooltip, XAxis, YAxis } from "recharts";

import type { Drill } from "@/lib/insights/drill";
import { ENDED_NORMALLY, type Insights, type Segment } from "@/lib/insights/types";

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
import {
  formatCount,
  formatPercent,
  formatSecondsFine,
  previousShown,
  segmentLabel,
} from "./format";

const DIMS = {
  callType: {
    title: `${segmentLabel("single")} against ${segmentLabel("group").toLowerCase()}`,
    param: "type",
  },
  mediaType: {
    title: `${segmentLabel("audio")} against ${segmentLabel("video").toLowerCase()}`,
    param: "media",
  },
} as const;

const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** Answer rate per call type or media type, this period beside the previous one. */
export function SegmentComparison({
  data,
  dim,
  hrefFor,
}: {
  data: Insights;
  dim: keyof typeof DIMS;
  hrefFor: HrefFor;
}) {
  const open = useOpenDrill(hrefFor);
  const { title, param } = DIMS[dim];
  const withPrevious = previousShown(data);
  const segments: Segment[] = data.segments[dim];
  const figure = (s: Segment, previous = false): Drill => ({
    [param]: s.key,
    ...(previous ? { from: data.range.previousFrom, to: data.range.previousTo } : {}),
  });
  const rows = segments.map((s) => ({
    label: segmentLabel(s.key),
    current: pct(s.answerRate),
    previous: pct(s.previous.answerRate),
  }));
  const summary = `Bar chart of answer rate: ${segments
    .map(
      (s) =>
        `${segmentLabel(s.key)} ${formatPercent(s.answerRate)} of ${formatCount(s.total)} calls${withPrevious ? ` (previously ${formatPercent(s.previous.answerRate)})` : ""}`,
    )
    .join("; ")}.`;

  return (
    <FigureCard
      title={title}
      description="Answer rate (calls someone picked up, however they ended), with the calls that ended normally and ring and talk time p50 / p90 in the table."
      summary={summary}
      chart={
        <BarFigure data={rows} className="h-56">
          <XAxis dataKey="label" {...chartAxis} />
          <YAxis {...chartAxis} domain={[0, 100]} unit="%" width={48} />
          <Tooltip {...tooltipStyle} formatter={(v) => `${String(v)}%`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            dataKey="current"
            name="This period"
            fill="var(--primary)"
            cursor="pointer"
            onClick={(_, i) => segments[i] && open(figure(segments[i]))}
          />
          {withPrevious ? (
            <Bar
              dataKey="previous"
              name="Previous period"
              fill="var(--muted-foreground)"
              fillOpacity={0.5}
              cursor="pointer"
              onClick={(_, i) => segments[i] && open(figure(segments[i], true))}
            />
          ) : null}
        </BarFigure>
      }
      table={
        <FigureTable
          columns={[
            param === "type" ? "Call type" : "Media",
            "Calls",
            "Answered",
            "Answer rate",
            ...(withPrevious ? ["Previous rate"] : []),
            "Ended normally",
            "Ring p50 / p90",
            "Talk p50 / p90",
          ]}
        >
          {segments.map((s) => (
            <FigureRow key={s.key} label={segmentLabel(s.key)}>
              <CountCell
                count={s.total}
                href={hrefFor(figure(s))}
                label={`${s.total} ${segmentLabel(s.key)} calls`}
              />
              <CountCell
                count={s.answered}
                href={s.answered ? hrefFor({ ...figure(s), answered: "yes" }) : null}
                label={`${s.answered} answered ${segmentLabel(s.key)} calls`}
              />
              <td className={`${tdClass} tabular-nums`}>{formatPercent(s.answerRate)}</td>
              {withPrevious ? (
                <td className={`${tdClass} text-muted-foreground tabular-nums`}>
                  {formatPercent(s.previous.answerRate)}
                </td>
              ) : null}
              <CountCell
                count={s.endedNormally}
                href={s.endedNormally ? hrefFor({ ...figure(s), result: [ENDED_NORMALLY] }) : null}
                label={`${s.endedNormally} ${segmentLabel(s.key)} calls that ended normally`}
              />
              <td className={`${tdClass} tabular-nums`}>
                {formatSecondsFine(s.ring.p50)} / {formatSecondsFine(s.ring.p90)}
              </td>
              <td className={`${tdClass} tabular-nums`}>
                {formatSecondsFine(s.talk.p50)} / {formatSecondsFine(s.talk.p90)}
              </td>
            </FigureRow>
          ))}
        </FigureTable>
      }
    />
  );
}
