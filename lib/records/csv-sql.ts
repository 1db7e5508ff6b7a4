import { sql, type SQL } from "drizzle-orm";

import { CALL_TYPE_LABELS, MEDIA_LABELS, RESULT_LABELS } from "@/lib/calls/vocabulary";

import { csvCell } from "./csv";

// The database writes the CSV lines: reading many columns from PGlite is slow per field, one text
// value per batch is not. Must match csvCell (csv.ts); the integration tests compare the two.

// Rows needing no quoting skip csvCell: one regex over the cells joined with \x01 tells.
const TEXT_NEEDS_WORK = `E'[",\\r\\n]|\\x01[-=+@\\t\\r]'`;

function cellSql(x: string): string {
  const defused = `(case when ${x} ~ E'^[-=+@\\t\\r]' then '''' || ${x} else ${x} end)`;
  return `(case when ${x} ~ E'[",\\r\\n]' then '"' || replace(${defused}, '"', '""') || '"' else ${defused} end)`;
}

const LOCAL_FORMAT = "'YYYY-MM-DD HH24:MI:SS'";

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The code's label as a finished cell; a code the vocabulary does not know is shown as it is. */
function labelSql(col: string, labels: Record<string, string>, plain: boolean): string {
  const known = Object.entries(labels)
    .map(([code, label]) => `when ${literal(code)} then ${literal(csvCell(label))}`)
    .join(" ");
  return `(case ${col} ${known} else ${plain ? col : cellSql(col)} end)`;
}

/**
 * Times as wall time in `zone`, plus the start in UTC (ISO 8601); callees joined with ";"; the
 * call type, media and result each followed by its label.
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
  const label = (x: string, labels: Record<string, string>, plain: boolean) =>
    sql.raw(labelSql(x, labels, plain));
  const line = (plain: boolean) =>
    sql`${cell("c.call_id", plain)} || ',' || ${local("c.started_at")} || ',' || ${cell("c.caller", plain)}
      || ',' || ${cell(callees, plain)} || ',' || ${cell("c.call_type", plain)}
      || ',' || ${label("c.call_type", CALL_TYPE_LABELS, plain)}
      || ',' || ${cell("c.media_type", plain)} || ',' || ${label("c.media_type", MEDIA_LABELS, plain)}
      || ',' || ${cell("c.result", plain)} || ',' || ${label("c.result", RESULT_LABELS, plain)}
      || ',' || coalesce(c.ring_seconds::text, '') || ',' || coalesce(c.talk_seconds::text, '')
      || ',' || ${cell("c.room_id", plain)} || ',' || ${localOrEmpty("c.accepted_at")}
      || ',' || ${localOrEmpty("c.ended_at")} || ',' || ${utc}`;
  const needsWork = sql.raw(`concat_ws(E'\\x01', '', ${text.join(", ")}) ~ ${TEXT_NEEDS_WORK}`);
  return sql`case when ${needsWork} then ${line(false)} else ${line(true)} end`;
}
