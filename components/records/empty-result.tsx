"use client";

import { useQuery } from "@tanstack/react-query";
import { SearchX } from "lucide-react";

import { Button } from "@/components/ui/button";
import { recordsPageOptions } from "@/lib/queries/records";
import { hasNarrowingFilters, type RecordsUrlState } from "@/lib/search-params";

import { formatCount } from "./format";

/**
 * An empty page says why: a page past the end, filters that exclude everything in the range, or
 * nothing in the range at all. The second case is told apart by counting the range alone.
 */
export function EmptyResult({
  state,
  query,
  total,
  onClear,
  onFirstPage,
}: {
  state: RecordsUrlState;
  query: URLSearchParams;
  total: number;
  onClear: () => void;
  onFirstPage: () => void;
}) {
  const narrowed = hasNarrowingFilters(state);
  const rangeOnly = new URLSearchParams();
  for (const key of ["from", "to"]) {
    const v = query.get(key);
    if (v) rangeOnly.set(key, v);
  }
  rangeOnly.set("pageSize", "1");
  const inRange = useQuery({
    ...recordsPageOptions(rangeOnly.toString()),
    enabled: narrowed && total === 0,
  });

  let title: string;
  let detail: string;
  let action: React.ReactNode = null;
  if (total > 0) {
    title = "This page is past the end";
    detail = `There are ${formatCount(total)} matching calls, fewer than this page would start at.`;
    action = (
      <Button variant="outline" onClick={onFirstPage}>
        Go to page 1
      </Button>
    );
  } else if (narrowed) {
    title = "No calls match these filters";
    const n = inRange.data?.total;
    detail =
      n === undefined
        ? "The time range has calls or not; checking…"
        : n > 0
          ? `The time range itself has ${formatCount(n)} call${n === 1 ? "" : "s"}; the filters exclude all of them.`
          : "The time range has no calls at all, with or without filters.";
    action = (
      <Button variant="outline" onClick={onClear}>
        Clear filters
      </Button>
    );
  } else {
    title = "No calls in this time range";
    detail =
      query.has("from") || query.has("to")
        ? "Nothing was indexed for this period. Try a wider range."
        : "The index is empty. It fills from Tencent on the first sync.";
  }
  return (
    <div
      role="status"
      className="bg-card flex flex-col items-center gap-2 rounded-lg border border-dashed px-6 py-12 text-center"
    >
      <SearchX aria-hidden className="text-muted-foreground size-8" />
      <h2 className="text-base font-semibold">{title}</h2>
      <p className="text-muted-foreground max-w-md text-sm">{detail}</p>
      {action}
    </div>
  );
}
