"use client";

import { formatInZone, viewerTimeZone } from "@/lib/call-detail/format-time";
import type { UserMatch } from "@/lib/search/user-search-types";

export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

type Props = {
  id: string;
  text: string;
  items: UserMatch[];
  pending: boolean;
  error: string | null;
  active: number;
  onPick: (userId: string) => void;
  onHover: (index: number) => void;
};

/** The listbox under the search box: user IDs from the index matching what was typed. */
export function UserSuggestions({
  id,
  text,
  items,
  pending,
  error,
  active,
  onPick,
  onHover,
}: Props) {
  const zone = viewerTimeZone();
  let note: string | null = null;
  if (error) note = `User IDs could not be searched: ${error}`;
  else if (pending && items.length === 0) note = "Searching user IDs…";
  else if (items.length === 0) note = `No indexed user ID contains “${text}”. Enter looks it up.`;
  return (
    <div className="bg-popover text-popover-foreground absolute top-full right-0 left-0 z-50 mt-1 overflow-hidden rounded-md border shadow-md">
      {items.length > 0 ? (
        <ul
          id={id}
          role="listbox"
          aria-label="Matching user IDs"
          className="max-h-80 overflow-y-auto py-1"
        >
          {items.map((item, i) => (
            <li
              key={item.userId}
              id={optionId(id, i)}
              role="option"
              aria-selected={i === active}
              // Keeps focus in the box, so the pick happens before a blur closes the list.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onPick(item.userId)}
              onMouseMove={() => onHover(i)}
              className="aria-selected:bg-accent aria-selected:text-accent-foreground flex cursor-pointer flex-col px-3 py-1.5"
            >
              <span className="font-mono text-sm break-all">{item.userId}</span>
              <span className="text-muted-foreground text-xs">
                {item.calls.toLocaleString("en-US")} call{item.calls === 1 ? "" : "s"} · last{" "}
                <time dateTime={item.lastCallAt}>{formatInZone(item.lastCallAt, zone)}</time>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {note ? (
        <p
          role="status"
          className={`px-3 py-2 text-xs ${error ? "text-destructive" : "text-muted-foreground"}`}
        >
          {note}
        </p>
      ) : null}
    </div>
  );
}
