import "server-only";

// PostgreSQL array literals: a whole batch's column travels as one parameter, read with unnest().

export type ArrayValue = string | number | null;

const NEEDS_ESCAPE = /["\\]/;

/** Strings are always quoted so commas, braces and the word NULL stay data. */
export function arrayLiteral(values: readonly ArrayValue[]): string {
  return `{${values.map(element).join(",")}}`;
}

function element(v: ArrayValue): string {
  if (v === null) return "NULL";
  if (typeof v === "number") return String(v);
  return NEEDS_ESCAPE.test(v) ? `"${v.replace(/["\\]/g, "\\$&")}"` : `"${v}"`;
}
