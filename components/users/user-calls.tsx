"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { SearchX } from "lucide-react";

import { CopyTicketButton } from "@/components/calls/copy-ticket-button";
import { Pagination, type PageMove } from "@/components/records/pagination";
import { RecordsTable } from "@/components/records/records-table";
import { TableSkeleton } from "@/components/records/table-skeleton";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { RecordsPage } from "@/lib/queries/records";

function NoCalls({
  other,
  ranged,
  onClear,
}: {
  other: string | null;
  ranged: boolean;
  onClear: () => void;
}) {
  const title = other
    ? `No calls with ${other}${ranged ? " in this time range" : ""}`
    : "No calls in this time range";
  const detail = other
    ? "Neither called the other, and they were never in the same group call, in the period shown. Check the ID, or widen the range."
    : "This user made or received no calls in the period shown. Try a wider range.";
  return (
    <div
      role="status"
      className="bg-card flex flex-col items-center gap-2 rounded-lg border border-dashed px-6 py-10 text-center"
    >
      <SearchX aria-hidden className="text-muted-foreground size-8" />
      <h3 className="text-base font-semibold">{title}</h3>
      <p className="text-muted-foreground max-w-md text-sm">{detail}</p>
      <Button variant="outline" onClick={onClear}>
        Clear filters
      </Button>
    </div>
  );
}

/** The user's calls under the page's filters: loading, a problem, nothing, or the table. */
export function UserCalls({
  userId,
  list,
  problems,
  filtered,
  other,
  ranged,
  zone,
  sort,
  now,
  onSort,
  onPage,
  onClear,
}: {
  userId: string;
  list: UseQueryResult<RecordsPage>;
  problems: string[];
  filtered: boolean;
  other: string | null;
  ranged: boolean;
  zone: string;
  sort: string;
  now: number;
  onSort: (sort: string) => void;
  onPage: (to: PageMove) => void;
  onClear: () => void;
}) {
  if (problems.length > 0 || list.isError) {
    const status = list.error && "status" in list.error ? Number(list.error.status) : undefined;
    const server =
      problems.length === 0 && !(status !== undefined && status >= 400 && status < 500);
    return (
      <Alert variant="destructive">
        <AlertTitle>
          {server ? "The calls could not be loaded" : "This view's address has a problem"}
        </AlertTitle>
        <AlertDescription>
          {(problems.length > 0 ? problems : [list.error!.message]).map((m) => (
            <p key={m}>{m}</p>
          ))}
          <p>{server ? "Try again in a moment." : "Fix the value in the filters above."}</p>
        </AlertDescription>
      </Alert>
    );
  }
  const data = list.data;
  if (!data) return <TableSkeleton />;
  if (data.items.length === 0) {
    if (data.total > 0)
      return (
        <div className="flex flex-col items-start gap-2 text-sm">
          <p className="text-muted-foreground">This page is past the end of the list.</p>
          <Button variant="outline" size="sm" onClick={() => onPage({ page: 1, cursor: null })}>
            Go to page 1
          </Button>
        </div>
      );
    // Without filters, the summary above already says the index has no calls for this user.
    return filtered ? <NoCalls other={other} ranged={ranged} onClear={onClear} /> : null;
  }
  return (
    <>
      <div
        aria-busy={list.isPlaceholderData}
        className={
          list.isPlaceholderData
            ? "bg-card rounded-lg border opacity-60 transition-opacity"
            : "bg-card rounded-lg border"
        }
      >
        <RecordsTable
          items={data.items}
          zone={zone}
          sort={sort}
          onSort={onSort}
          perspective={userId}
          label={other ? `Calls of ${userId} with ${other}` : `Calls of ${userId}`}
          now={now}
          dayHeadings={sort.replace(/^-/, "") === "startedAt"}
          rowAction={(item) => <CopyTicketButton callId={item.callId} />}
        />
      </div>
      <div className="flex justify-end">
        <Pagination data={data} onPage={onPage} />
      </div>
    </>
  );
}
