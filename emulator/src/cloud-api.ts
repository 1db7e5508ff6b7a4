import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

import { CloudError, runAction } from "./cloud-actions";
import { verifyTc3 } from "./cloud-sign";
import { recordAccepted } from "./cloud-state";
import { readBody, sendJson, sleep } from "./http-util";
import type { RateLimiter } from "./rate-limit";
import type { EmulatorState } from "./state";

// Tencent Cloud API 3.0 for service trtc, version 2019-07-22: a POST with a JSON body, the action in
// X-TC-Action, signed with TC3-HMAC-SHA256. Answers are HTTP 200 {"Response": {...}}, errors
// {"Response": {"Error": {Code, Message}, RequestId}}, as Tencent's common-error page shows.

export const CLOUD_SERVICE = "trtc";
export const CLOUD_VERSION = "2019-07-22";
export const CLOUD_LIMIT_PER_SECOND = 20;
const ACTIONS = new Set([
  "DescribeRoomInfo",
  "DescribeUserInfo",
  "DescribeCallDetailInfo",
  "DescribeUserEvent",
]);

export type CloudDeps = { state: () => EmulatorState; limiter: RateLimiter };

export async function handleCloud(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  search: string,
  deps: CloudDeps,
): Promise<string> {
  const st = deps.state();
  const cs = st.cloud;
  const requestId = randomUUID();
  const fail = (code: string, message: string): string => {
    cs.refused[code] = (cs.refused[code] ?? 0) + 1;
    sendJson(res, 200, {
      Response: { Error: { Code: code, Message: message }, RequestId: requestId },
    });
    return code;
  };
  const raw = await readBody(req, st.options.maxBodyBytes);
  if (!raw.ok)
    return raw.reason === "aborted"
      ? "aborted"
      : fail("InvalidParameter", "The request body is too large.");
  const faults = st.faults;
  if (
    faults.latencyMs > 0 &&
    (faults.onlyPaths === null || faults.onlyPaths.some((p) => p.startsWith("/cloud")))
  )
    await sleep(faults.latencyMs);
  if (req.method !== "POST")
    return fail(
      "UnsupportedProtocol",
      "The emulator serves Cloud API 3.0 as POST with a JSON body.",
    );

  const realNow = st.options.baseNow();
  const check = verifyTc3({
    method: "POST",
    path,
    query: search,
    headers: req.headers,
    body: Buffer.from(raw.text, "utf8"),
    service: CLOUD_SERVICE,
    secretKeyOf: (id) => (id === st.options.cloudSecretId ? st.options.cloudSecretKey : undefined),
    nowS: Math.floor(realNow / 1000),
  });
  if (!check.ok) return fail(check.code, check.message);

  const action = String(req.headers["x-tc-action"] ?? "");
  const version = String(req.headers["x-tc-version"] ?? "");
  if (version !== CLOUD_VERSION)
    return fail(
      "NoSuchVersion",
      `The API version ${version || "(none)"} does not exist; use ${CLOUD_VERSION}.`,
    );
  if (!ACTIONS.has(action))
    return fail("InvalidAction", `The action ${action || "(none)"} does not exist.`);
  // Tencent's limit is per action; counted on real time so clock moves do not refill it.
  if (
    faults.rateLimit &&
    !deps.limiter.take(`cloud:${check.secretId}:${action}`, CLOUD_LIMIT_PER_SECOND, realNow)
  )
    return fail(
      "RequestLimitExceeded",
      `The number of requests exceeds the frequency limit of ${CLOUD_LIMIT_PER_SECOND} per second for ${action}.`,
    );
  recordAccepted(cs, action, realNow);

  if (cs.permission === "denied")
    return fail(
      "AuthFailure.UnauthorizedOperation",
      `You are not authorized to perform operation (trtc:${action}); check the CAM policy of the key's user.`,
    );
  if (cs.plan === "inactive")
    return fail(
      "InvalidParameter.StartTimeOversize",
      "The query start time exceeds the range allowed by the current dashboard edition.",
    );

  let params: unknown;
  try {
    params = raw.text === "" ? {} : JSON.parse(raw.text);
  } catch {
    return fail("InvalidParameter.BodyParamsError", "Failed to parse body parameters.");
  }
  if (typeof params !== "object" || params === null || Array.isArray(params))
    return fail("InvalidParameter.BodyParamsError", "The body must be a JSON object.");
  const p = params as Record<string, unknown>;
  if (p.SdkAppId === undefined) return fail("MissingParameter.SdkAppId", "SdkAppId is missing.");
  if (p.SdkAppId !== st.options.sdkAppId)
    return fail("InvalidParameter.SdkAppId", "SdkAppId is incorrect.");
  try {
    const out = runAction(action, p, {
      store: st.store,
      sdkAppId: st.options.sdkAppId,
      now: st.now(),
      overrides: cs.overrides,
    });
    sendJson(res, 200, { Response: { ...out, RequestId: requestId } });
    return "ok";
  } catch (e) {
    if (e instanceof CloudError) return fail(e.code, e.message);
    throw e;
  }
}
