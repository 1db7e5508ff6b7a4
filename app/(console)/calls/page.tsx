import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { CallList } from "@/components/calls/call-list";
import { LookupForm } from "@/components/calls/lookup-form";
import { PageHeader } from "@/components/console/page-header";
import { requireRole } from "@/lib/auth/session";
import { MAX_LOOKUP_IDS, parseLookupInput } from "@/lib/call-detail/parse-lookup-input";
import { consoleLinkTarget } from "@/lib/search/console-link";

export const metadata: Metadata = { title: "Look up calls" };

type Props = { searchParams: Promise<{ q?: string | string[] }> };

async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host") || "localhost";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${host}`;
}

// /calls?q=<pasted text>: what the search box submits. One valid ID goes straight to its
// permalink; a list (or anything malformed) is shown here, each ID with its result and a link.
export default async function CallsLookupPage({ searchParams }: Props) {
  await requireRole("support");
  const raw = (await searchParams).q;
  const text = (Array.isArray(raw) ? raw.join("\n") : (raw ?? "")).slice(0, 20_000);
  // A link to another page of this console (pasted into the form below) opens that page.
  const link = consoleLinkTarget(text, await requestOrigin());
  if (link !== null && !link.startsWith("/calls?") && link !== "/calls") redirect(link);
  const parsed = parseLookupInput(text);
  const invalid = parsed.entries.filter((e) => !e.ok);
  if (parsed.callIds.length === 1 && invalid.length === 0) {
    redirect(`/calls/${encodeURIComponent(parsed.callIds[0]!)}`);
  }
  return (
    <>
      <PageHeader
        title="Look up calls"
        description={`Paste call IDs or console links from a ticket, one per line or separated by commas (up to ${MAX_LOOKUP_IDS}).`}
      />
      <div className="flex flex-col gap-6">
        <LookupForm defaultValue={text} />
        {text.trim() !== "" && parsed.entries.length === 0 ? (
          <p role="alert" className="text-destructive text-sm">
            No call IDs were found in what was pasted.
          </p>
        ) : null}
        {parsed.entries.length > 0 ? (
          <CallList
            entries={parsed.entries.map((e) =>
              e.ok
                ? { ok: true, callId: e.callId }
                : { ok: false, input: e.input, reason: e.reason },
            )}
            truncated={parsed.truncated}
          />
        ) : null}
      </div>
    </>
  );
}
