// Formula-like cells get an apostrophe: user and room IDs come from app users, and a crafted ID
// must not run as a formula on a manager's machine.
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Each code column is followed by its label as the console shows it (lib/calls/vocabulary.ts). */
export function csvHeader(zone: string): string {
  return [
    "call_id",
    `started_at (${zone})`,
    "caller",
    "callees",
    "call_type",
    "call_type_label",
    "media_type",
    "media_type_label",
    "result",
    "result_label",
    "ring_seconds",
    "talk_seconds",
    "room_id",
    `accepted_at (${zone})`,
    `ended_at (${zone})`,
    "started_at_utc",
  ]
    .map(csvCell)
    .join(",");
}
