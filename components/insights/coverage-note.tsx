import { Info } from "lucide-react";

import type { Insights } from "@/lib/insights/types";

import { instantLabel, periodCoverage } from "./format";

/**
 * Says when the figures reach back before the index does (its first sync reads Tencent's last 7
 * days; pruning drops what is older than the retention): those periods are only partly counted,
 * and changes against them would mislead, so none are shown.
 */
export function CoverageNote({ data }: { data: Insights }) {
  const { completeFrom } = data.coverage;
  const text = noteText(data, completeFrom && instantLabel(completeFrom, data.range.tz));
  if (text === null) return null;
  return (
    <p
      role="note"
      aria-label="Index coverage"
      className="text-muted-foreground flex items-start gap-1.5 text-xs"
    >
      <Info aria-hidden className="mt-px size-3.5 shrink-0" />
      {text}
    </p>
  );
}

function noteText(data: Insights, since: string | null): string | null {
  if (since === null) {
    return "The index is still being filled (its first sync has not finished): calls may be missing.";
  }
  const holds = `The index holds every call from ${since} on.`;
  if (periodCoverage(data, "current") !== "whole") {
    return `${holds} This range starts earlier, so its figures are partial and the previous period is not compared.`;
  }
  switch (periodCoverage(data, "previous")) {
    case "whole":
      return null;
    case "part":
      return `${holds} The previous period starts earlier, so it is only partly counted and no changes are shown.`;
    case "none":
      return `${holds} The previous period lies before that, so it is not counted and no changes are shown.`;
  }
}
