"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Fragment, type ReactNode } from "react";

import { ResultBadge } from "@/components/calls/result-badge";
import { QualityBadge } from "@/components/quality/quality-badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { cn } from "@/components/ui/utils";
import { UserLink } from "@/components/users/user-link";
import { formatInZone } from "@/lib/call-detail/format-time";
import { callTypeLabel, mediaLabel, RESULT_LABELS } from "@/lib/calls/vocabulary";
import type { RecordItem } from "@/lib/queries/records";
import { recordsHref } from "@/lib/search-params";

import { dayInZone, formatSeconds, UPSTREAM_WINDOW_MS } from "./format";
import { useRowKeys } from "./use-row-keys";

type SortField = "startedAt" | "ringSeconds" | "talkSeconds";

const MAX_CALLEES_SHOWN = 3;
/** Columns a phone (below `sm`) leaves out, and those a tablet (below `md`) leaves out too. */
const PHONE_HIDDEN = "max-sm:hidden";
const NARROW_HIDDEN = "max-md:hidden";

function callHref(callId: string): string {
  return `/calls/${encodeURIComponent(callId)}`;
}

function SortHeader({
  field,
  label,
  sort,
  onSort,
  className,
}: {
  field: SortField;
  label: string;
  sort: string;
  onSort?: (sort: string) => void;
  className?: string;
}) {
  const current = sort.replace(/^-/, "") === field;
  const descending = sort.startsWith("-");
  const ariaSort = current ? (descending ? "descending" : "ascending") : "none";
  if (!onSort) return <TableHead className={className}>{label}</TableHead>;
  const Icon = current ? (descending ? ArrowDown : ArrowUp) : ArrowUpDown;
  return (
    <TableHead aria-sort={ariaSort} className={className}>
      <button
        type="button"
        // Longest / newest first is the useful first click; a second click flips it.
        onClick={() => onSort(current && descending ? field : `-${field}`)}
        className="hover:text-foreground focus-visible:ring-ring/50 -mx-1 inline-flex items-center gap-1 rounded px-1 outline-none focus-visible:ring-[3px]"
      >
        {label}
        <Icon aria-hidden className={cn("size-3.5", !current && "opacity-40")} />
      </button>
    </TableHead>
  );
}

function Callees({ ids, perspective }: { ids: string[]; perspective?: string }) {
  if (ids.length === 0) return <span className="text-muted-foreground">—</span>;
  const shown = ids.slice(0, MAX_CALLEES_SHOWN);
  return (
    <span className="flex flex-wrap gap-x-2">
      {shown.map((id) => (
        <UserLink key={id} userId={id} current={id === perspective} />
      ))}
      {ids.length > shown.length ? (
        <span className="text-muted-foreground" title={ids.slice(MAX_CALLEES_SHOWN).join(", ")}>
          +{ids.length - shown.length} more
        </span>
      ) : null}
    </span>
  );
}

/** A heading row where a new calendar day (in the shown zone) begins. */
function DayHeading({
  label,
  relative,
  columns,
}: {
  label: string;
  relative: string | null;
  columns: number;
}) {
  return (
    <TableRow data-day-separator className="bg-muted/40 hover:bg-muted/40">
      <TableCell colSpan={columns} className="py-1.5">
        <h3 className="text-muted-foreground text-xs font-semibold tracking-wide">
          {relative ? `${relative} · ` : ""}
          {label}
        </h3>
      </TableCell>
    </TableRow>
  );
}

function relativeDay(key: string, zone: string, now: number): string | null {
  if (now <= 0) return null;
  if (key === dayInZone(new Date(now).toISOString(), zone).key) return "Today";
  if (key === dayInZone(new Date(now - 86_400_000).toISOString(), zone).key) return "Yesterday";
  return null;
}

/**
 * Calls from the record index. A row opens the call (click, or Enter on the focused row); j/k
 * move between rows. User and room IDs inside a row are links of their own.
 */
export function RecordsTable({
  items,
  zone,
  sort,
  onSort,
  perspective,
  label,
  now,
  dayHeadings = false,
  rowAction,
}: {
  items: RecordItem[];
  zone: string;
  sort: string;
  onSort?: (sort: string) => void;
  /** On a user's page: that user, shown bold, with a column saying which side they were on. */
  perspective?: string;
  label: string;
  /** For the "archived" mark: rows older than Tencent's 7-day window. */
  now: number;
  /** A heading row at each new day; only meaningful when sorted by start time. */
  dayHeadings?: boolean;
  /** A last column with an action per row (the user page's "copy for ticket"). */
  rowAction?: (item: RecordItem) => ReactNode;
}) {
  const router = useRouter();
  const open = (index: number) => {
    const item = items[index];
    if (item) router.push(callHref(item.callId));
  };
  const { rowProps } = useRowKeys(items.length, open);

  return (
    // Narrow screens keep start, caller and result; the callees go under the caller and the
    // rest shows from the width where it fits (NARROW_HIDDEN, PHONE_HIDDEN).
    <Table aria-label={label} className="md:min-w-[960px] [&_td]:px-2.5 [&_th]:px-2.5">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <SortHeader field="startedAt" label="Start" sort={sort} onSort={onSort} />
          {perspective ? <TableHead className={PHONE_HIDDEN}>Side</TableHead> : null}
          <TableHead>Caller</TableHead>
          <TableHead className={PHONE_HIDDEN}>Callees</TableHead>
          <TableHead className={NARROW_HIDDEN}>Type</TableHead>
          <TableHead className={NARROW_HIDDEN}>Media</TableHead>
          <TableHead>Result</TableHead>
          <TableHead className={NARROW_HIDDEN}>Quality</TableHead>
          <SortHeader
            field="ringSeconds"
            label="Ring time"
            sort={sort}
            onSort={onSort}
            className={cn("text-right", NARROW_HIDDEN)}
          />
          <SortHeader
            field="talkSeconds"
            label="Talk time"
            sort={sort}
            onSort={onSort}
            className={cn("text-right", PHONE_HIDDEN)}
          />
          <TableHead className={NARROW_HIDDEN}>Room ID</TableHead>
          {rowAction ? (
            <TableHead>
              <span className="sr-only">Ticket</span>
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item, index) => {
          const archived = now - Date.parse(item.startedAt) > UPSTREAM_WINDOW_MS;
          const day = dayHeadings ? dayInZone(item.startedAt, zone) : null;
          const newDay =
            day !== null &&
            (index === 0 || dayInZone(items[index - 1]!.startedAt, zone).key !== day.key);
          return (
            <Fragment key={item.callId}>
              {newDay ? (
                <DayHeading
                  label={day.label}
                  relative={relativeDay(day.key, zone, now)}
                  columns={10 + (perspective ? 1 : 0) + (rowAction ? 1 : 0)}
                />
              ) : null}
              <TableRow
                {...rowProps(index)}
                data-call-id={item.callId}
                aria-label={`Call ${item.callId}`}
                className="focus-visible:bg-accent focus-visible:ring-ring data-[active]:bg-muted/60 cursor-pointer outline-none focus-visible:ring-2 focus-visible:ring-inset"
                onClick={(event) => {
                  // Links inside the row (user, room, the call itself) do their own navigation.
                  if ((event.target as HTMLElement).closest("a, button")) return;
                  if (window.getSelection()?.toString()) return; // selecting text to copy is not a click
                  open(index);
                }}
              >
                <TableCell className="max-sm:whitespace-normal">
                  <Link
                    href={callHref(item.callId)}
                    tabIndex={-1}
                    className="font-medium tabular-nums hover:underline"
                    title={`Open call ${item.callId}`}
                  >
                    <time dateTime={item.startedAt}>{formatInZone(item.startedAt, zone)}</time>
                  </Link>
                  {archived ? (
                    <span
                      className="text-muted-foreground ml-2 rounded border px-1 text-xs"
                      title="Older than Tencent's 7-day window: shown from the console's archive"
                    >
                      archived
                    </span>
                  ) : null}
                </TableCell>
                {perspective ? (
                  <TableCell className={cn("text-muted-foreground", PHONE_HIDDEN)}>
                    {item.caller === perspective ? "Caller" : "Callee"}
                  </TableCell>
                ) : null}
                <TableCell className="max-sm:[overflow-wrap:anywhere] max-sm:whitespace-normal">
                  <UserLink userId={item.caller} current={item.caller === perspective} />
                  <span className="text-muted-foreground flex flex-wrap gap-x-1 text-xs sm:hidden">
                    to <Callees ids={item.callees} perspective={perspective} />
                  </span>
                </TableCell>
                <TableCell className={cn("max-w-56 whitespace-normal", PHONE_HIDDEN)}>
                  <Callees ids={item.callees} perspective={perspective} />
                </TableCell>
                <TableCell className={NARROW_HIDDEN}>{callTypeLabel(item.callType)}</TableCell>
                <TableCell className={NARROW_HIDDEN}>{mediaLabel(item.mediaType)}</TableCell>
                <TableCell>
                  <ResultBadge result={item.result} label={RESULT_LABELS[item.result]} />
                </TableCell>
                <TableCell className={NARROW_HIDDEN}>
                  {item.quality ? (
                    <QualityBadge verdict={item.quality} />
                  ) : (
                    <span className="text-muted-foreground" title="Quality not fetched yet">
                      —
                    </span>
                  )}
                </TableCell>
                <TableCell className={cn("text-right tabular-nums", NARROW_HIDDEN)}>
                  {formatSeconds(item.ringSeconds)}
                </TableCell>
                <TableCell className={cn("text-right tabular-nums", PHONE_HIDDEN)}>
                  {formatSeconds(item.talkSeconds)}
                </TableCell>
                <TableCell className={NARROW_HIDDEN}>
                  {item.roomId ? (
                    <Link
                      href={recordsHref({ room: item.roomId })}
                      tabIndex={-1}
                      className="font-mono hover:underline"
                      title={`Calls in room ${item.roomId}`}
                    >
                      {item.roomId}
                    </Link>
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </TableCell>
                {rowAction ? <TableCell className="py-0">{rowAction(item)}</TableCell> : null}
              </TableRow>
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
}
