import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { PageHeader } from "@/components/console/page-header";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { userHref } from "@/components/users/user-link";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { resolveId, type IdKind } from "@/lib/records/resolve-id";
import { userIdSchema } from "@/lib/records/user-id";
import { recordsHref } from "@/lib/search-params";

export const metadata: Metadata = { title: "Find a user or room" };

type Props = { searchParams: Promise<{ q?: string | string[] }> };

function hrefFor(kind: IdKind, id: string): string {
  if (kind === "call") return `/calls/${encodeURIComponent(id)}`;
  if (kind === "user") return userHref(id);
  return recordsHref({ room: id });
}

const LABEL: Record<IdKind, string> = {
  call: "the call",
  user: "the user",
  room: "calls in the room",
};

// Where the search box sends an ID that is not shaped like a call ID: the record index says
// whether it names a call, a user or a room, and one answer goes straight to its view.
export default async function FindPage({ searchParams }: Props) {
  await requireRole("support");
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  const valid = q ? userIdSchema.safeParse(q) : null;
  const kinds = valid?.success ? await resolveId(await getDb(), valid.data) : [];
  if (valid?.success && kinds.length === 1) redirect(hrefFor(kinds[0]!, valid.data));

  return (
    <>
      <PageHeader
        title="Find a user or room"
        description="A user ID, room ID or call ID, as it appears in the app or a ticket."
      />
      <form action="/users" className="mb-6 flex max-w-md gap-2">
        <label htmlFor="find-id" className="sr-only">
          User, room or call ID
        </label>
        <Input
          id="find-id"
          name="q"
          defaultValue={q}
          className="font-mono"
          autoComplete="off"
          spellCheck={false}
        />
        <Button type="submit">Find</Button>
      </form>
      {valid && !valid.success ? (
        <p role="alert" className="text-destructive text-sm">
          The ID {valid.error.issues[0]?.message}.
        </p>
      ) : valid?.success && kinds.length > 1 ? (
        <section aria-label="Matches" className="flex flex-col gap-2 text-sm">
          <p>
            <span className="font-mono">{q}</span> names more than one thing in the index. Open:
          </p>
          <ul className="list-disc pl-5">
            {kinds.map((k) => (
              <li key={k}>
                <Link href={hrefFor(k, valid.data)} className="underline underline-offset-2">
                  {LABEL[k]}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : valid?.success ? (
        <section aria-label="No match" className="flex flex-col gap-2 text-sm">
          <p>
            Nothing in the record index is called <span className="font-mono">{q}</span>. It may be
            newer than the last sync, or not an ID the index has seen. You can still:
          </p>
          <ul className="list-disc pl-5">
            <li>
              <Link href={hrefFor("call", valid.data)} className="underline underline-offset-2">
                ask Tencent for a call with this ID
              </Link>
            </li>
            <li>
              <Link href={hrefFor("user", valid.data)} className="underline underline-offset-2">
                open the user page for this ID
              </Link>
            </li>
          </ul>
        </section>
      ) : null}
    </>
  );
}
