import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

// TC3-HMAC-SHA256 verification, rebuilt from Tencent's "Signature v3" page with node:crypto. This
// is the test oracle for the console's client, so it shares no code with the SDK that signs.

export type SignatureCheck =
  { ok: true; secretId: string } | { ok: false; code: string; message: string };

const AUTH =
  /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;
/** Tencent refuses timestamps more than five minutes from its clock. */
export const MAX_SKEW_S = 300;

const sha256 = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac("sha256", key).update(data, "utf8").digest();

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  return (Array.isArray(v) ? v.join(",") : (v ?? "")).trim();
}

export function expectedSignature(input: {
  secretKey: string;
  service: string;
  date: string;
  timestamp: string;
  canonicalRequest: string;
}): string {
  const stringToSign = [
    "TC3-HMAC-SHA256",
    input.timestamp,
    `${input.date}/${input.service}/tc3_request`,
    sha256(input.canonicalRequest),
  ].join("\n");
  const secretDate = hmac(`TC3${input.secretKey}`, input.date);
  const secretSigning = hmac(hmac(secretDate, input.service), "tc3_request");
  return createHmac("sha256", secretSigning).update(stringToSign, "utf8").digest("hex");
}

export function verifyTc3(input: {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  service: string;
  secretKeyOf: (secretId: string) => string | undefined;
  /** The real time, seconds: signatures are checked against it even when the data clock moved. */
  nowS: number;
}): SignatureCheck {
  const auth = headerValue(input.headers, "authorization");
  const m = AUTH.exec(auth);
  if (!m) {
    return {
      ok: false,
      code: "AuthFailure.InvalidAuthorization",
      message: "Authorization header is missing or not TC3-HMAC-SHA256.",
    };
  }
  const [, secretId, date, service, signedHeaders, signature] = m as unknown as string[];
  const secretKey = input.secretKeyOf(secretId!);
  if (secretKey === undefined) {
    return {
      ok: false,
      code: "AuthFailure.SecretIdNotFound",
      message: "The SecretId is not found.",
    };
  }
  const timestamp = headerValue(input.headers, "x-tc-timestamp");
  const ts = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(input.nowS - ts) > MAX_SKEW_S) {
    return {
      ok: false,
      code: "AuthFailure.SignatureExpire",
      message: "Signature expired: X-TC-Timestamp is more than five minutes from the server time.",
    };
  }
  const names = signedHeaders!.split(";");
  if (
    service !== input.service ||
    date !== new Date(ts * 1000).toISOString().slice(0, 10) ||
    !names.includes("content-type") ||
    !names.includes("host")
  ) {
    return signatureFailure();
  }
  // The host is signed without a port (Tencent's hosts have none); values are lower-cased.
  const canonicalHeaders = names
    .map((n) => {
      const v = headerValue(input.headers, n).toLowerCase();
      return `${n}:${n === "host" ? v.replace(/:\d+$/, "") : v}\n`;
    })
    .join("");
  const canonicalRequest = [
    input.method,
    input.path,
    input.query,
    canonicalHeaders,
    signedHeaders,
    sha256(input.body),
  ].join("\n");
  const expected = expectedSignature({
    secretKey,
    service: input.service,
    date: date,
    timestamp,
    canonicalRequest,
  });
  const same = timingSafeEqual(Buffer.from(expected), Buffer.from(signature!));
  return same ? { ok: true, secretId: secretId! } : signatureFailure();
}

const signatureFailure = (): SignatureCheck => ({
  ok: false,
  code: "AuthFailure.SignatureFailure",
  message:
    "The provided credentials could not be validated. Please check your signature is correct.",
});
