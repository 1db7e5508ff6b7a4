"use client";

import { useQuery } from "@tanstack/react-query";

import { rememberTimeZone } from "@/components/console/time-zone-choice";
import { Field, Select } from "@/components/records/field";
import { RecordsFilters } from "@/components/records/records-filters";
import { TimeZoneSwitch } from "@/components/records/view-settings";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { drillHref, type Drill } from "@/lib/insights/drill";
import { insightsOptions } from "@/lib/queries/insights";
import { CLEARED_FILTERS, hasNarrowingFilters } from "@/lib/search-params";

import { CoverageNote } from "./coverage-note";
import { DurationChart } from "./duration-chart";
import { previousShown, rangeLabel } from "./format";
import { OutcomeMix } from "./outcome-mix";
import { SegmentComparison } from "./segment-comparison";
import { SummaryCards } from "./summary-cards";
import { TopFailedUsers } from "./top-failed-users";
import { useInsightsUrl } from "./use-insights-url";
import { VolumeChart } from "./volume-chart";

const CLEARED = { ...CLEARED_FILTERS, bucket: null };

/** /insights: the record browser's filters on top, figures below, every figure a link to its calls. */
export function InsightsView({ retentionDays }: { retentionDays: number }) {
  const { state, set, setUrl, resolved } = useInsightsUrl(retentionDays);
  const blocked = !resolved || resolved.problems.length > 0;
  const insights = useQuery({
    ...insightsOptions(resolved?.query.toString() ?? ""),
    enabled: !blocked,
  });
  const data = insights.data;
  // Drill-downs keep the page's time zone choice, so the browser shows the same hours.
  const hrefFor = (figure: Drill) =>
    data ? drillHref(data, figure, state.tz === "local" ? undefined : state.tz) : null;
  const zone = resolved?.zone ?? "UTC";

  return (
    <div className="flex flex-col gap-4">
      <RecordsFilters
        state={state}
        zone={zone}
        set={set}
        canClear={
          hasNarrowingFilters(state) ||
          state.range !== "7d" ||
          state.from !== null ||
          state.to !== null ||
          state.bucket !== null
        }
        onClear={() => void setUrl(CLEARED)}
      />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <p aria-live="polite" className="text-muted-foreground text-sm">
          {data ? (
            <>
              <span className="text-foreground">
                {rangeLabel(data.range.from, data.range.to, data.range.tz)}
              </span>
              {previousShown(data) ? (
                <>
                  , compared with the{" "}
                  {data.range.bucket === "hour" ? "same number of hours" : "same number of days"}{" "}
                  before.
                </>
              ) : (
                "."
              )}
            </>
          ) : (
            "Loading figures…"
          )}
        </p>
        <div className="flex flex-wrap items-end gap-3">
          <Field label="Buckets" htmlFor="insights-bucket" className="flex-row items-center gap-2">
            <Select
              id="insights-bucket"
              value={state.bucket ?? ""}
              onChange={(v) => void setUrl({ bucket: v || null })}
              options={[
                { value: "", label: "Automatic" },
                { value: "hour", label: "Hours" },
                { value: "day", label: "Days" },
              ]}
              className="h-8"
            />
          </Field>
          {resolved ? (
            <TimeZoneSwitch
              tz={state.tz}
              localZone={resolved.zone}
              onChange={(tz) => {
                rememberTimeZone(tz);
                void setUrl({ tz: tz === "local" ? null : tz });
              }}
            />
          ) : null}
        </div>
      </div>

      {data ? <CoverageNote data={data} /> : null}

      {resolved && resolved.problems.length > 0 ? (
        <Alert variant="destructive">
          <AlertTitle>These filters cannot be used</AlertTitle>
          <AlertDescription>{resolved.problems.join("; ")}</AlertDescription>
        </Alert>
      ) : null}
      {insights.isError ? (
        <Alert variant="destructive">
          <AlertTitle>The figures could not be computed</AlertTitle>
          <AlertDescription>{insights.error.message}</AlertDescription>
        </Alert>
      ) : null}

      {!data && !insights.isError ? <InsightsSkeleton /> : null}
      {data && data.summary.total === 0 && !insights.isError ? (
        <Alert>
          <AlertTitle>No calls match</AlertTitle>
          <AlertDescription>
            No call in the index started in this range with these filters
            {data.summary.previous.total && previousShown(data)
              ? ` (the previous period had ${data.summary.previous.total})`
              : ""}
            . Widen the range or clear filters.
          </AlertDescription>
        </Alert>
      ) : null}
      {data && data.summary.total > 0 && !insights.isError ? (
        <div className="flex flex-col gap-4" aria-busy={insights.isFetching}>
          <SummaryCards data={data} hrefFor={hrefFor} />
          <VolumeChart data={data} hrefFor={hrefFor} />
          <div className="grid gap-4 lg:grid-cols-2">
            <OutcomeMix data={data} hrefFor={hrefFor} />
            <TopFailedUsers data={data} hrefFor={hrefFor} />
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <SegmentComparison data={data} dim="callType" hrefFor={hrefFor} />
            <SegmentComparison data={data} dim="mediaType" hrefFor={hrefFor} />
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <DurationChart data={data} metric="ring" hrefFor={hrefFor} />
            <DurationChart data={data} metric="talk" hrefFor={hrefFor} />
          </div>
        </div>
      ) : null}
    </div>
  );
}

export function InsightsSkeleton() {
  return (
    <div className="flex flex-col gap-4" aria-hidden>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
      <Skeleton className="h-80" />
      <div className="grid gap-4 lg:grid-cols-2">
        <Skeleton className="h-72" />
        <Skeleton className="h-72" />
      </div>
    </div>
  );
}
