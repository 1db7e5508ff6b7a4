import { stdSerializers } from "pino";

// What reaches a log line is decided here: user-supplied text may not forge lines or colour codes,
// and database errors may not carry the values a query was run with.

const CONTROL = /[\p{Cc}\u2028\u2029]/gu;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** Control characters (newlines, ANSI escapes, NUL) written out as visible escapes. */
export function escapeControl(text: string): string {
  return text.replace(
    CONTROL,
    (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Every string inside a value, keys included, with control characters escaped. */
export function escapeControlDeep(value: unknown): unknown {
  if (typeof value === "string") return escapeControl(value);
  if (Array.isArray(value)) return value.map(escapeControlDeep);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [escapeControl(k), escapeControlDeep(v)]),
    );
  }
  return value;
}

/**
 * A pino JSON line made safe for a human-readable printer: JSON already escapes control
 * characters, but a pretty printer would print the decoded text raw.
 */
export function escapeJsonLine(line: string): string {
  try {
    return `${JSON.stringify(escapeControlDeep(JSON.parse(line)))}\n`;
  } catch {
    return `${escapeControl(line.trimEnd())}\n`;
  }
}

// drizzle's query error puts the parameters into its message and a `params` field; pg and PGlite
// errors put row values into `detail` ("Key (email)=(…) already exists") and `where`.
const VALUE_FIELDS = ["params", "parameters", "detail", "where", "internalQuery"] as const;

type ErrorLike = Error & { query?: unknown; params?: unknown; cause?: unknown };

// Shorter values would garble ordinary words in the message and are hardly worth hiding.
const MIN_SCRUBBED_LENGTH = 3;

function scrub(text: string | undefined, values: string[]): string | undefined {
  if (text === undefined) return text;
  return values.reduce((out, v) => out.split(v).join("[parameter]"), text);
}

function withoutValues(error: unknown, values: string[] = [], depth = 0): unknown {
  if (!(error instanceof Error) || depth > 5) return error;
  const e = error as ErrorLike;
  // The database quotes a refused value in its own message too (invalid input syntax: "…").
  const hidden = Array.isArray(e.params)
    ? [...values, ...e.params.map((p) => String(p)).filter((p) => p.length >= MIN_SCRUBBED_LENGTH)]
    : values;
  const copy = Object.create(Object.getPrototypeOf(e) as object) as ErrorLike;
  const source = e as unknown as Record<string, unknown>;
  const target = copy as unknown as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(e)) {
    if (!(VALUE_FIELDS as readonly string[]).includes(key)) target[key] = source[key];
  }
  if (typeof e.query === "string" && "params" in e) {
    copy.message = `Failed query: ${e.query} (parameters left out of the log)`;
    copy.stack = copy.message + (e.stack?.slice(e.stack.indexOf("\n    at ")) ?? "");
  }
  copy.message = scrub(copy.message, hidden) ?? "";
  copy.stack = scrub(copy.stack, hidden);
  if (e.cause !== undefined) copy.cause = withoutValues(e.cause, hidden, depth + 1);
  return copy;
}

/** pino's error serializer, minus the values a failed query was run with. */
export function serializeError(error: unknown): unknown {
  const safe = withoutValues(error);
  return safe instanceof Error ? stdSerializers.err(safe) : safe;
}
