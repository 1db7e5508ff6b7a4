import { createHmac, timingSafeEqual } from "node:crypto";
import { inflateSync } from "node:zlib";

// UserSig verification the way Tencent's servers do it (TLS 2.0 tickets, reference §2): reverse the
// `*-_` base64 variant, inflate, compare sdkappid and identifier with the request, check expiry,
// then recompute the HMAC-SHA256 with the app's secret key. Written from the documented algorithm.

export type UserSigFailure =
  | "empty"
  | "undecodable"
  | "sdkappid_mismatch"
  | "identifier_mismatch"
  | "expired"
  | "userbuf_unexpected"
  | "bad_signature";

export type UserSigResult =
  { ok: true; time: number; expire: number } | { ok: false; reason: UserSigFailure };

type Ticket = {
  identifier: string;
  sdkappid: number;
  time: number;
  expire: number;
  sig: string;
  userbuf?: string;
};

function decode(userSig: string): Ticket | undefined {
  if (!/^[A-Za-z0-9*\-_]+$/.test(userSig)) return undefined;
  const b64 = userSig.replace(/\*/g, "+").replace(/-/g, "/").replace(/_/g, "=");
  let json: unknown;
  try {
    json = JSON.parse(inflateSync(Buffer.from(b64, "base64")).toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof json !== "object" || json === null) return undefined;
  const t = json as Record<string, unknown>;
  const identifier = t["TLS.identifier"];
  const sdkappid = t["TLS.sdkappid"];
  const time = t["TLS.time"];
  const expire = t["TLS.expire"];
  const sig = t["TLS.sig"];
  const userbuf = t["TLS.userbuf"];
  if (typeof identifier !== "string" || typeof sig !== "string") return undefined;
  if (
    !Number.isSafeInteger(sdkappid) ||
    !Number.isSafeInteger(time) ||
    !Number.isSafeInteger(expire)
  )
    return undefined;
  if (userbuf !== undefined && typeof userbuf !== "string") return undefined;
  return {
    identifier,
    sdkappid: sdkappid as number,
    time: time as number,
    expire: expire as number,
    sig,
    userbuf,
  };
}

function hmac(key: string, t: Ticket): Buffer {
  let content = `TLS.identifier:${t.identifier}\nTLS.sdkappid:${t.sdkappid}\nTLS.time:${t.time}\nTLS.expire:${t.expire}\n`;
  if (t.userbuf !== undefined) content += `TLS.userbuf:${t.userbuf}\n`;
  return createHmac("sha256", key).update(content).digest();
}

/**
 * Verifies one UserSig. Checks run in the order of Tencent's reference verifiers, so each kind of
 * bad signature gets one well-defined reason.
 */
export function verifyUserSig(
  userSig: string,
  expect: { sdkAppId: number; identifier: string; secretKey: string; nowMs: number },
): UserSigResult {
  if (userSig.length === 0) return { ok: false, reason: "empty" };
  const t = decode(userSig);
  if (!t) return { ok: false, reason: "undecodable" };
  if (t.sdkappid !== expect.sdkAppId) return { ok: false, reason: "sdkappid_mismatch" };
  if (t.identifier !== expect.identifier) return { ok: false, reason: "identifier_mismatch" };
  if (Math.floor(expect.nowMs / 1000) > t.time + t.expire) return { ok: false, reason: "expired" };
  // REST UserSigs carry no userbuf (that is for TRTC room-entry PrivateMapKeys).
  if (t.userbuf !== undefined) return { ok: false, reason: "userbuf_unexpected" };
  const expected = hmac(expect.secretKey, t);
  const given = Buffer.from(t.sig, "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: "bad_signature" };
  return { ok: true, time: t.time, expire: t.expire };
}

/**
 * Remembers signatures that verified, so a client reusing one UserSig (as Tencent recommends) does
 * not pay for inflate + HMAC on every request. Expiry is still checked each time.
 */
export class UserSigCache {
  private readonly ok = new Map<string, { time: number; expire: number }>();

  constructor(private readonly max = 1000) {}

  verify(
    userSig: string,
    expect: { sdkAppId: number; identifier: string; secretKey: string; nowMs: number },
  ): UserSigResult {
    const key = `${expect.sdkAppId}\n${expect.identifier}\n${userSig}`;
    const hit = this.ok.get(key);
    if (hit) {
      if (Math.floor(expect.nowMs / 1000) > hit.time + hit.expire)
        return { ok: false, reason: "expired" };
      return { ok: true, ...hit };
    }
    const result = verifyUserSig(userSig, expect);
    if (result.ok) {
      if (this.ok.size >= this.max) this.ok.clear();
      this.ok.set(key, { time: result.time, expire: result.expire });
    }
    return result;
  }

  clear(): void {
    this.ok.clear();
  }
}
