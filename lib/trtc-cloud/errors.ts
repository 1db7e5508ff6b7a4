import type { QualityUnavailableReason } from "./types";

// Why quality cannot be shown, in plain words for staff, with Tencent's code and RequestId kept so
// support can quote them to Tencent.

export type QualityUnavailable = {
  reason: QualityUnavailableReason;
  message: string;
  code?: string;
  requestId?: string;
};

export class QualityUnavailableError extends Error implements QualityUnavailable {
  readonly reason: QualityUnavailableReason;
  readonly code?: string;
  readonly requestId?: string;

  constructor(u: QualityUnavailable) {
    super(u.message);
    this.name = "QualityUnavailableError";
    this.reason = u.reason;
    this.code = u.code;
    this.requestId = u.requestId;
  }

  toJSON(): QualityUnavailable {
    return {
      reason: this.reason,
      message: this.message,
      code: this.code,
      requestId: this.requestId,
    };
  }
}

export const UNCONFIGURED: QualityUnavailable = {
  reason: "unconfigured",
  message:
    "Call quality is not configured. Set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (a " +
    "Tencent Cloud API key allowed to call trtc:Describe*) so the console can read each " +
    "participant's network, device and media from TRTC's monitoring APIs.",
};

export const EXPIRED_MESSAGE =
  "Tencent keeps call quality for 14 days; this call is older, and no copy was archived before then.";

const PLAN_MESSAGE =
  "Tencent refused the quality query: the app's TRTC Monitoring Dashboard plan does not cover it. " +
  "Subscribe to a paid Monitoring Dashboard edition (or an Ultimate/Flagship monthly package) in " +
  "Tencent's TRTC console; the Basic edition covers 7 days, Advanced 14.";

const PERMISSION_MESSAGE =
  "Tencent refused the API key: it lacks permission for TRTC's monitoring APIs. Grant the key's " +
  "CAM user the trtc:DescribeRoomInfo, DescribeUserInfo, DescribeCallDetailInfo and " +
  "DescribeUserEvent actions (e.g. the QcloudTRTCReadOnlyAccess policy).";

const KEY_MESSAGE =
  "Tencent rejected the API key (TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY): check that the " +
  "key exists, is enabled and is copied without spaces, and that this server's clock is right.";

// Codes from Tencent's DescribeCallDetailInfo/DescribeUserInfo pages and the common error list.
// StartTimeOversize is documented as "exceeds the range allowed by the current dashboard edition".
const PLAN_CODES = new Set(["InvalidParameter.StartTimeOversize"]);
const PERMISSION_CODES = new Set(["AuthFailure.UnauthorizedOperation", "UnauthorizedOperation"]);
const KEY_CODES = new Set([
  "AuthFailure.SecretIdNotFound",
  "AuthFailure.InvalidSecretId",
  "AuthFailure.SignatureFailure",
  "AuthFailure.SignatureExpire",
  "AuthFailure.InvalidAuthorization",
]);
const EXPIRED_CODES = new Set([
  "InvalidParameter.StartTsOversize",
  "InvalidParameter.StartTimeExpire",
]);
const PLAN_WORDS = /dashboard|package|plan|subscri|edition|套餐|仪表盘|版本/i;

/** Maps a Tencent error answer to what staff should read. */
export function fromTencentError(
  code: string,
  upstreamMessage: string,
  requestId: string | undefined,
): QualityUnavailableError {
  const tail = ` (Tencent ${code}${requestId ? `, RequestId ${requestId}` : ""})`;
  const make = (reason: QualityUnavailableReason, message: string) =>
    new QualityUnavailableError({ reason, message: message + tail, code, requestId });
  if (PLAN_CODES.has(code)) return make("plan_inactive", PLAN_MESSAGE);
  if (
    (code.startsWith("UnsupportedOperation") || code.startsWith("FailedOperation")) &&
    PLAN_WORDS.test(upstreamMessage)
  ) {
    return make("plan_inactive", PLAN_MESSAGE);
  }
  if (PERMISSION_CODES.has(code)) return make("permission", PERMISSION_MESSAGE);
  if (KEY_CODES.has(code)) return make("permission", KEY_MESSAGE);
  if (EXPIRED_CODES.has(code)) return make("expired", EXPIRED_MESSAGE);
  if (code === "RequestLimitExceeded")
    return make("upstream", "Tencent is rate-limiting quality queries; try again in a moment.");
  return make("upstream", `Tencent's monitoring API failed: ${upstreamMessage || "no message"}.`);
}
