import type { IncomingMessage, ServerResponse } from "node:http";

import { ApiError, V1, V4, envelope, type Generation } from "./codes";
import { readBody, sendJson, sleep } from "./http-util";
import type { RateLimiter } from "./rate-limit";
import { V1_ROUTES } from "./routes-v1";
import { V4_ROUTES, type Route } from "./routes-v4";
import type { EmulatorState } from "./state";
import type { UserSigCache, UserSigFailure } from "./usersig";

// The common mechanics of every Tencent path (reference §1): POST only, the five query parameters,
// UserSig and admin checks, rate limits, a JSON object body, HTTP 200 with the outcome in the
// generation's envelope. Faults from the control endpoint are applied first.

export type PipelineDeps = {
  state: () => EmulatorState;
  limiter: RateLimiter;
  sigCache: UserSigCache;
  /** Sockets of requests held open by the hang fault, so close() can cut them. */
  hanging: Set<IncomingMessage>;
};

const V4_SIG_CODES: Record<UserSigFailure, number> = {
  empty: V4.SIG_EMPTY,
  undecodable: V4.SIG_CHECK_FAILED,
  sdkappid_mismatch: V4.SIG_SDKAPPID_MISMATCH,
  identifier_mismatch: V4.SIG_IDENTIFIER_MISMATCH,
  expired: V4.SIG_EXPIRED,
  userbuf_unexpected: V4.SIG_CHECK_FAILED,
  bad_signature: V4.SIG_KEY_MISMATCH,
};

const SIG_MESSAGES: Record<UserSigFailure, string> = {
  empty: "UserSig is empty",
  undecodable: "UserSig could not be decoded",
  sdkappid_mismatch: "SDKAppID in UserSig does not match the request",
  identifier_mismatch: "identifier in UserSig does not match the request",
  expired: "UserSig has expired",
  userbuf_unexpected: "UserSig carries a userbuf, which REST requests must not",
  bad_signature: "UserSig signature does not verify with the app's key",
};

// Wording for codes a test is likely to inject, as the emulator words them elsewhere; any other
// code gets a plain "injected error" message.
const INJECTED_MESSAGES: Record<Generation, Record<number, string>> = {
  v4: {
    [V4.RECORD_NOT_FOUND]: "call record does not exist",
    [V4.CALL_NOT_FOUND]: "call does not exist or has already ended",
  },
  v1: {
    [V1.PACKAGE_MISSING]: "the app has not purchased the TUICallKit Group Call Version package",
    [V1.PARAM]: "call record does not exist",
  },
};

const injectedMessage = (gen: Generation, code: number): string =>
  INJECTED_MESSAGES[gen][code] ?? `injected error ${code}`;

const v1Generation = (path: string): boolean =>
  path.startsWith("/v1/") || path.startsWith("/records/") || path.startsWith("/callback/");

export async function handleTencent(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  search: string,
  deps: PipelineDeps,
): Promise<number> {
  const st = deps.state();
  const route: (Route & { bucket?: string }) | undefined = V4_ROUTES[path] ?? V1_ROUTES[path];
  const gen: Generation = route?.generation ?? (v1Generation(path) ? "v1" : "v4");
  const fail = (code: number, message: string, close = false): number => {
    sendJson(res, 200, envelope(gen, code, message), close);
    return code;
  };

  const faults = st.faults;
  if (faults.onlyPaths === null || faults.onlyPaths.some((p) => path.startsWith(p))) {
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.hangRate > 0 && Math.random() < faults.hangRate) return hang(req, res, st, deps);
    if (faults.http502Rate > 0 && Math.random() < faults.http502Rate) {
      req.resume();
      const html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
      res.writeHead(502, {
        "content-type": "text/html",
        "content-length": Buffer.byteLength(html),
      });
      res.end(html);
      return 502;
    }
    if (faults.errorRate > 0 && Math.random() < faults.errorRate) {
      req.resume();
      if (faults.errorCode !== null)
        return fail(faults.errorCode, injectedMessage(gen, faults.errorCode));
      const code = route?.internalCode ?? (gen === "v4" ? V4.ENGINE_INTERNAL : V1.INTERNAL);
      return fail(code, "internal server error, please retry");
    }
  }

  const body = await readBody(req, st.options.maxBodyBytes);
  if (!body.ok) {
    if (body.reason === "aborted") return -1;
    return fail(
      gen === "v4" ? V4.MALFORMED_REQUEST : V1.BODY_PARSE,
      `request body exceeds ${st.options.maxBodyBytes} bytes`,
      true,
    );
  }
  if (!route) return fail(gen === "v4" ? V4.UNKNOWN_PATH : V1.PARAM, `unknown API path ${path}`);
  if (req.method !== "POST")
    return fail(
      gen === "v4" ? V4.HTTP_PARSE : V1.PARAM,
      `method ${req.method} not allowed: use POST`,
    );

  const q = new URLSearchParams(search);
  const paramCode = gen === "v4" ? V4.HTTP_PARSE : V1.PARAM;
  const sdkappid = q.get("sdkappid");
  if (sdkappid === null || sdkappid === "")
    return fail(gen === "v4" ? V4.SDKAPPID_MISSING : V1.PARAM, "sdkappid is missing from the URL");
  if (!/^\d{1,10}$/.test(sdkappid) || Number(sdkappid) > 4294967295) {
    return fail(
      gen === "v4" ? V4.SDKAPPID_INVALID : V1.PARAM,
      "sdkappid must be an unsigned integer",
    );
  }
  const identifier = q.get("identifier");
  if (!identifier)
    return fail(gen === "v4" ? V4.ACCOUNT : V1.PARAM, "identifier is missing from the URL");
  const random = q.get("random");
  if (random === null || !/^\d{1,10}$/.test(random) || Number(random) > 4294967295) {
    return fail(paramCode, "random must be an unsigned 32-bit integer");
  }
  if (q.get("contenttype") !== "json") return fail(paramCode, "contenttype must be json");
  const userSig = q.get("usersig") ?? "";
  if (Number(sdkappid) !== st.options.sdkAppId) {
    return fail(gen === "v4" ? V4.APP_NOT_FOUND : V1.SIG_INVALID, `SDKAppID ${sdkappid} not found`);
  }
  const sig = deps.sigCache.verify(userSig, {
    sdkAppId: st.options.sdkAppId,
    identifier,
    secretKey: st.options.secretKey,
    nowMs: st.now(),
  });
  if (!sig.ok) {
    const v1Code = sig.reason === "expired" ? V1.SIG_EXPIRED : V1.SIG_INVALID;
    return fail(gen === "v4" ? V4_SIG_CODES[sig.reason] : v1Code, SIG_MESSAGES[sig.reason]);
  }
  if (!st.options.adminIdentifiers.includes(identifier)) {
    return fail(
      gen === "v4" ? V4.NOT_ADMIN : V1.NOT_ADMIN,
      "request requires an App administrator identifier",
    );
  }
  if (
    st.faults.rateLimit &&
    !deps.limiter.take(`${sdkappid}:${route.bucket ?? path}`, route.perSecond, st.now())
  ) {
    return fail(
      gen === "v4" ? V4.RATE_LIMITED : V1.RATE_LIMITED,
      `request frequency exceeds ${route.perSecond}/s`,
    );
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch {
    return fail(
      gen === "v4" ? V4.JSON_PARSE : V1.BODY_PARSE,
      body.text.trim() === ""
        ? "request body must not be empty (send {})"
        : "request body is not valid JSON",
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return fail(gen === "v4" ? V4.JSON_PARSE : V1.BODY_PARSE, "request body must be a JSON object");
  }
  try {
    const payload = route.handler(parsed as Record<string, unknown>, st);
    sendJson(res, 200, envelope(gen, 0, "", payload));
    return 0;
  } catch (e) {
    if (e instanceof ApiError) return fail(e.code, e.message);
    console.error("emulator: handler failed", path, e);
    return fail(route.internalCode, "internal server error, please retry");
  }
}

/** The hang fault: no answer until the client gives up, or the cap passes and we cut the socket. */
function hang(
  req: IncomingMessage,
  res: ServerResponse,
  st: EmulatorState,
  deps: PipelineDeps,
): Promise<number> {
  req.resume();
  deps.hanging.add(req);
  return new Promise((resolve) => {
    const timer = setTimeout(() => res.destroy(), st.options.hangCapMs);
    res.on("close", () => {
      clearTimeout(timer);
      deps.hanging.delete(req);
      resolve(-1);
    });
  });
}
