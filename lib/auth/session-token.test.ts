import { encode, type JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";

import { decodeSessionToken } from "@/lib/auth/session-token";

// The console's cookie reader must accept exactly the cookies next-auth writes and nothing else.
const secret = "a-session-secret-of-thirty-two-characters";
const claims: JWT = { uid: "u-1", email: "support@example.com", role: "support" };

describe("decodeSessionToken", () => {
  it("reads a cookie next-auth encoded, again and again with the one derived key", async () => {
    const token = await encode({ token: claims, secret });
    for (let i = 0; i < 3; i++) {
      await expect(decodeSessionToken({ token, secret })).resolves.toMatchObject(claims);
    }
  });

  it("refuses a cookie encrypted under another secret, also after the key for it was derived", async () => {
    const other = await encode({ token: claims, secret: `${secret}-rotated` });
    await expect(decodeSessionToken({ token: other, secret })).rejects.toThrow();
    await expect(
      decodeSessionToken({ token: other, secret: `${secret}-rotated` }),
    ).resolves.toMatchObject(claims);
    // Switching back derives the first key again rather than reusing the rotated one.
    const first = await encode({ token: claims, secret });
    await expect(decodeSessionToken({ token: first, secret })).resolves.toMatchObject(claims);
  });

  it("keeps keys of different salts apart", async () => {
    const salted = await encode({ token: claims, secret, salt: "chunk" });
    await expect(decodeSessionToken({ token: salted, secret })).rejects.toThrow();
    await expect(
      decodeSessionToken({ token: salted, secret, salt: "chunk" }),
    ).resolves.toMatchObject(claims);
  });

  it("refuses an expired cookie beyond next-auth's 15 s of clock tolerance", async () => {
    const expired = await encode({ token: claims, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow(/exp/);
    const justExpired = await encode({ token: claims, secret, maxAge: -5 });
    await expect(decodeSessionToken({ token: justExpired, secret })).resolves.toMatchObject(claims);
  });

  it("refuses a tampered cookie and reads no cookie as no session", async () => {
    const token = await encode({ token: claims, secret });
    const parts = token.split(".");
    const ciphertext = parts[3]!;
    parts[3] = (ciphertext[0] === "A" ? "B" : "A") + ciphertext.slice(1);
    await expect(decodeSessionToken({ token: parts.join("."), secret })).rejects.toThrow();
    await expect(decodeSessionToken({ token: "", secret })).resolves.toBeNull();
    await expect(decodeSessionToken({ token: undefined, secret })).resolves.toBeNull();
  });
});
