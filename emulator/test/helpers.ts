import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import { deflateSync } from "node:zlib";

import { EMULATOR_DEFAULTS } from "../src/defaults";
import { startEmulator, type Emulator, type EmulatorOptions } from "../src/server";

// Test helpers: real UserSigs from Tencent's own `tls-sig-api-v2` package, and small HTTP clients
// that speak to a running emulator exactly as the console's upstream client would.

const require = createRequire(import.meta.url);
const TLSSigAPIv2 = require("tls-sig-api-v2") as {
  Api: new (
    sdkappid: number,
    key: string,
  ) => { genSig(identifier: string, expire: number): string };
};

export const SDK_APP_ID: number = EMULATOR_DEFAULTS.sdkAppId;
export const SECRET: string = EMULATOR_DEFAULTS.secretKey;
export const ADMIN = "administrator";

export function realSig(
  identifier = ADMIN,
  expire = 86_400,
  sdkAppId = SDK_APP_ID,
  key = SECRET,
): string {
  return new TLSSigAPIv2.Api(sdkAppId, key).genSig(identifier, expire);
}

/** A UserSig built by hand (for fields the package cannot produce: any zlib level, a past time, a userbuf). */
export function handSig(opts: {
  identifier?: string;
  sdkAppId?: number;
  key?: string;
  time?: number;
  expire?: number;
  level?: number;
  userbuf?: string;
}): string {
  const identifier = opts.identifier ?? ADMIN;
  const sdkappid = opts.sdkAppId ?? SDK_APP_ID;
  const time = opts.time ?? Math.floor(Date.now() / 1000);
  const expire = opts.expire ?? 86_400;
  let content = `TLS.identifier:${identifier}\nTLS.sdkappid:${sdkappid}\nTLS.time:${time}\nTLS.expire:${expire}\n`;
  if (opts.userbuf !== undefined) content += `TLS.userbuf:${opts.userbuf}\n`;
  const sig = createHmac("sha256", opts.key ?? SECRET)
    .update(content)
    .digest("base64");
  const doc: Record<string, unknown> = {
    "TLS.ver": "2.0",
    "TLS.identifier": identifier,
    "TLS.sdkappid": sdkappid,
    "TLS.expire": expire,
    "TLS.time": time,
    "TLS.sig": sig,
  };
  if (opts.userbuf !== undefined) doc["TLS.userbuf"] = opts.userbuf;
  return deflateSync(Buffer.from(JSON.stringify(doc)), { level: opts.level ?? 6 })
    .toString("base64")
    .replace(/\+/g, "*")
    .replace(/\//g, "-")
    .replace(/=/g, "_");
}

export type Query = {
  sdkappid?: string;
  identifier?: string;
  usersig?: string;
  random?: string;
  contenttype?: string;
};

export function query(over: Partial<Query> & { omit?: (keyof Query)[] } = {}): string {
  const q: Record<string, string> = {
    sdkappid: String(SDK_APP_ID),
    identifier: ADMIN,
    usersig: over.usersig ?? realSig(),
    random: "3141592653",
    contenttype: "json",
  };
  for (const [k, v] of Object.entries(over)) if (k !== "omit" && typeof v === "string") q[k] = v;
  for (const k of over.omit ?? []) delete q[k];
  return new URLSearchParams(q).toString();
}

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export class Client {
  readonly sig = realSig();
  constructor(readonly em: Emulator) {}

  async raw(
    path: string,
    init: { method?: string; body?: string; q?: Parameters<typeof query>[0] } = {},
  ) {
    const res = await fetch(`${this.em.url}${path}?${query({ usersig: this.sig, ...init.q })}`, {
      method: init.method ?? "POST",
      headers: { "content-type": "application/json" },
      body: init.method === "GET" ? undefined : (init.body ?? "{}"),
    });
    const text = await res.text();
    let json: Json = {};
    try {
      json = JSON.parse(text) as Json;
    } catch {
      json = { text };
    }
    return { status: res.status, json };
  }

  async post(path: string, body: unknown = {}, q?: Parameters<typeof query>[0]): Promise<Json> {
    const r = await this.raw(path, { body: JSON.stringify(body), q });
    if (r.status !== 200) throw new Error(`HTTP ${r.status} from ${path}`);
    return r.json;
  }

  async control(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Json }> {
    const res = await fetch(`${this.em.url}/__emulator${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Json };
  }
}

/** An emulator on an ephemeral port with test-friendly defaults (no rate limit, records at once). */
export async function start(opts: EmulatorOptions = {}): Promise<{ em: Emulator; c: Client }> {
  const em = await startEmulator({
    port: 0,
    calls: 2000,
    rateLimit: false,
    recordDelayMs: 0,
    ...opts,
  });
  return { em, c: new Client(em) };
}

export const V4_FILTER = "/v4/call_record_http_srv/get_record_by_filter";
export const V4_BY_ID = "/v4/call_record_http_srv/get_record_by_callid";
export const V1_FILTER = "/v1/records/get_records_by_filter";
export const V1_BY_ID = "/v1/records/get_record_by_callId";
export const CALL_INFO = "/v4/call_engine_http_srv/get_call_info";
export const END_CALL = "/v4/call_engine_http_srv/end_call";
export const ROBOT = "/v4/call_engine_http_srv/start_call_by_robot";
