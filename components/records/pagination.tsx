import { ChevronLeft, ChevronRight } from "lucide-react";

import { Button } from "@/components/ui/button";
import type { RecordsPage } from "@/lib/queries/records";

import { formatCount } from "./format";

/** Where a page button leads: the page's number, and the API's cursor for it (null: page 1). */
export type PageMove = { page: number; cursor: string | null };

/** The URL for a move: page 1 is a fresh walk, so it carries neither. */
export const pageUrlPatch = ({ page, cursor }: PageMove) =>
  page <= 1 ? { page: null, cursor: null } : { page: String(page), cursor };

// Next and previous follow the answer's cursors, so rows the sync writes meanwhile cannot shift
// the pages; the page number stays in the URL for people reading it.
export function Pagination({
  data,
  onPage,
}: {
  data: Pick<RecordsPage, "page" | "pageSize" | "total" | "nextCursor" | "prevCursor">;
  onPage: (to: PageMove) => void;
}) {
  const { page, pageSize, total, nextCursor, prevCursor } = data;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label="Pages" className="flex items-center gap-2 text-sm">
      <Button
        variant="outline"
        size="sm"
        disabled={page <= 1}
        onClick={() => onPage({ page: page - 1, cursor: prevCursor })}
        aria-label="Previous page"
      >
        <ChevronLeft aria-hidden />
      </Button>
      <span className="tabular-nums">
        Page {formatCount(page)} of {formatCount(pages)}
      </span>
      <Button
        variant="outline"
        size="sm"
        disabled={!nextCursor}
        onClick={() => onPage({ page: page + 1, cursor: nextCursor })}
        aria-label="Next page"
      >
        <ChevronRight aria-hidden />
      </Button>
    </nav>
  );
}
