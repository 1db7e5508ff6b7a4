"use client";

import { useQuery } from "@tanstack/react-query";
import { ListOrdered } from "lucide-react";
import Link from "next/link";
import { useQueryStates } from "nuqs";

import { useViewerTimeZone } from "@/components/calls/local-time";
import { rememberTimeZone, useTimeZoneChoice } from "@/components/console/time-zone-choice";
import { TitledSection } from "@/components/console/titled-section";
import { formatCount } from "@/components/records/format";
import { Freshness } from "@/components/records/freshness";
import { pageUrlPatch } from "@/components/records/pagination";
import { TableSkeleton } from "@/components/records/table-skeleton";
import { useAnchor } from "@/components/records/use-anchor";
import { useNow } from "@/components/records/use-now";
import { TimeZoneSwitch } from "@/components/records/view-settings";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { recordsPageOptions, userSummaryOptions } from "@/lib/queries/records";
import {
  recordsHref,
  recordsSearchParams,
  resolveRecordsQuery,
  userPageSearchParams,
  type RecordsUrlState,
  type UserPageUrlState,
} from "@/lib/search-params";

import { UserCalls } from "./user-calls";
import { hasUserFilters, UserCallsFilters } from "./user-calls-filters";
import { OutcomeTable, TroubleFlags, UserStats } from "./user-summary";

const NO_RECORDS_FILTERS = Object.fromEntries(
  Object.keys(recordsSearchParams).map((k) => [k, null]),
) as unknown as RecordsUrlState;

/** One user's calls in both directions, with the outcome summary and trouble flags. */
export function UserHistory({ userId }: { userId: string }) {
  const [state, setUrl] = useQueryStates(userPageSearchParams, { history: "push", scroll: false });
  const localZone = useViewerTimeZone();
  const tz = useTimeZoneChoice(state.tz);
  const anchor = useAnchor(`${state.range}|${tz}`);
  const now = useNow(60_000);
  const summary = useQuery(userSummaryOptions(userId));

  const { with: other, ...rest } = state;
  const resolved =
    localZone === null || anchor === null
      ? null
      : resolveRecordsQuery(
          { ...NO_RECORDS_FILTERS, ...rest, tz, user: userId, with: other },
          anchor,
          localZone,
        );
  const blocked = !resolved || resolved.problems.length > 0;
  const list = useQuery({
    ...recordsPageOptions(resolved?.query.toString() ?? ""),
    enabled: !blocked,
  });
  const zone = resolved?.zone ?? "UTC";
  // Any change of what is shown starts again at page 1.
  const setFilters = (patch: Partial<UserPageUrlState>) =>
    void setUrl({ ...patch, page: null, cursor: null });
  const total = list.data && !list.isError ? list.data.total : null;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Freshness />
        <div className="flex flex-wrap items-center gap-3">
          <TimeZoneSwitch
            tz={tz}
            localZone={localZone ?? "…"}
            onChange={(v) => {
              rememberTimeZone(v);
              void setUrl({ tz: v });
            }}
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
        title={`Calls${other ? ` with ${other}` : ""}${total !== null ? ` (${formatCount(total)})` : ""}`}
      >
        <UserCallsFilters state={state} zone={zone} set={setFilters} />
        <UserCalls
          userId={userId}
          list={list}
          problems={resolved?.problems ?? []}
          filtered={hasUserFilters(state)}
          other={other}
          ranged={resolved?.query.has("from") || resolved?.query.has("to") || false}
          zone={zone}
          sort={state.sort}
          now={now}
          onSort={(sort) => setFilters({ sort })}
          onPage={(to) => void setUrl(pageUrlPatch(to))}
          onClear={() =>
            setFilters({ range: null, from: null, to: null, around: null, with: null })
          }
        />
      </TitledSection>
    </div>
  );
}
