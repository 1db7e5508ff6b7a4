"use client";

import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useQueryStates } from "nuqs";

import { useViewerTimeZone } from "@/components/calls/local-time";
import { rememberTimeZone, useTimeZoneChoice } from "@/components/console/time-zone-choice";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { KNOWN_CALL_RESULTS } from "@/lib/calls/types";
import { exportHref, recordsPageOptions } from "@/lib/queries/records";
import {
  CLEARED_FILTERS,
  hasNarrowingFilters,
  recordsSearchParams,
  resolveRecordsQuery,
  type RecordsUrlState,
} from "@/lib/search-params";

import { EmptyResult } from "./empty-result";
import { formatCount } from "./format";
import { Freshness } from "./freshness";
import { pageUrlPatch, Pagination } from "./pagination";
import { RecordsFilters } from "./records-filters";
import { RecordsTable } from "./records-table";
import { TableSkeleton } from "./table-skeleton";
import { useAnchor } from "./use-anchor";
import { PageSizeSelect, TimeZoneSwitch } from "./view-settings";

const CLEARED = { ...CLEARED_FILTERS, page: null, cursor: null };

/** The record browser: every piece of state is in the URL, so a copied link is the same view. */
export function RecordsBrowser({ canExport }: { canExport: boolean }) {
  const [state, setUrl] = useQueryStates(recordsSearchParams, { history: "push", scroll: false });
  const localZone = useViewerTimeZone();
  const tz = useTimeZoneChoice(state.tz);
  const anchor = useAnchor(`${state.range}|${tz}`);

  const ready = localZone !== null && anchor !== null;
  const resolved = ready ? resolveRecordsQuery({ ...state, tz }, anchor, localZone) : null;
  const queryString = resolved?.query.toString() ?? "";
  const blocked = !resolved || resolved.problems.length > 0;
  const list = useQuery({ ...recordsPageOptions(queryString), enabled: !blocked });

  // Any change of what is shown starts again at page 1.
  const setFilters = (patch: Partial<RecordsUrlState>) =>
    void setUrl({ ...patch, page: null, cursor: null });
  const zone = resolved?.zone ?? "UTC";
  const data = list.data;
  const page = data?.page ?? 1;
  const pageSize = data?.pageSize ?? 50;

  return (
    <div className="flex flex-col gap-4">
      <RecordsFilters
        state={state}
        zone={zone}
        set={setFilters}
        canClear={
          hasNarrowingFilters(state) ||
          state.range !== null ||
          state.from !== null ||
          state.to !== null ||
          state.around !== null
        }
        onClear={() => void setUrl(CLEARED)}
      />

      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-col gap-1">
          <p aria-live="polite" className="text-sm">
            {data && !list.isError ? (
              <>
                <strong data-testid="records-total" className="tabular-nums">
                  {formatCount(data.total)}
                </strong>{" "}
                call{data.total === 1 ? "" : "s"}
                {data.total > 0 ? (
                  <span className="text-muted-foreground">
                    {" "}
                    · showing {formatCount(Math.min(data.total, (page - 1) * pageSize + 1))}–
                    {formatCount(Math.min(data.total, page * pageSize))}
                  </span>
                ) : null}
              </>
            ) : (
              <span className="text-muted-foreground">{list.isError ? "" : "Loading calls…"}</span>
            )}
          </p>
          <Freshness />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <TimeZoneSwitch
            tz={tz}
            localZone={localZone ?? "…"}
            onChange={(next) => {
              rememberTimeZone(next);
              void setUrl({ tz: next });
            }}
          />
          <PageSizeSelect
            value={state.pageSize}
            onChange={(pageSize) => setFilters({ pageSize })}
          />
          {canExport && resolved && !blocked ? (
            <Button asChild variant="outline" size="sm">
              <a href={exportHref(resolved.query, zone)} download>
                <Download aria-hidden />
                Export CSV
              </a>
            </Button>
          ) : null}
        </div>
      </div>

      <UnknownResults results={state.result} />

      {resolved && resolved.problems.length > 0 ? (
        <BadQuery messages={resolved.problems} />
      ) : list.isError ? (
        <BadQuery
          messages={[list.error.message]}
          status={"status" in list.error ? Number(list.error.status) : undefined}
        />
      ) : !data ? (
        <TableSkeleton />
      ) : data.items.length === 0 ? (
        <EmptyResult
          state={state}
          query={resolved!.query}
          total={data.total}
          onClear={() => void setUrl(CLEARED)}
          onFirstPage={() => void setUrl({ page: null, cursor: null })}
        />
      ) : (
        <>
          <div
            // The previous page's rows stay up, dimmed, until the new ones arrive.
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
              sort={state.sort}
              onSort={(sort) => setFilters({ sort })}
              label="Call records"
              now={anchor ?? 0}
            />
          </div>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-muted-foreground text-xs">
              <kbd className="rounded border px-1 font-mono">j</kbd>/
              <kbd className="rounded border px-1 font-mono">k</kbd> move through rows,{" "}
              <kbd className="rounded border px-1 font-mono">Enter</kbd> opens the call,{" "}
              <kbd className="rounded border px-1 font-mono">/</kbd> searches
            </p>
            <Pagination data={data} onPage={(to) => void setUrl(pageUrlPatch(to))} />
          </div>
        </>
      )}
    </div>
  );
}

/**
 * A result name Tencent might add later is accepted by the API (and stored as-is by the sync), so
 * it is not an error; but a typo would silently show nothing, hence the note.
 */
function UnknownResults({ results }: { results: string[] | null }) {
  const unknown = (results ?? []).filter(
    (r) => !(KNOWN_CALL_RESULTS as readonly string[]).includes(r),
  );
  if (unknown.length === 0) return null;
  return (
    <p
      role="note"
      aria-label="Unknown result"
      className="text-muted-foreground rounded-md border border-dashed px-3 py-2 text-sm"
    >
      {unknown.join(", ")} {unknown.length === 1 ? "is not a result" : "are not results"} Tencent is
      known to send ({KNOWN_CALL_RESULTS.join(", ")}); only calls recorded with exactly{" "}
      {unknown.length === 1 ? "that name" : "those names"} are shown.
    </p>
  );
}

function BadQuery({ messages, status }: { messages: string[]; status?: number }) {
  const client = status === undefined || (status >= 400 && status < 500);
  return (
    <Alert variant="destructive">
      <AlertTitle>
        {client ? "This view's address has a problem" : "The calls could not be loaded"}
      </AlertTitle>
      <AlertDescription>
        {messages.map((m) => (
          <p key={m}>{m}</p>
        ))}
        {client ? (
          <p>
            Fix the value in the filters above, or{" "}
            <a href="/records" className="underline">
              start again with no filters
            </a>
            .
          </p>
        ) : (
          <p>Try again in a moment.</p>
        )}
      </AlertDescription>
    </Alert>
  );
}
