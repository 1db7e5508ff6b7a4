// CSV for the record export (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
// hold a comma, quote or line break). The export's lines are written by the database
// (csv-sql.ts); this file holds the cell rule they follow and the header row. Pure functions, no
// server-only: the tests use them directly.

/**
 * A cell a spreadsheet would read as a formula (=, +, -, @, tab, CR at the start) is prefixed
 * with an apostrophe: user and room IDs come from app users, and a crafted ID must not run as a
 * formula on a manager's machine.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
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
