"use client";

import { isoToWallTime, wallTimeToIso } from "@/lib/records/ranges";
import { AROUND, CUSTOM, type RecordsUrlState } from "@/lib/search-params";

import { controlClass, Field, Select } from "./field";

export type RangeState = Pick<RecordsUrlState, "range" | "from" | "to" | "around">;
type SetRange = (patch: Partial<RangeState>) => void;

// Minutes only: nobody remembers the second a call started, and a seconds field is one more stop.
const MINUTE_STEP = 60;

/** One end of a custom range: typed as wall time in `zone`, kept in the URL in UTC. */
function RangeEnd({
  end,
  label,
  idPrefix,
  value,
  zone,
  set,
}: {
  end: "from" | "to";
  label: string;
  idPrefix: string;
  value: string | null;
  zone: string;
  set: SetRange;
}) {
  return (
    <Field label={`${label} (${zone})`} htmlFor={`${idPrefix}-${end}`}>
      <input
        id={`${idPrefix}-${end}`}
        type="datetime-local"
        step={MINUTE_STEP}
        className={controlClass}
        defaultValue={value ? isoToWallTime(value, zone) : ""}
        key={`${end}-${value}-${zone}`}
        onChange={(e) => {
          const iso = e.target.value ? wallTimeToIso(e.target.value, zone) : null;
          if (e.target.value === "" || iso) set({ [end]: iso, range: null, around: null });
        }}
      />
    </Field>
  );
}

/** "Around a time": one field, kept in the URL as typed (wall time in the chosen zone). */
function AroundField({
  idPrefix,
  value,
  zone,
  set,
}: {
  idPrefix: string;
  value: string | null;
  zone: string;
  set: SetRange;
}) {
  return (
    <Field label={`Around (± 1 h, ${zone})`} htmlFor={`${idPrefix}-around`}>
      <input
        id={`${idPrefix}-around`}
        type="datetime-local"
        step={MINUTE_STEP}
        className={controlClass}
        defaultValue={value ?? ""}
        key={`around-${value}`}
        onChange={(e) => {
          const typed = e.target.value;
          if (typed === "") set({ around: null, range: AROUND });
          else if (wallTimeToIso(typed, zone)) set({ around: typed, range: null });
        }}
      />
    </Field>
  );
}

/** Which choice the URL amounts to: typed bounds win over "around", which wins over a preset. */
export function rangeChoice(state: RangeState): string {
  if (state.from !== null || state.to !== null || state.range === CUSTOM) return CUSTOM;
  if (state.around !== null || state.range === AROUND) return AROUND;
  return state.range ?? "all";
}

export function TimeRange({
  idPrefix,
  presets,
  state,
  zone,
  set,
}: {
  idPrefix: string;
  presets: readonly { value: string; label: string }[];
  state: RangeState;
  zone: string;
  set: SetRange;
}) {
  const choice = rangeChoice(state);
  return (
    <>
      <Field label="Time range" htmlFor={`${idPrefix}-range`}>
        <Select
          id={`${idPrefix}-range`}
          value={choice}
          options={[
            ...presets,
            { value: AROUND, label: "Around a time…" },
            { value: CUSTOM, label: "Custom range…" },
          ]}
          onChange={(v) => {
            if (v === CUSTOM) set({ range: CUSTOM, around: null, from: state.from, to: state.to });
            else if (v === AROUND)
              set({ range: AROUND, around: state.around, from: null, to: null });
            else set({ range: v === "all" ? null : v, around: null, from: null, to: null });
          }}
        />
      </Field>
      {choice === CUSTOM ? (
        <>
          <RangeEnd
            end="from"
            label="From"
            idPrefix={idPrefix}
            value={state.from}
            zone={zone}
            set={set}
          />
          <RangeEnd
            end="to"
            label="To"
            idPrefix={idPrefix}
            value={state.to}
            zone={zone}
            set={set}
          />
        </>
      ) : choice === AROUND ? (
        <AroundField idPrefix={idPrefix} value={state.around} zone={zone} set={set} />
      ) : null}
    </>
  );
}
