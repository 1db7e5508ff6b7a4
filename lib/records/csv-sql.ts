import { sql, type SQL } from "drizzle-orm";

// The export's CSV lines, written by the database. Reading a row from PGlite costs a few
// microseconds per column on the JavaScript side (each field is copied and decoded separately),
// which made a 13-column export several times slower than the query itself; a batch read as ONE
// text value of ready lines skips nearly all of that. The text is exactly what csvCell (csv.ts)
// and the header's column order describe; the integration tests compare the two.

// A line is written without quoting when no text cell holds a character that needs quotes and
// none starts like a formula. One regular expression per row answers that over all text cells
// joined with \x01 (a separator a cell could only contain in a harmless false alarm).
const TEXT_NEEDS_WORK = `E'[",\\r\\n]|\\x01[-=+@\\t\\r]'`;

/** csvCell in SQL, for the rare row with a cell that needs it. */
function cellSql(x: string): string {
  const defused = `(case when ${x} ~ E'^[-=+@\\t\\r]' then '''' || ${x} else ${x} end)`;
  return `(case when ${x} ~ E'[",\\r\\n]' then '"' || replace(${defused}, '"', '""') || '"' else ${defused} end)`;
}

const LOCAL_FORMAT = "'YYYY-MM-DD HH24:MI:SS'";

/**
 * The CSV line of calls table row `c` (alias `c`; callees in one cell, joined with ";"), with
 * times as wall time in `zone` (an IANA name or UTC) and the start again in UTC (ISO 8601).
 */
export function csvLineSql(zone: string): SQL {
  const local = (col: string) =>
    sql`to_char(${sql.raw(col)} at time zone ${zone}, ${sql.raw(LOCAL_FORMAT)})`;
  const localOrEmpty = (col: string) => sql`coalesce(${local(col)}, '')`;
  const utc = sql.raw(`to_char(c.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
  const callees = "array_to_string(c.callees, ';')";
  const text = [
    "c.call_id",
    "c.caller",
    callees,
    "c.call_type",
    "c.media_type",
    "c.result",
    "c.room_id",
  ];
  const cell = (x: string, plain: boolean) => sql.raw(plain ? x : cellSql(x));
  const line = (plain: boolean) =>
    sql`${cell("c.call_id", plain)} || ',' || ${local("c.started_at")} || ',' || ${cell("c.caller", plain)}
      || ',' || ${cell(callees, plain)} || ',' || ${cell("c.call_type", plain)}
      || ',' || ${cell("c.media_type", plain)} || ',' || ${cell("c.result", plain)}
      || ',' || coalesce(c.ring_seconds::text, '') || ',' || coalesce(c.talk_seconds::text, '')
      || ',' || ${cell("c.room_id", plain)} || ',' || ${localOrEmpty("c.accepted_at")}
      || ',' || ${localOrEmpty("c.ended_at")} || ',' || ${utc}`;
  const needsWork = sql.raw(`concat_ws(E'\\x01', '', ${text.join(", ")}) ~ ${TEXT_NEEDS_WORK}`);
  return sql`case when ${needsWork} then ${line(false)} else ${line(true)} end`;
}
