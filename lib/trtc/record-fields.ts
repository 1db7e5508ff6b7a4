import "server-only";

import { z } from "zod";

// Record payloads field by field. Each field is one of a few lenient kinds (reference §6: numbers
// may arrive as numeric strings, IDs as numbers, optional fields missing or null). From one field
// list come both the zod schema of a record and its reader for pages of records.
//
// Why a reader besides the schema: the record index's backfill reads millions of records, and
// zod's unions and transforms cost more per page than parsing the page's JSON. Nearly every
// record arrives already canonical (every value of its final type), and such a record needs no
// coercion: the reader takes it field by field and hands anything else to the schema, which
// coerces or rejects it. The output is the same either way (lib/trtc/record-fields.test.ts).

export const str = z.union([z.string(), z.number()]).transform(String);
export const optStr = str.nullish().transform((v) => v ?? null);
export const int = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);
export const optInt = int.nullish().transform((v) => v ?? null);
export const strList = z
  .array(str)
  .nullish()
  .transform((v) => v ?? []);

const KINDS = { str, optStr, int, optInt, strList };
export type FieldKind = keyof typeof KINDS;
export type RecordFields = Record<string, FieldKind>;
type Shape<F extends RecordFields> = { [K in keyof F]: (typeof KINDS)[F[K]] };

export function recordSchema<F extends RecordFields>(fields: F) {
  const shape = Object.fromEntries(
    Object.entries(fields).map(([name, kind]) => [name, KINDS[kind]]),
  );
  return z.object(shape as Shape<F>);
}

const NOT_CANONICAL = Symbol("not canonical");

/** The value as the schema would output it, when that needs no coercion; else NOT_CANONICAL. */
function canonical(kind: FieldKind, value: unknown): unknown {
  switch (kind) {
    case "str":
      return typeof value === "string" ? value : NOT_CANONICAL;
    case "optStr":
      return value == null ? null : typeof value === "string" ? value : NOT_CANONICAL;
    case "int":
      return typeof value === "number" && Number.isFinite(value) ? value : NOT_CANONICAL;
    case "optInt":
      if (value == null) return null;
      return typeof value === "number" && Number.isFinite(value) ? value : NOT_CANONICAL;
    case "strList":
      if (value == null) return [];
      return Array.isArray(value) && value.every((v) => typeof v === "string")
        ? value
        : NOT_CANONICAL;
  }
}

export type ReadResult<T> = { success: true; data: T } | { success: false };

/** Reads one record of a page: canonical records directly, anything else through `schema`. */
export function recordReader<T>(
  fields: RecordFields,
  schema: z.ZodType<T>,
): (raw: unknown) => ReadResult<T> {
  const entries = Object.entries(fields);
  return (raw) => {
    if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
      const source = raw as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      let direct = true;
      for (const [name, kind] of entries) {
        const value = canonical(kind, source[name]);
        if (value === NOT_CANONICAL) {
          direct = false;
          break;
        }
        out[name] = value;
      }
      if (direct) return { success: true, data: out as T };
    }
    const parsed = schema.safeParse(raw);
    return parsed.success ? { success: true, data: parsed.data } : { success: false };
  };
}
