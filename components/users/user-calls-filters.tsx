"use client";

import { X } from "lucide-react";
import { useState } from "react";

import { Field } from "@/components/records/field";
import { TimeRange } from "@/components/records/time-range";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { RANGE_PRESETS } from "@/lib/records/ranges";
import type { UserPageUrlState } from "@/lib/search-params";

type SetState = (patch: Partial<UserPageUrlState>) => void;

// A user's page starts with all their calls; the short presets are the ones tickets speak of.
const USER_PRESETS = [
  { value: "all", label: "Whole retention" },
  ...RANGE_PRESETS.filter((p) => ["today", "yesterday", "24h", "7d"].includes(p.value)),
];

export function hasUserFilters(state: UserPageUrlState): boolean {
  return [state.range, state.from, state.to, state.around, state.with].some((v) => v !== null);
}

/** The other person: typed, then applied, so each keystroke is not a request and a history entry. */
function OtherPerson({ value, set }: { value: string | null; set: SetState }) {
  const [typed, setTyped] = useState(value ?? "");
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setTyped(value ?? "");
  }
  return (
    <form
      className="flex items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        set({ with: typed.trim() || null });
      }}
    >
      <Field label="With (other person's user ID)" htmlFor="user-with">
        <Input
          id="user-with"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          className="w-48 font-mono"
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      <Button type="submit" variant="outline">
        Apply
      </Button>
    </form>
  );
}

export function UserCallsFilters({
  state,
  zone,
  set,
}: {
  state: UserPageUrlState;
  zone: string;
  set: SetState;
}) {
  return (
    <section
      aria-label="Filters"
      className="bg-card flex flex-wrap items-end gap-3 rounded-lg border p-4"
    >
      <TimeRange idPrefix="user" presets={USER_PRESETS} state={state} zone={zone} set={set} />
      <OtherPerson value={state.with} set={set} />
      {hasUserFilters(state) ? (
        <Button
          type="button"
          variant="ghost"
          size="sm"
          onClick={() => set({ range: null, from: null, to: null, around: null, with: null })}
        >
          <X aria-hidden />
          Clear filters
        </Button>
      ) : null}
    </section>
  );
}
