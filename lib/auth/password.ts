import "server-only";

import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

// Node's scrypt needs no native add-on; the parameters are stored in each hash, so they can rise.
const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
const MAX_MEMORY = 64 * 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 8;

// scrypt is CPU- and memory-heavy and runs on libuv's small thread pool; more at once would slow
// every other request of the process, so sign-in checks beyond this are refused (429).
export const MAX_CONCURRENT_HASHES = 2;

export class HashingBusyError extends Error {
  constructor() {
    super("too many password checks at once");
    this.name = "HashingBusyError";
  }
}

// On globalThis: Next.js may load this module more than once in one process.
const GATE_KEY = Symbol.for("call-console.hashing-slots");
type Gate = { running: number; waiting: (() => void)[] };
const gate: Gate = ((globalThis as { [GATE_KEY]?: Gate })[GATE_KEY] ??= {
  running: 0,
  waiting: [],
});

/** Runs `work` in one of the process's hashing slots (exported for tests that fill them). */
export async function withHashingSlot<T>(
  mode: "wait" | "refuse",
  work: () => Promise<T>,
): Promise<T> {
  if (gate.running >= MAX_CONCURRENT_HASHES) {
    if (mode === "refuse") throw new HashingBusyError();
    await new Promise<void>((resolve) => gate.waiting.push(resolve));
  } else {
    gate.running++;
  }
  try {
    return await work();
  } finally {
    // Hand the slot straight to a waiter, so a refused check cannot slip in between.
    const next = gate.waiting.shift();
    if (next) next();
    else gate.running--;
  }
}

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize("NFKC"),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: MAX_MEMORY },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/** Returns `scrypt$N$r$p$salt$hash` (salt and hash in base64url). Waits for a hashing slot. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await withHashingSlot("wait", () => derive(password, salt, PARAMS));
  return [
    "scrypt",
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString("base64url"),
    key.toString("base64url"),
  ].join("$");
}

/** Throws HashingBusyError when every hashing slot is taken. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, saltText, hashText] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hashText, "base64url");
  if (expected.length !== KEY_LENGTH) return false;
  const key = await withHashingSlot("refuse", () =>
    derive(password, Buffer.from(saltText, "base64url"), {
      N: Number(n),
      r: Number(r),
      p: Number(p),
    }),
  );
  return timingSafeEqual(key, expected);
}

// Used when the account does not exist, so a wrong e-mail costs what a wrong password costs (the
// same scrypt parameters, through the same slots). The dummy hash is made outside the slots.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= (async () => {
    const salt = randomBytes(16);
    const key = await derive(randomBytes(16).toString("hex"), salt, PARAMS);
    return [
      "scrypt",
      PARAMS.N,
      PARAMS.r,
      PARAMS.p,
      salt.toString("base64url"),
      key.toString("base64url"),
    ].join("$");
  })();
  await verifyPassword(password, await dummyHash);
}

const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function generatePassword(length = 20): string {
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % ALPHABET.length);
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out;
}
