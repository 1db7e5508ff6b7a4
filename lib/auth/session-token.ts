import "server-only";

import { hkdf } from "node:crypto";

import { jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams } from "next-auth/jwt";

// The session cookie is a JWE that next-auth encrypts with a key derived from NEXTAUTH_SECRET
// (HKDF-SHA256, an empty salt unless one is given, the info string below, 32 bytes; A256GCM with
// "dir"). next-auth's own decode derives that key again for every cookie it reads, and Node runs
// each HKDF on its thread pool: a hand-off to another thread and back in front of every API
// answer, which on an idle two-core machine costs more than the decryption itself. The key
// depends on the secret and salt alone, so it is derived once for them here; the decryption and
// its checks are next-auth's (jose's jwtDecrypt with the same 15 s clock tolerance), so both read
// exactly the same cookies.

const INFO = "NextAuth.js Generated Encryption Key";
const KEY_BYTES = 32;
const CLOCK_TOLERANCE_S = 15;

let derived: { id: string; key: Promise<Uint8Array> } | undefined;

function encryptionKey(secret: string | Buffer, salt: string): Promise<Uint8Array> {
  const material = typeof secret === "string" ? `s:${secret}` : `b:${secret.toString("base64")}`;
  const id = `${salt}\0${material}`;
  if (derived?.id !== id) {
    const info = salt ? `${INFO} (${salt})` : INFO;
    const key = new Promise<Uint8Array>((resolve, reject) =>
      hkdf("sha256", secret, salt, info, KEY_BYTES, (error, bytes) =>
        error ? reject(error) : resolve(new Uint8Array(bytes)),
      ),
    );
    // A failed derivation is not remembered: the next cookie tries again.
    key.catch(() => {
      if (derived?.key === key) derived = undefined;
    });
    derived = { id, key };
  }
  return derived.key;
}

/** next-auth's JWT decode with the key derived once per secret; a drop-in for its `decode`. */
export async function decodeSessionToken({
  token,
  secret,
  salt = "",
}: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, await encryptionKey(secret, salt), {
    clockTolerance: CLOCK_TOLERANCE_S,
  });
  return payload as JWT;
}
