"use client";

import { SlidersHorizontal, X } from "lucide-react";
import { useId, useState } from "react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { cn } from "@/components/ui/utils";
import { KNOWN_CALL_RESULTS } from "@/lib/calls/types";
import {
  ANSWERED_LABELS,
  QUALITY_FILTER_LABELS,
  CALL_TYPE_LABELS,
  MEDIA_LABELS,
  resultLabel,
} from "@/lib/calls/vocabulary";
import { RANGE_PRESETS } from "@/lib/records/ranges";
import type { RecordsUrlState } from "@/lib/search-params";

import { Field, Select } from "./field";
import { TimeRange } from "./time-range";

type SetState = (patch: Partial<RecordsUrlState>) => void;

function Results({ state, set }: { state: RecordsUrlState; set: SetState }) {
  const selected = new Set(state.result ?? []);
  const toggle = (r: string) => {
    const next = new Set(selected);
    if (next.has(r)) next.delete(r);
    else next.add(r);
    set({ result: next.size ? [...next] : null });
  };
  // Results named in the URL that are not among the known ones stay visible (and removable).
  const shown = [
    ...KNOWN_CALL_RESULTS,
    ...[...selected].filter((r) => !(KNOWN_CALL_RESULTS as readonly string[]).includes(r)),
  ];
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="text-muted-foreground mb-1 text-xs font-medium">Result</legend>
      <div className="flex flex-wrap gap-1.5">
        {shown.map((r) => (
          <label
            key={r}
            className="bg-card has-checked:border-primary has-checked:bg-primary/10 has-focus-visible:ring-ring/50 inline-flex h-8 cursor-pointer items-center gap-1.5 rounded-md border px-2 text-xs has-focus-visible:ring-[3px]"
          >
            <input
              type="checkbox"
              className="accent-primary size-3.5"
              checked={selected.has(r)}
              onChange={() => toggle(r)}
            />
            {resultLabel(r)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function IdInput({
  label,
  id,
  value,
  onChange,
  width,
}: {
  label: string;
  id: string;
  value: string;
  onChange: (value: string) => void;
  width: string;
}) {
  return (
    <Field label={label} htmlFor={id}>
      <Input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`${width} font-mono`}
        autoComplete="off"
        spellCheck={false}
      />
    </Field>
  );
}

function IdFilters({ state, set }: { state: RecordsUrlState; set: SetState }) {
  const [user, setUser] = useState(state.user ?? "");
  const [room, setRoom] = useState(state.room ?? "");
  // Follow the URL when it changes from elsewhere (back button, a link, "Clear filters").
  const [seen, setSeen] = useState({ user: state.user, room: state.room });
  if (seen.user !== state.user || seen.room !== state.room) {
    setSeen({ user: state.user, room: state.room });
    setUser(state.user ?? "");
    setRoom(state.room ?? "");
  }
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        set({ user: user.trim() || null, room: room.trim() || null });
      }}
    >
      <IdInput
        label="User ID (caller or callee)"
        id="records-user"
        value={user}
        onChange={setUser}
        width="w-48"
      />
      <IdInput label="Room ID" id="records-room" value={room} onChange={setRoom} width="w-36" />
      <Button type="submit" variant="outline">
        Apply
      </Button>
    </form>
  );
}

type Choice = { value: string; label: string };

const choices = (labels: Record<string, string>): Choice[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
const CALL_TYPES = choices(CALL_TYPE_LABELS);
const MEDIA_TYPES = choices(MEDIA_LABELS);
const ANSWERED = choices(ANSWERED_LABELS);
const QUALITY = choices(QUALITY_FILTER_LABELS);

/** "Any" or one of `choices`; a value from the URL that is not among them stays selectable. */
function ChoiceFilter({
  param,
  label,
  choices,
  state,
  set,
}: {
  param: "type" | "media" | "answered" | "quality";
  label: string;
  choices: Choice[];
  state: RecordsUrlState;
  set: SetState;
}) {
  const value = state[param];
  const unknown = value && !choices.some((c) => c.value === value);
  return (
    <Field label={label} htmlFor={`records-${param}`}>
      <Select
        id={`records-${param}`}
        value={value ?? ""}
        onChange={(v) => set({ [param]: v || null })}
        options={[
          { value: "", label: "Any" },
          ...choices,
          ...(unknown ? [{ value, label: value }] : []),
        ]}
      />
    </Field>
  );
}

/** How many filters narrow the view, counting a time range as one. */
function activeCount(state: RecordsUrlState): number {
  const range = state.range !== null || state.from !== null || state.to !== null || !!state.around;
  const others = [
    state.type,
    state.media,
    state.answered,
    state.quality,
    state.user,
    state.room,
  ].filter((v) => v !== null);
  return (range ? 1 : 0) + others.length + (state.result?.length ? 1 : 0);
}

export function RecordsFilters({
  state,
  zone,
  set,
  onClear,
  canClear,
}: {
  state: RecordsUrlState;
  zone: string;
  set: SetState;
  onClear: () => void;
  canClear: boolean;
}) {
  // On a phone the filters sit behind one button so the results come first; wider, always shown.
  const [open, setOpen] = useState(false);
  const fieldsId = useId();
  const active = activeCount(state);
  return (
    <section
      aria-label="Filters"
      className="bg-card flex flex-col gap-3 rounded-lg border p-2 sm:p-4"
    >
      <Button
        type="button"
        variant="outline"
        className="w-fit sm:hidden"
        aria-expanded={open}
        aria-controls={fieldsId}
        onClick={() => setOpen((o) => !o)}
      >
        <SlidersHorizontal aria-hidden />
        Filters
        {active > 0 ? <span className="text-muted-foreground">· {active} set</span> : null}
      </Button>
      <div
        id={fieldsId}
        className={cn("flex-col gap-3 max-sm:px-1 max-sm:pb-1 sm:flex", open ? "flex" : "hidden")}
      >
        <div className="flex flex-wrap items-end gap-3">
          <TimeRange
            idPrefix="records"
            presets={RANGE_PRESETS}
            state={state}
            zone={zone}
            set={set}
          />
          <ChoiceFilter
            param="type"
            label="Call type"
            choices={CALL_TYPES}
            state={state}
            set={set}
          />
          <ChoiceFilter param="media" label="Media" choices={MEDIA_TYPES} state={state} set={set} />
          <ChoiceFilter
            param="answered"
            label="Answered"
            choices={ANSWERED}
            state={state}
            set={set}
          />
          <ChoiceFilter param="quality" label="Quality" choices={QUALITY} state={state} set={set} />
          <IdFilters state={state} set={set} />
        </div>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <Results state={state} set={set} />
          {canClear ? (
            <Button type="button" variant="ghost" size="sm" onClick={onClear}>
              <X aria-hidden />
              Clear filters
            </Button>
          ) : null}
        </div>
      </div>
    </section>
  );
}
