"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import {
  chartAxis,
  FigureCard,
  FigureRow,
  FigureTable,
  tdClass,
  tooltipStyle,
} from "@/components/insights/figure-card";
import { formatOffset } from "@/lib/call-detail/story-labels";
import { gradeLoss, LOSS_BANDS } from "@/lib/calls/quality";
import { LOSS_GRADE_LABELS } from "@/lib/calls/vocabulary";
import type { QualityParticipantView } from "@/lib/quality/types";
import type { QualityMetric, QualityPoint } from "@/lib/trtc-cloud/types";

// Loaded with next/dynamic (participant-quality.tsx): Recharts stays out of the call page's
// first JavaScript.

type Row = { offsetMs: number; up: number | null; down: number | null; loss: number | null };

const CHARTS = [
  { title: "Packet loss", unit: "%", up: "lossUp", down: "lossDown" },
  { title: "Bitrate", unit: "kbit/s", up: "bitrateUp", down: "bitrateDown" },
  { title: "Frame rate", unit: "fps", up: "fpsUp", down: "fpsDown" },
] as const satisfies { title: string; unit: string; up: QualityMetric; down: QualityMetric }[];

const BAND_FILL = {
  fair: "oklch(0.85 0.12 85 / 0.25)",
  poor: "oklch(0.75 0.15 50 / 0.25)",
  congested: "oklch(0.65 0.2 25 / 0.25)",
};

function rowsOf(
  up: QualityPoint[] | undefined,
  down: QualityPoint[] | undefined,
  lossUp: QualityPoint[] | undefined,
  lossDown: QualityPoint[] | undefined,
  start: number,
): Row[] {
  const byTime = new Map<number, Row>();
  const row = (at: string) => {
    const offsetMs = Date.parse(at) - start;
    let r = byTime.get(offsetMs);
    if (!r) byTime.set(offsetMs, (r = { offsetMs, up: null, down: null, loss: null }));
    return r;
  };
  for (const p of up ?? []) row(p.at).up = p.value;
  for (const p of down ?? []) row(p.at).down = p.value;
  // The worse direction's loss at each moment grades every chart's rows.
  for (const p of [...(lossUp ?? []), ...(lossDown ?? [])]) {
    const r = byTime.get(Date.parse(p.at) - start);
    if (r) r.loss = Math.max(r.loss ?? 0, p.value);
  }
  return [...byTime.values()].sort((a, b) => a.offsetMs - b.offsetMs);
}

const fmt = (v: number | null) => (v === null ? "—" : String(Math.round(v * 10) / 10));

function Chart({ rows, unit, loss }: { rows: Row[]; unit: string; loss: boolean }) {
  const max = Math.max(
    LOSS_BANDS.congested + 5,
    ...rows.map((r) => Math.max(r.up ?? 0, r.down ?? 0)),
  );
  return (
    <div className="h-40 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          {loss ? (
            <>
              <ReferenceArea y1={LOSS_BANDS.good} y2={LOSS_BANDS.poor} fill={BAND_FILL.fair} />
              <ReferenceArea y1={LOSS_BANDS.poor} y2={LOSS_BANDS.congested} fill={BAND_FILL.poor} />
              <ReferenceArea y1={LOSS_BANDS.congested} y2={max} fill={BAND_FILL.congested} />
            </>
          ) : null}
          <XAxis
            dataKey="offsetMs"
            type="number"
            domain={["dataMin", "dataMax"]}
            tickFormatter={(v: number) => formatOffset(v)}
            {...chartAxis}
          />
          <YAxis
            {...chartAxis}
            width={44}
            domain={loss ? [0, max] : [0, "auto"]}
            unit={loss ? "%" : ""}
          />
          <Legend
            verticalAlign="top"
            align="right"
            height={18}
            iconSize={8}
            wrapperStyle={{ fontSize: 11 }}
          />
          <Tooltip
            {...tooltipStyle}
            labelFormatter={(v) => formatOffset(Number(v))}
            formatter={(v) => `${fmt(Number(v))} ${unit}`}
          />
          <Line
            dataKey="up"
            name="Upstream"
            stroke="oklch(0.62 0.13 250)"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            dataKey="down"
            name="Downstream"
            stroke="oklch(0.65 0.16 30)"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function QualityCharts({
  participant: p,
  startedAt,
}: {
  participant: QualityParticipantView;
  startedAt: string | null;
}) {
  const firstSample = Object.values(p.series)
    .flat()
    .map((x) => Date.parse(x.at))
    .sort((a, b) => a - b)[0];
  const start = startedAt ? Date.parse(startedAt) : (firstSample ?? 0);
  return (
    <div className="grid gap-3 lg:grid-cols-3">
      {CHARTS.map((c) => {
        const rows = rowsOf(
          p.series[c.up],
          p.series[c.down],
          p.series.lossUp,
          p.series.lossDown,
          start,
        );
        const title = `${c.title} (${c.unit})`;
        const summary = `${p.userId}'s ${c.title.toLowerCase()} over the call, upstream and downstream, ${rows.length} samples.`;
        return (
          <FigureCard
            key={c.title}
            title={title}
            description={`${p.userId}, upstream (sent) and downstream (received)`}
            summary={summary}
            chart={
              rows.length > 0 ? (
                <Chart rows={rows} unit={c.unit} loss={c.up === "lossUp"} />
              ) : (
                <p className="text-muted-foreground text-sm">No samples from Tencent.</p>
              )
            }
            table={
              // A two-minute call has sixty rows: the table scrolls inside the card (and by keyboard).
              <div
                tabIndex={0}
                aria-label={`${title} samples for ${p.userId}`}
                className="focus-visible:ring-ring/50 max-h-64 overflow-y-auto rounded outline-none focus-visible:ring-[3px]"
              >
                <FigureTable
                  columns={["Time", `Upstream (${c.unit})`, `Downstream (${c.unit})`, "Loss band"]}
                >
                  {rows.map((r) => (
                    <FigureRow key={r.offsetMs} label={formatOffset(r.offsetMs)}>
                      <td className={`${tdClass} tabular-nums`}>{fmt(r.up)}</td>
                      <td className={`${tdClass} tabular-nums`}>{fmt(r.down)}</td>
                      <td className={tdClass}>
                        {r.loss === null ? "—" : LOSS_GRADE_LABELS[gradeLoss(r.loss)]}
                      </td>
                    </FigureRow>
                  ))}
                </FigureTable>
              </div>
            }
          />
        );
      })}
    </div>
  );
}
