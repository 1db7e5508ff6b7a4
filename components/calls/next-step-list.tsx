"use client";

import Link from "next/link";

import { useViewerTimeZone } from "@/components/calls/local-time";
import { nextStepLinks } from "@/lib/call-detail/next-steps";
import type { CallView } from "@/lib/call-detail/types";
import type { ResultExplanation } from "@/lib/calls/types";

/** The explanation's lookup as links; in UTC until the browser's zone is known. */
export function NextStepList({
  explanation,
  call,
}: {
  explanation: ResultExplanation;
  call: CallView;
}) {
  const zone = useViewerTimeZone() ?? "UTC";
  const links = nextStepLinks(explanation.lookup, call, zone);
  if (links.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1">
      {links.map((l) => (
        <li key={l.href}>
          <Link
            href={l.href}
            className="text-primary focus-visible:ring-ring/50 rounded-sm font-medium underline underline-offset-2 outline-none focus-visible:ring-[3px]"
          >
            {l.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
