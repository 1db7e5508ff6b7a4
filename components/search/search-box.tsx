"use client";

import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

import { Input } from "@/components/ui/input";

// A bare token that is certainly a single call ID can go straight to its page; anything else
// (links, lists, surrounding text) goes to /calls?q=, where the server parses it with the same
// rules as the API. This keeps the ID rules (and zod) out of the browser bundle.
const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
// TUICallKit call IDs are UUIDs; any other bare token may as well be a user or room ID, so it goes
// to /users?q=, which looks it up in the record index and opens the call, user or room it names.
// "user:" and "room:" say which outright.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PREFIXED = /^(user|room)\s*:\s*(\S.*)$/i;

function targetFor(text: string): string {
  const prefixed = PREFIXED.exec(text);
  if (prefixed) {
    const id = encodeURIComponent(prefixed[2]!.trim());
    return prefixed[1]!.toLowerCase() === "user" ? `/users/${id}` : `/records?room=${id}`;
  }
  if (!PLAIN_ID.test(text)) return `/calls?q=${encodeURIComponent(text)}`;
  return UUID.test(text)
    ? `/calls/${encodeURIComponent(text)}`
    : `/users?q=${encodeURIComponent(text)}`;
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** The shell's search box: a call ID, a console link, or a list pasted from a ticket. Focus: "/". */
export function SearchBox() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);

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

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const text = value.trim();
    if (text === "") {
      setError("Paste a call ID, a link to a call, or a list of call IDs.");
      return;
    }
    setError(null);
    router.push(targetFor(text));
    // The box is ready for the next ticket; what was looked up is in the page and its URL.
    setValue("");
    input.current?.blur();
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
        autoComplete="off"
        spellCheck={false}
        placeholder="Call, user or room ID, link…"
        className="h-9 pr-8 pl-8 font-mono text-sm"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "call-search-error" : undefined}
        onChange={(e) => setValue(e.target.value)}
        onPaste={(e) => {
          // A single-line input drops the line breaks of a pasted list; keep them as commas.
          const text = e.clipboardData.getData("text");
          if (!/[\r\n]/.test(text.trim())) return;
          e.preventDefault();
          setValue(
            text
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
