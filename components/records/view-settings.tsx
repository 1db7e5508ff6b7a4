"use client";

import { Field, Select } from "./field";

const PAGE_SIZES = ["25", "50", "100", "200"];

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
