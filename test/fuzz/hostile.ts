import fc from "fast-check";

// Values an attacker or a broken script would send: control characters, extreme numbers and
// dates, huge strings, bad percent-encoding, and now and then a value that is valid, so that the
// code behind validation is reached too.

/** A query value as it appears in the URL: already encoded, or raw text that is not valid encoding. */
export type WireValue = { wire: string };

const encoded = (text: string): WireValue => ({ wire: encodeURIComponent(text) });

const control = fc
  .array(fc.integer({ min: 0, max: 0x9f }), { minLength: 1, maxLength: 6 })
  .map((codes) => String.fromCharCode(...codes.map((c) => (c < 0x20 || c >= 0x7f ? c : 0))));

const withControl = fc
  .tuple(fc.string({ maxLength: 10 }), control, fc.string({ maxLength: 10 }))
  .map(([a, c, b]) => a + c + b);

const ansi = fc.constantFrom(
  "\u001b[31mred\u001b[0m",
  "a\r\n12:00:00 INFO forged",
  "\u0000",
  "\u2028x",
);

const numbers = fc.oneof(
  fc.constantFrom(
    "-0",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e309",
    "-1e309",
    "9007199254740993",
    "99999999999999999999999",
    "0x10",
    "1_000",
    " 1",
    "1.5",
    "-1",
    "0",
    "+1",
    "1e3",
    ".",
    "",
  ),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.integer().map(String),
);

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, "0");

const dates = fc.oneof(
  fc.constantFrom(
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "1969-12-31T23:59:59Z",
    "1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59-23:59",
    "9999-12-31T23:59:59+14:00",
    "9999-12-31T23:59:59-14:00",
    "+275760-09-13T00:00:00Z",
    "-000001-01-01T00:00:00Z",
    "2026-02-30T00:00:00Z",
    "2026-13-01T00:00:00Z",
    "2026-11-20",
    "2026-11-20T25:61:61Z",
    "2026-11-20T00:00:00.123456789Z",
    "2026-11-20T00:00:00+99:99",
  ),
  fc
    .record({
      year: fc.integer({ min: 0, max: 99999 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }),
      offset: fc.integer({ min: -24 * 60, max: 24 * 60 }),
    })
    .map(
      ({ year, month, day, hour, offset }) =>
        `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:00:00` +
        `${offset < 0 ? "-" : "+"}${pad(Math.trunc(offset / 60), 2)}:${pad(offset % 60, 2)}`,
    ),
  fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .map((d) => d.toISOString()),
);

const huge = fc
  .tuple(fc.constantFrom("x", "é", "%", ",", "\u0000", "😀"), fc.integer({ min: 200, max: 5_000 }))
  .map(([c, n]) => c.repeat(n));

const badEncoding = fc
  .constantFrom("%", "%Z", "%ZZ", "%FF", "%C3%28", "%ED%A0%80", "%E0%80%80", "%00", "a%2", "%%41")
  .map((wire): WireValue => ({ wire }));

/** Any hostile value, or one of `valid` for a parameter that has known good values. */
export function hostileValue(valid: readonly string[] = []): fc.Arbitrary<WireValue> {
  const plain = fc.oneof(
    { weight: 3, arbitrary: withControl },
    { weight: 1, arbitrary: ansi },
    { weight: 3, arbitrary: numbers },
    { weight: 3, arbitrary: dates },
    { weight: 1, arbitrary: huge },
    { weight: 2, arbitrary: fc.string({ maxLength: 40, unit: "binary" }) },
    ...(valid.length > 0 ? [{ weight: 4, arbitrary: fc.constantFrom(...valid) }] : []),
  );
  return fc.oneof(
    { weight: 6, arbitrary: plain.map(encoded) },
    { weight: 1, arbitrary: badEncoding },
  );
}

/**
 * A query string. Most parameters are absent or valid, so that a query often holds just one or
 * two hostile values and gets past the others to the code behind them; a hostile parameter may
 * be repeated, and now and then an unknown one is added.
 */
export function hostileQuery(params: Record<string, readonly string[]>): fc.Arbitrary<string> {
  const entries = Object.entries(params).map(([key, valid]) => {
    const name = encodeURIComponent(key);
    return fc
      .oneof(
        { weight: 6, arbitrary: fc.constant([] as WireValue[]) },
        ...(valid.length > 0
          ? [{ weight: 3, arbitrary: fc.constantFrom(...valid).map((v) => [encoded(v)]) }]
          : []),
        { weight: 2, arbitrary: fc.array(hostileValue(valid), { minLength: 1, maxLength: 3 }) },
      )
      .map((values) => values.map((v) => `${name}=${v.wire}`));
  });
  const stranger = fc
    .array(fc.tuple(hostileValue(), hostileValue()), { maxLength: 1 })
    .map((pairs) => pairs.map(([k, v]) => `${k.wire}=${v.wire}`));
  return fc
    .tuple(fc.tuple(...entries, stranger), fc.boolean())
    .chain(([lists, shuffle]) => {
      const parts = lists.flat();
      return shuffle ? fc.shuffledSubarray(parts, { minLength: parts.length }) : fc.constant(parts);
    })
    .map((parts) => parts.join("&"));
}

/** A path segment: hostile text, encoded, or a raw bad escape. */
export const hostileSegment = (valid: readonly string[] = []) => hostileValue(valid);
