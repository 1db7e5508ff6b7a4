"use client";

import { useState } from "react";
import { X } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { RESULT_LABELS } from "@/lib/calls/explain";
import { KNOWN_CALL_RESULTS } from "@/lib/calls/types";
import { isoToWallTime, RANGE_PRESETS, wallTimeToIso } from "@/lib/records/ranges";
import type { RecordsUrlState } from "@/lib/search-params";

import { controlClass, Field, Select } from "./field";

type SetState = (patch: Partial<RecordsUrlState>) => void;

const PAGE_SIZES = ["25", "50", "100", "200"];

function TimeRange({ state, zone, set }: { state: RecordsUrlState; zone: string; set: SetState }) {
  const custom = state.from !== null || state.to !== null || state.range === "custom";
  const value = custom ? "custom" : (state.range ?? "all");
  return (
    <>
      <Field label="Time range" htmlFor="records-range">
        <Select
          id="records-range"
          value={value}
          options={[...RANGE_PRESETS, { value: "custom", label: "Custom range…" }]}
          onChange={(v) =>
            v === "custom"
              ? set({ range: "custom", from: state.from, to: state.to })
              : set({ range: v === "all" ? null : v, from: null, to: null })
          }
        />
      </Field>
      {custom ? (
        <>
          <Field label={`From (${zone})`} htmlFor="records-from">
            <input
              id="records-from"
              type="datetime-local"
              step={1}
              className={controlClass}
              defaultValue={state.from ? isoToWallTime(state.from, zone) : ""}
              key={`from-${state.from}-${zone}`}
              onChange={(e) => {
                const iso = e.target.value ? wallTimeToIso(e.target.value, zone) : null;
                if (e.target.value === "" || iso) set({ from: iso, range: null });
              }}
            />
          </Field>
          <Field label={`To (${zone})`} htmlFor="records-to">
            <input
              id="records-to"
              type="datetime-local"
              step={1}
              className={controlClass}
              defaultValue={state.to ? isoToWallTime(state.to, zone) : ""}
              key={`to-${state.to}-${zone}`}
              onChange={(e) => {
                const iso = e.target.value ? wallTimeToIso(e.target.value, zone) : null;
                if (e.target.value === "" || iso) set({ to: iso, range: null });
              }}
            />
          </Field>
        </>
      ) : null}
    </>
  );
}

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
            {RESULT_LABELS[r] ?? r}
          </label>
        ))}
      </div>
    </fieldset>
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
      <Field label="User ID (caller or callee)" htmlFor="records-user">
        <Input
          id="records-user"
          value={user}
          onChange={(e) => setUser(e.target.value)}
          className="w-48 font-mono"
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      <Field label="Room ID" htmlFor="records-room">
        <Input
          id="records-room"
          value={room}
          onChange={(e) => setRoom(e.target.value)}
          className="w-36 font-mono"
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
  return (
    <section aria-label="Filters" className="bg-card flex flex-col gap-3 rounded-lg border p-4">
      <div className="flex flex-wrap items-end gap-3">
        <TimeRange state={state} zone={zone} set={set} />
        <Field label="Call type" htmlFor="records-type">
          <Select
            id="records-type"
            value={state.type ?? ""}
            onChange={(v) => set({ type: v || null })}
            options={[
              { value: "", label: "Any" },
              { value: "single", label: "One-to-one" },
              { value: "group", label: "Group" },
              ...(state.type && !["single", "group"].includes(state.type)
                ? [{ value: state.type, label: state.type }]
                : []),
            ]}
          />
        </Field>
        <Field label="Media" htmlFor="records-media">
          <Select
            id="records-media"
            value={state.media ?? ""}
            onChange={(v) => set({ media: v || null })}
            options={[
              { value: "", label: "Any" },
              { value: "audio", label: "Audio" },
              { value: "video", label: "Video" },
              ...(state.media && !["audio", "video"].includes(state.media)
                ? [{ value: state.media, label: state.media }]
                : []),
            ]}
          />
        </Field>
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
    </section>
  );
}

export function PageSizeSelect({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (v: string | null) => void;
}) {
  const current = value ?? "50";
  const options = PAGE_SIZES.includes(current) ? PAGE_SIZES : [...PAGE_SIZES, current];
  return (
    <Field
      label="Rows per page"
      htmlFor="records-page-size"
      className="flex-row items-center gap-2"
    >
      <Select
        id="records-page-size"
        value={current}
        onChange={(v) => onChange(v === "50" ? null : v)}
        options={options.map((v) => ({ value: v, label: v }))}
        className="h-8"
      />
    </Field>
  );
}

export function TimeZoneSwitch({
  tz,
  localZone,
  onChange,
}: {
  tz: string;
  localZone: string;
  onChange: (tz: string) => void;
}) {
  const options = [
    { value: "local", label: `Local (${localZone})` },
    { value: "UTC", label: "UTC" },
    ...(tz !== "local" && tz !== "UTC" ? [{ value: tz, label: tz }] : []),
  ];
  return (
    <div
      role="group"
      aria-label="Time zone"
      className="bg-card inline-flex rounded-md border p-0.5"
    >
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={tz === o.value}
          onClick={() => onChange(o.value)}
          className="aria-pressed:bg-primary aria-pressed:text-primary-foreground focus-visible:ring-ring/50 rounded px-2 py-1 text-xs outline-none focus-visible:ring-[3px]"
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
