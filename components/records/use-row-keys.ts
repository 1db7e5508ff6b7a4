"use client";

import { useEffect, useRef, useState } from "react";

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * j / k move the active row (and focus it, so the focus ring shows where you are), Enter on a
 * focused row opens it. Keys typed into a field are left alone; `/` stays with the search box.
 */
export function useRowKeys(count: number, open: (index: number) => void) {
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const [active, setActive] = useState(-1);
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || isTypingTarget(event.target)) return;
      if (event.key !== "j" && event.key !== "k") return;
      if (count === 0) return;
      event.preventDefault();
      setActive((current) => {
        const next =
          event.key === "j" ? Math.min(count - 1, current + 1) : Math.max(0, current - 1);
        rows.current[next]?.focus();
        return next;
      });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [count]);

  const rowProps = (index: number) => ({
    ref: (el: HTMLTableRowElement | null) => {
      rows.current[index] = el;
    },
    // Roving tab stop: Tab enters the table once, at the active row (or the first).
    tabIndex: index === (active < 0 || active >= count ? 0 : active) ? 0 : -1,
    onFocus: () => setActive(index),
    onKeyDown: (event: React.KeyboardEvent<HTMLTableRowElement>) => {
      if (event.key === "Enter" && event.target === event.currentTarget) {
        event.preventDefault();
        openRef.current(index);
      }
    },
    "data-active": index === active ? "" : undefined,
  });

  return { rowProps, active };
}
