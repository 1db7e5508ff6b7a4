import { mix32 } from "./prng";

// Generated calls do not store their IDs: a call ID is computed from (seed, row), and its last 8
// hex digits carry the row (masked), so looking an ID up is a parse plus one recomputation.

const HEX = "0123456789abcdef";

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

// Hot path (every record of every page): byte-table lookups instead of toString/padStart.
function hex(n: number, digits: 3 | 4 | 8): string {
  const lo = BYTE_HEX[n & 255]!;
  const b1 = BYTE_HEX[(n >>> 8) & 255]!;
  if (digits === 3) return b1[1]! + lo;
  if (digits === 4) return b1 + lo;
  return BYTE_HEX[(n >>> 24) & 255]! + BYTE_HEX[(n >>> 16) & 255]! + b1 + lo;
}

function rowMask(seed: number): number {
  return mix32(seed, 0x51ed270b, 99);
}

// Rows are scrambled by an invertible multiply so neighbouring calls do not share ID suffixes.
const ODD = 0x2c1b3c6d;
const ODD_INVERSE = (() => {
  let inv = ODD;
  for (let i = 0; i < 5; i++) inv = Math.imul(inv, 2 - Math.imul(ODD, inv));
  return inv >>> 0;
})();
const scramble = (row: number, seed: number): number => (Math.imul(row, ODD) ^ rowMask(seed)) >>> 0;
const unscramble = (x: number, seed: number): number =>
  Math.imul((x ^ rowMask(seed)) >>> 0, ODD_INVERSE) >>> 0;

/** A UUID-shaped (version 4 layout) call ID for generated row `row`. */
export function generatedCallId(seed: number, row: number): string {
  const a = mix32(seed, row, 1);
  const b = mix32(seed, row, 2);
  const c = mix32(seed, row, 3);
  const variant = HEX[8 | (c >>> 30)];
  return (
    `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b, 3)}-${variant}${hex(c, 3)}-` +
    `${hex((c >>> 12) & 0xffff, 4)}${hex(scramble(row, seed), 8)}`
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The generated row an ID belongs to, or -1. */
export function generatedRowOf(seed: number, callId: string, generatedCount: number): number {
  if (callId.length !== 36 || !UUID.test(callId)) return -1;
  const row = unscramble(parseInt(callId.slice(28), 16), seed);
  if (row >= generatedCount) return -1;
  return generatedCallId(seed, row) === callId ? row : -1;
}

export function generatedRoomId(seed: number, row: number): string {
  return `room-${mix32(seed, row, 4).toString(36)}`;
}

/** Chat group IDs of TUICallKit group calls look like `@TGS#…`. */
export function generatedGroupId(seed: number, row: number): string {
  return `@TGS#${mix32(seed, row, 5) % 2 === 0 ? "2" : "3"}${mix32(seed, row, 6).toString(36).toUpperCase()}`;
}
