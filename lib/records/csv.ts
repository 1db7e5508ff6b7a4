// CSV for the record export (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
// hold a comma, quote or line break). Pure functions, no server-only: the tests and the benchmark
// use them directly.

/**
 * A cell a spreadsheet would read as a formula (=, +, -, @, tab, CR at the start) is prefixed
 * with an apostrophe: user and room IDs come from app users, and a crafted ID must not run as a
 * formula on a manager's machine.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export type ExportRow = {
  callId: string;
  startedMs: number;
  acceptedMs: number | null;
  endedMs: number | null;
  caller: string;
  callees: string[];
  callType: string;
  mediaType: string;
  result: string;
  ringSeconds: number | null;
  talkSeconds: number | null;
  roomId: string;
};

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const QUARTER_HOUR = 900_000;

/**
 * Formats instants as "2026-11-20 13:04:05" wall time in one zone. Zone offsets only change on
 * quarter-hour boundaries, so the offset is looked up once per quarter hour (Intl is slow) and the
 * rest is arithmetic: this keeps a million-row export fast.
 */
export function zoneFormatter(zone: string): (ms: number) => string {
  const offsets = new Map<number, number>();
  const parts =
    zone === "UTC"
      ? null
      : new Intl.DateTimeFormat("en-US", {
          timeZone: zone,
          year: "numeric",
          month: "numeric",
          day: "numeric",
          hour: "numeric",
          minute: "numeric",
          second: "numeric",
          hourCycle: "h23",
        });
  const offsetAt = (ms: number): number => {
    if (!parts) return 0;
    const bucket = Math.floor(ms / QUARTER_HOUR);
    let off = offsets.get(bucket);
    if (off === undefined) {
      const at = bucket * QUARTER_HOUR;
      const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
      const wall = Date.UTC(
        +p.year!,
        +p.month! - 1,
        +p.day!,
        +p.hour! % 24,
        +p.minute!,
        +p.second!,
      );
      off = wall - at;
      if (offsets.size > 100_000) offsets.clear();
      offsets.set(bucket, off);
    }
    return off;
  };
  return (ms) => {
    const d = new Date(ms + offsetAt(ms));
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };
}

/** The header row; the zone is named in every time column so a reader never has to guess. */
export function csvHeader(zone: string): string {
  return [
    "call_id",
    `started_at (${zone})`,
    "caller",
    "callees",
    "call_type",
    "media_type",
    "result",
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

export function csvLine(r: ExportRow, format: (ms: number) => string): string {
  const time = (ms: number | null) => (ms === null ? "" : format(ms));
  const num = (n: number | null) => (n === null ? "" : String(n));
  return [
    csvCell(r.callId),
    time(r.startedMs),
    csvCell(r.caller),
    // Several callees in one cell, separated by semicolons (a comma would need quoting anyway).
    csvCell(r.callees.join(";")),
    csvCell(r.callType),
    csvCell(r.mediaType),
    csvCell(r.result),
    num(r.ringSeconds),
    num(r.talkSeconds),
    csvCell(r.roomId),
    time(r.acceptedMs),
    time(r.endedMs),
    new Date(r.startedMs).toISOString(),
  ].join(",");
}
