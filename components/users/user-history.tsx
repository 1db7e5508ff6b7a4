"use client";

import { useQuery } from "@tanstack/react-query";
import { ListOrdered } from "lucide-react";
import Link from "next/link";
import { useQueryStates } from "nuqs";

import { useViewerTimeZone } from "@/components/calls/local-time";
import { TitledSection } from "@/components/console/titled-section";
import { formatCount } from "@/components/records/format";
import { Freshness } from "@/components/records/freshness";
import { Pagination } from "@/components/records/pagination";
import { RecordsTable } from "@/components/records/records-table";
import { TableSkeleton } from "@/components/records/table-skeleton";
import { useNow } from "@/components/records/use-now";
import { TimeZoneSwitch } from "@/components/records/view-settings";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { recordsPageOptions, userSummaryOptions } from "@/lib/queries/records";
import { recordsHref, recordsSearchParams, resolveRecordsQuery } from "@/lib/search-params";

import { OutcomeTable, TroubleFlags, UserStats } from "./user-summary";

const { page, sort, tz, pageSize } = recordsSearchParams;
const userPageParams = { page, sort, tz, pageSize };

/** One user's calls in both directions, with the outcome summary and trouble flags. */
export function UserHistory({ userId }: { userId: string }) {
  const [state, setUrl] = useQueryStates(userPageParams, { history: "push", scroll: false });
  const localZone = useViewerTimeZone();
  const now = useNow(60_000);
  const summary = useQuery(userSummaryOptions(userId));

  const resolved =
    localZone === null
      ? null
      : resolveRecordsQuery(
          {
            ...Object.fromEntries(Object.keys(recordsSearchParams).map((k) => [k, null])),
            ...state,
            user: userId,
          } as Parameters<typeof resolveRecordsQuery>[0],
          0,
          localZone,
        );
  const blocked = !resolved || resolved.problems.length > 0;
  const list = useQuery({
    ...recordsPageOptions(resolved?.query.toString() ?? ""),
    enabled: !blocked,
  });
  const zone = resolved?.zone ?? "UTC";

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Freshness />
        <div className="flex flex-wrap items-center gap-3">
          <TimeZoneSwitch
            tz={state.tz}
            localZone={localZone ?? "…"}
            onChange={(v) => void setUrl({ tz: v })}
          />
          <Button asChild variant="outline" size="sm">
            <Link href={recordsHref({ user: userId })}>
              <ListOrdered aria-hidden />
              Filter in the record browser
            </Link>
          </Button>
        </div>
      </div>

      {summary.isError ? (
        <Alert variant="destructive">
          <AlertTitle>The summary could not be loaded</AlertTitle>
          <AlertDescription>{summary.error.message}</AlertDescription>
        </Alert>
      ) : summary.data ? (
        summary.data.total === 0 ? (
          <Alert>
            <AlertTitle>No calls for this user in the index</AlertTitle>
            <AlertDescription>
              The index keeps calls for its retention period. Check the ID, or look the user up
              again after the next sync.
            </AlertDescription>
          </Alert>
        ) : (
          <>
            <TroubleFlags summary={summary.data} zone={zone} />
            <UserStats summary={summary.data} zone={zone} />
            <OutcomeTable summary={summary.data} />
          </>
        )
      ) : (
        <TableSkeleton rows={3} />
      )}

      <TitledSection
        id="user-calls"
        title={`Calls${list.data ? ` (${formatCount(list.data.total)})` : ""}`}
      >
        {resolved && resolved.problems.length > 0 ? (
          <Alert variant="destructive">
            <AlertTitle>This view&apos;s address has a problem</AlertTitle>
            <AlertDescription>{resolved.problems.join(" ")}</AlertDescription>
          </Alert>
        ) : list.isError ? (
          <Alert variant="destructive">
            <AlertTitle>The calls could not be loaded</AlertTitle>
            <AlertDescription>{list.error.message}</AlertDescription>
          </Alert>
        ) : !list.data ? (
          <TableSkeleton />
        ) : list.data.items.length > 0 ? (
          <>
            <div className="bg-card rounded-lg border">
              <RecordsTable
                items={list.data.items}
                zone={zone}
                sort={state.sort}
                onSort={(s) => void setUrl({ sort: s, page: null })}
                perspective={userId}
                label={`Calls of ${userId}`}
                now={now}
              />
            </div>
            <div className="flex justify-end">
              <Pagination
                page={list.data.page}
                pageSize={list.data.pageSize}
                total={list.data.total}
                onPage={(p) => void setUrl({ page: p === 1 ? null : String(p) })}
              />
            </div>
          </>
        ) : summary.data?.total ? (
          <p className="text-muted-foreground text-sm">This page is past the end of the list.</p>
        ) : null}
      </TitledSection>
    </div>
  );
}
