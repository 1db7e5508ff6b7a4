import "server-only";

import { inflateSync, deflateSync } from "node:zlib";

import TLSSigAPIv2 from "tls-sig-api-v2";
import { z } from "zod";

// Nothing here logs, and callers must never log a UserSig either.

/** `_hmacsha256` is the package's own signing routine. */
type TlsSigApi = {
  genUserSig(userId: string, expireSeconds: number): string;
  _hmacsha256(
    identifier: string,
    time: number,
    expire: number,
    base64UserBuf: string | null,
  ): string;
};
type TlsSigModule = { Api: new (sdkAppId: number, key: string) => TlsSigApi };

const { Api } = TLSSigAPIv2 as TlsSigModule;

export type GenerateUserSigInput = {
  sdkAppId: number;
  secretKey: string;
  identifier: string;
  expireSeconds: number;
  /** Tests move the emulator's clock, so signing time is injectable. */
  nowMs?: number;
};

// The package's genUserSig always uses the wall clock, so a given time means building the
// document around its HMAC routine; both give the same string (see usersig.test.ts).
export function generateUserSig(input: GenerateUserSigInput): string {
  const api = new Api(input.sdkAppId, input.secretKey);
  if (input.nowMs === undefined) return api.genUserSig(input.identifier, input.expireSeconds);
  const time = Math.floor(input.nowMs / 1000);
  const doc = {
    "TLS.ver": "2.0",
    "TLS.identifier": input.identifier,
    "TLS.sdkappid": input.sdkAppId,
    "TLS.time": time,
    "TLS.expire": input.expireSeconds,
    "TLS.sig": api._hmacsha256(input.identifier, time, input.expireSeconds, null),
  };
  return escape(deflateSync(Buffer.from(JSON.stringify(doc))).toString("base64"));
}

// UserSigs use Base64 with `+/=` replaced by `*-_` so they can sit in a query string.
function escape(b64: string): string {
  return b64.replace(/\+/g, "*").replace(/\//g, "-").replace(/=/g, "_");
}
function unescape(sig: string): string {
  return sig.replace(/\*/g, "+").replace(/-/g, "/").replace(/_/g, "=");
}

const docSchema = z.object({
  "TLS.ver": z.string().optional(),
  "TLS.identifier": z.coerce.string(),
  "TLS.sdkappid": z.coerce.number().int(),
  "TLS.time": z.coerce.number().int(),
  "TLS.expire": z.coerce.number().int(),
});

export type DecodedUserSig = {
  identifier: string;
  sdkAppId: number;
  issuedAt: Date;
  expiresAt: Date;
};

/** No signature check: we do not hold the key for a fixed UserSig. */
export function decodeUserSig(userSig: string): DecodedUserSig | null {
  try {
    const json = inflateSync(Buffer.from(unescape(userSig.trim()), "base64")).toString("utf8");
    const doc = docSchema.safeParse(JSON.parse(json));
    if (!doc.success) return null;
    const time = doc.data["TLS.time"];
    return {
      identifier: doc.data["TLS.identifier"],
      sdkAppId: doc.data["TLS.sdkappid"],
      issuedAt: new Date(time * 1000),
      expiresAt: new Date((time + doc.data["TLS.expire"]) * 1000),
    };
  } catch {
    return null;
  }
}
