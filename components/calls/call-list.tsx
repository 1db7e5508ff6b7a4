"use client";

import { useQueries } from "@tanstack/react-query";
import Link from "next/link";

import { LiveBadge, ResultBadge } from "@/components/calls/result-badge";
import { CardTable } from "@/components/console/card-table";
import { TitledSection } from "@/components/console/titled-section";
import { TableCell, TableRow } from "@/components/ui/table";
import { UserLink } from "@/components/users/user-link";
import type { CallDetailResult } from "@/lib/call-detail/types";
import { callDetailOptions } from "@/lib/queries/calls";
import { ApiRequestError } from "@/lib/queries/fetch-json";

export type ListEntry = { ok: true; callId: string } | { ok: false; input: string; reason: string };

function Outcome({
  data,
  error,
  pending,
}: {
  data?: CallDetailResult;
  error: unknown;
  pending: boolean;
}) {
  if (pending) return <span className="text-muted-foreground">Looking up…</span>;
  if (error) {
    const code =
      error instanceof ApiRequestError
        ? (error.details?.upstream as { code?: number | string } | undefined)?.code
        : undefined;
    return (
      <span className="text-destructive">
        Lookup failed{code !== undefined ? ` (Tencent ${code})` : ""}
      </span>
    );
  }
  if (!data) return null;
  if (data.kind === "not_found") return <span className="text-muted-foreground">Not found</span>;
  const { call, explanation } = data.detail;
  if (call.live) return <LiveBadge />;
  return call.result ? (
    <ResultBadge result={call.result} label={explanation?.label} />
  ) : (
    <span>—</span>
  );
}

/** Each pasted ID with its result and a link to its page; malformed entries with the reason. */
export function CallList({ entries, truncated }: { entries: ListEntry[]; truncated: number }) {
  const valid = entries.filter((e): e is Extract<ListEntry, { ok: true }> => e.ok);
  const results = useQueries({ queries: valid.map((e) => callDetailOptions(e.callId)) });
  const byId = new Map(valid.map((e, i) => [e.callId, results[i]]));
  return (
    <TitledSection
      id="lookup-results"
      title={`${valid.length} call ID${valid.length === 1 ? "" : "s"}`}
      className="gap-2"
    >
      {truncated > 0 ? (
        <p role="alert" className="text-destructive text-sm">
          {truncated} more ID{truncated === 1 ? " was" : "s were"} left out; look them up in a
          second batch.
        </p>
      ) : null}
      <CardTable label="Looked-up calls" columns={["Call ID", "Result", "Caller"]}>
        {entries.map((e) => {
          if (!e.ok) {
            return (
              <TableRow key={`bad:${e.input}`}>
                <TableCell className="font-mono break-all">{e.input}</TableCell>
                <TableCell colSpan={2} className="text-destructive">
                  Not a valid call ID: {e.reason}
                </TableCell>
              </TableRow>
            );
          }
          const q = byId.get(e.callId);
          const found = q?.data?.kind === "found" ? q.data.detail : null;
          return (
            <TableRow key={e.callId}>
              <TableCell className="font-mono break-all">
                <Link
                  href={`/calls/${encodeURIComponent(e.callId)}`}
                  className="underline-offset-4 hover:underline"
                >
                  {e.callId}
                </Link>
              </TableCell>
              <TableCell>
                <Outcome data={q?.data} error={q?.error} pending={!!q?.isPending} />
              </TableCell>
              <TableCell>
                {found?.call.caller ? <UserLink userId={found.call.caller} /> : null}
              </TableCell>
            </TableRow>
          );
        })}
      </CardTable>
    </TitledSection>
  );
}
