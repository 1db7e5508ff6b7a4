"use client";

import { TriangleAlert } from "lucide-react";
import Link from "next/link";

import { formatCount, formatSeconds } from "@/components/records/format";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatInZone } from "@/lib/call-detail/format-time";
import { RESULT_LABELS } from "@/lib/calls/vocabulary";
import type { UserSummary } from "@/lib/records/user-summary";
import { recordsHref } from "@/lib/search-params";

function Stat({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="bg-card flex flex-col gap-0.5 rounded-lg border px-4 py-3">
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

const orList = (items: string[]) =>
  items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;

/** Repeated trouble, newest first, each linking to exactly those calls in the record browser. */
export function TroubleFlags({ summary, zone }: { summary: UserSummary; zone: string }) {
  if (summary.flags.length === 0) return null;
  const { rule } = summary;
  return (
    <Alert variant="warning" aria-label="Repeated trouble">
      <TriangleAlert aria-hidden />
      <AlertTitle>Repeated trouble</AlertTitle>
      <AlertDescription className="text-warning-foreground">
        <p>
          {rule.threshold} or more calls that were{" "}
          {orList(rule.results.map((r) => RESULT_LABELS[r]?.toLowerCase() ?? r))} within{" "}
          {rule.windowHours} hours of each other:
        </p>
        <ul className="list-disc pl-5">
          {summary.flags.map((f) => {
            // `to` is exclusive in the API; one second past the last call includes it.
            const to = new Date(Date.parse(f.windowEnd) + 1000).toISOString();
            const href = recordsHref({
              user: summary.userId,
              result: rule.results,
              from: f.windowStart,
              to,
              tz: zone === "UTC" ? "UTC" : undefined,
            });
            const parts = Object.entries(f.byResult)
              .map(([r, n]) => `${n} × ${RESULT_LABELS[r] ?? r}`)
              .join(", ");
            return (
              <li key={f.windowEnd}>
                <Link href={href} className="font-medium underline underline-offset-2">
                  {f.count} calls in the 24 hours up to {formatInZone(f.windowEnd, zone)}
                </Link>{" "}
                ({parts}){f.current ? <strong> — still within the last 24 hours</strong> : null}
              </li>
            );
          })}
        </ul>
      </AlertDescription>
    </Alert>
  );
}

export function UserStats({ summary, zone }: { summary: UserSummary; zone: string }) {
  const at = (iso: string | null) => (
    <span className="text-sm">{iso ? formatInZone(iso, zone) : "—"}</span>
  );
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <Stat label="Calls" value={formatCount(summary.total)} />
      <Stat label="As caller" value={formatCount(summary.asCaller)} />
      <Stat label="As callee" value={formatCount(summary.asCallee)} />
      <Stat label="Talk time" value={formatSeconds(summary.talkSeconds)} />
      <Stat label="First call" value={at(summary.firstCallAt)} />
      <Stat label="Last call" value={at(summary.lastCallAt)} />
    </dl>
  );
}

export function OutcomeTable({ summary }: { summary: UserSummary }) {
  if (summary.byResult.length === 0) return null;
  const link = (result: string, n: number) =>
    n === 0 ? (
      <span className="text-muted-foreground">0</span>
    ) : (
      <Link
        href={recordsHref({ user: summary.userId, result: [result] })}
        className="underline-offset-2 hover:underline"
      >
        {formatCount(n)}
      </Link>
    );
  return (
    <div className="bg-card rounded-lg border">
      <Table aria-label="Outcomes">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Result</TableHead>
            <TableHead className="text-right">Calls</TableHead>
            <TableHead className="text-right">As caller</TableHead>
            <TableHead className="text-right">As callee</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {summary.byResult.map((r) => (
            <TableRow key={r.result}>
              <TableCell>{RESULT_LABELS[r.result] ?? r.result}</TableCell>
              <TableCell className="text-right tabular-nums">{link(r.result, r.total)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatCount(r.asCaller)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatCount(r.asCallee)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
