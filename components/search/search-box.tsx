"use client";

import { useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";

import { Input } from "@/components/ui/input";
import { userHref } from "@/components/users/user-link";
import { userSearchOptions } from "@/lib/queries/search";
import { searchTarget, suggestsUsers } from "@/lib/search/search-target";

import { optionId, UserSuggestions } from "./user-suggestions";

const SUGGEST_DELAY_MS = 200;

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The shell's search box: a call ID, a console link, a list or a ticket's text; a partial user
 * ID offers matching users from the index (a combobox: arrows, Enter, Escape). Focus: "/".
 */
export function SearchBox() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [value, setValue] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<string | null>(null);

  const text = value.trim();
  const settled = useDebounced(text, SUGGEST_DELAY_MS);
  const suggesting = open && suggestsUsers(text);
  const users = useQuery({
    ...userSearchOptions(settled),
    enabled: suggesting && settled === text,
  });
  const items = suggesting && settled === text ? (users.data?.items ?? []) : [];
  const expanded = suggesting && items.length > 0;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        event.key !== "/" ||
        event.metaKey ||
        event.ctrlKey ||
        event.altKey ||
        isTypingTarget(event.target)
      )
        return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  function close() {
    setOpen(false);
    setActive(-1);
  }

  function pick(userId: string) {
    setValue(userId);
    close();
    input.current?.blur();
    router.push(userHref(userId));
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (expanded && active >= 0 && items[active]) return pick(items[active].userId);
    if (text === "") {
      setError("Paste a call ID, a link to a call, or a list of call IDs.");
      return;
    }
    setError(null);
    close();
    // The text stays in the box: if nothing is found, a typo can be fixed and sent again. Focus
    // leaves it, so "/" selects the text and the next search replaces it.
    input.current?.blur();
    router.push(searchTarget(text, window.location.origin));
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return setOpen(true);
      if (items.length === 0) return;
      // -1 is the box itself: the arrows cycle through it and the options.
      const step = event.key === "ArrowDown" ? 1 : -1;
      const slots = items.length + 1;
      setActive((i) => ((i + 1 + step + slots) % slots) - 1);
    } else if (event.key === "Escape" && suggesting) {
      // The list goes first; a second Escape is the browser's own (it clears the box).
      event.preventDefault();
      close();
    }
  }

  return (
    <form role="search" onSubmit={submit} className="relative flex w-full max-w-sm flex-col">
      <label htmlFor="call-search" className="sr-only">
        Look up calls
      </label>
      <Search
        aria-hidden
        className="text-muted-foreground pointer-events-none absolute top-2.5 left-2.5 size-4"
      />
      <Input
        ref={input}
        id="call-search"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={expanded ? listId : undefined}
        aria-activedescendant={expanded && active >= 0 ? optionId(listId, active) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="Call, user or room ID, link…"
        className="h-9 pr-8 pl-8 font-mono text-sm"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "call-search-error" : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setOpen(true);
          setActive(-1);
          setError(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
        onPaste={(e) => {
          // A single-line input drops the line breaks of a pasted list; keep them as commas.
          const pasted = e.clipboardData.getData("text");
          if (!/[\r\n]/.test(pasted.trim())) return;
          e.preventDefault();
          setValue(
            pasted
              .trim()
              .split(/\s*[\r\n]+\s*/)
              .join(", "),
          );
        }}
      />
      <kbd
        aria-hidden
        className="text-muted-foreground pointer-events-none absolute top-2 right-2 rounded border px-1.5 font-mono text-xs"
      >
        /
      </kbd>
      {suggesting ? (
        <UserSuggestions
          id={listId}
          text={text}
          items={items}
          pending={settled !== text || users.isFetching}
          error={users.error ? users.error.message : null}
          active={active}
          onPick={pick}
          onHover={setActive}
        />
      ) : null}
      {error ? (
        <p
          id="call-search-error"
          role="alert"
          className="bg-card text-destructive absolute top-full mt-1 rounded px-2 py-1 text-xs shadow"
        >
          {error}
        </p>
      ) : null}
    </form>
  );
}
