"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { BarChart, CartesianGrid, ResponsiveContainer } from "recharts";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Drill } from "@/lib/insights/drill";

import { formatCount } from "./format";

// One figure: a chart for the eye and, one click away, a table of the same numbers (with the same
// drill-down links) for screen readers, keyboards and copying.

/** The record-browser link behind a figure, or null when no call can match it. */
export type HrefFor = (figure: Drill) => string | null;

/** Opens the calls behind a chart mark in the record browser, when any can match. */
export function useOpenDrill(hrefFor: HrefFor): (figure: Drill) => void {
  const router = useRouter();
  return (figure) => {
    const href = hrefFor(figure);
    if (href) router.push(href);
  };
}

export function FigureCard({
  title,
  description,
  summary,
  chart,
  table,
  className,
}: {
  title: string;
  description?: React.ReactNode;
  /** Spoken description of what the chart shows (the chart itself is drawn for the eye). */
  summary: string;
  chart: React.ReactNode;
  table: React.ReactNode;
  className?: string;
}) {
  const [view, setView] = useState<"chart" | "table">("chart");
  const id = useId();
  return (
    <Card className={className} role="region" aria-labelledby={`${id}-title`}>
      <CardHeader className="flex-row items-start justify-between gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-1.5">
          <CardTitle id={`${id}-title`}>{title}</CardTitle>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </div>
        <div
          role="group"
          aria-label={`${title}: view as`}
          className="bg-card inline-flex shrink-0 rounded-md border p-0.5"
        >
          {(["chart", "table"] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
              className="aria-pressed:bg-primary aria-pressed:text-primary-foreground focus-visible:ring-ring/50 rounded px-2 py-1 text-xs capitalize outline-none focus-visible:ring-[3px]"
            >
              {v}
            </button>
          ))}
        </div>
      </CardHeader>
      <CardContent>
        {view === "chart" ? (
          <figure aria-label={summary} className="m-0">
            {chart}
            <figcaption className="sr-only">{summary}</figcaption>
          </figure>
        ) : (
          <div className="overflow-x-auto">{table}</div>
        )}
      </CardContent>
    </Card>
  );
}

/** A bar chart across the figure's width, with grid lines along the value axis only. */
export function BarFigure({
  data,
  className,
  style,
  layout = "horizontal",
  children,
}: {
  data: object[];
  /** The height, as a class or a style. */
  className?: string;
  style?: React.CSSProperties;
  /** `vertical`: one bar per row, growing to the right. */
  layout?: "horizontal" | "vertical";
  children: React.ReactNode;
}) {
  const rows = layout === "vertical";
  return (
    <div className={className ? `w-full ${className}` : "w-full"} style={style}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout={layout}
          margin={
            rows
              ? { top: 0, right: 16, bottom: 0, left: 0 }
              : { top: 8, right: 8, bottom: 0, left: 0 }
          }
        >
          <CartesianGrid
            {...(rows ? { horizontal: false } : { vertical: false })}
            stroke="var(--border)"
          />
          {children}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** A count that opens the calls behind it in the record browser (plain text when none can match). */
export function DrillLink({
  href,
  label,
  children,
}: {
  href: string | null;
  label: string;
  children: React.ReactNode;
}) {
  if (!href) return <span className="tabular-nums">{children}</span>;
  return (
    <Link
      href={href}
      aria-label={label}
      className="text-primary tabular-nums underline-offset-2 hover:underline focus-visible:underline"
    >
      {children}
    </Link>
  );
}

export const chartAxis = {
  tick: { fill: "var(--muted-foreground)", fontSize: 12 },
  stroke: "var(--border)",
  tickLine: false,
} as const;

export const tooltipStyle = {
  contentStyle: {
    background: "var(--popover)",
    border: "1px solid var(--border)",
    borderRadius: 8,
    color: "var(--popover-foreground)",
    fontSize: 12,
  },
  labelStyle: { color: "var(--popover-foreground)", fontWeight: 600 },
  itemStyle: { color: "var(--popover-foreground)" },
  cursor: { fill: "var(--muted)", opacity: 0.6 },
} as const;

export const thClass = "px-2 py-1.5 text-left text-xs font-medium text-muted-foreground";
export const tdClass = "px-2 py-1.5 text-sm";

/** The table view of a figure: one header row of `columns`, then the caller's rows. */
export function FigureTable({
  columns,
  children,
}: {
  columns: React.ReactNode[];
  children: React.ReactNode;
}) {
  return (
    <table className="w-full border-collapse">
      <thead>
        <tr className="border-b">
          {columns.map((c, i) => (
            <th key={i} scope="col" className={thClass}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** One row of a figure's table: `label` heads it, the cells follow. */
export function FigureRow({
  label,
  children,
}: {
  label: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <tr className="border-b last:border-0">
      <th scope="row" className={`${tdClass} text-left font-normal`}>
        {label}
      </th>
      {children}
    </tr>
  );
}

/** A table cell with a count that opens its calls. */
export function CountCell({
  count,
  href,
  label,
}: {
  count: number;
  href: string | null;
  label: string;
}) {
  return (
    <td className={tdClass}>
      <DrillLink href={href} label={label}>
        {formatCount(count)}
      </DrillLink>
    </td>
  );
}
