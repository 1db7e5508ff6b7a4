import "server-only";

import type { Generation } from "@/lib/calls/types";

// No shared table on purpose: the generations reuse numbers with different meanings (70001 is
// "bad parameters" in v1 but "UserSig expired" in v4).

export type CodeInfo = {
  meaning: string;
  explanation: string;
  retryable?: boolean;
  userSigRejected?: boolean;
  rateLimited?: boolean;
};

const CONTACT_ADMIN =
  "Ask a console administrator to check the TRTC settings (app ID, key or UserSig, administrator account).";
const SIG_EXPIRED =
  "The console's admin UserSig has expired. If it is a fixed TRTC_ADMIN_USERSIG, an administrator must issue a new one.";
const SIG_BAD = `The console's admin UserSig was refused. ${CONTACT_ADMIN}`;
const SLOW_DOWN =
  "Tencent is limiting how fast the console may ask. Wait a few seconds and try again.";
const TRY_AGAIN =
  "Tencent had an internal problem. Try again in a moment; if it persists, check Tencent's status page.";

export const V4_CODES: Record<number, CodeInfo> = {
  60002: {
    meaning: "HTTP parse error",
    explanation: `The request URL was malformed. ${CONTACT_ADMIN}`,
  },
  60003: {
    meaning: "request JSON parse error",
    explanation: "Tencent could not read the request. This is a console bug; report it.",
  },
  60004: { meaning: "account or signature error", explanation: SIG_BAD, userSigRejected: true },
  60005: { meaning: "account or signature error", explanation: SIG_BAD, userSigRejected: true },
  60006: {
    meaning: "SDKAppID invalid",
    explanation: `Tencent does not know this app ID. ${CONTACT_ADMIN}`,
  },
  60007: {
    meaning: "REST call frequency exceeded",
    explanation: SLOW_DOWN,
    retryable: true,
    rateLimited: true,
  },
  60008: { meaning: "service timeout", explanation: TRY_AGAIN, retryable: true },
  60009: {
    meaning: "request resource error",
    explanation: `Tencent does not serve this API at this address. ${CONTACT_ADMIN}`,
  },
  60010: {
    meaning: "requires App administrator",
    explanation: `TRTC_ADMIN_IDENTIFIER is not an App administrator. ${CONTACT_ADMIN}`,
  },
  60011: {
    meaning: "SDKAppID request frequency exceeded",
    explanation: SLOW_DOWN,
    retryable: true,
    rateLimited: true,
  },
  60012: { meaning: "SDKAppID missing", explanation: CONTACT_ADMIN },
  60016: {
    meaning: "SDKAppID disabled",
    explanation: "This Tencent app is disabled. Check its status in the Tencent console.",
  },
  60017: {
    meaning: "request disabled",
    explanation: "Tencent has disabled this request for the app.",
  },
  60018: { meaning: "too frequent", explanation: SLOW_DOWN, retryable: true, rateLimited: true },
  60019: { meaning: "too frequent", explanation: SLOW_DOWN, retryable: true, rateLimited: true },
  60020: {
    meaning: "package expired or not effective",
    explanation:
      "The app's TUICallKit package has expired or is not active yet. Check the purchase in the Tencent console.",
  },
  60021: {
    meaning: "caller IP not allowed",
    explanation: "Tencent refused the console's IP address. Check the app's IP allow-list.",
  },
  70001: { meaning: "UserSig expired", explanation: SIG_EXPIRED, userSigRejected: true },
  70002: { meaning: "UserSig empty", explanation: SIG_BAD, userSigRejected: true },
  70003: { meaning: "UserSig check failed", explanation: SIG_BAD, userSigRejected: true },
  70005: { meaning: "UserSig check failed", explanation: SIG_BAD, userSigRejected: true },
  70009: {
    meaning: "UserSig signature mismatch",
    explanation: `The UserSig was not signed with this app's key. ${CONTACT_ADMIN}`,
    userSigRejected: true,
  },
  70013: {
    meaning: "identifier does not match UserSig",
    explanation: SIG_BAD,
    userSigRejected: true,
  },
  70014: {
    meaning: "SDKAppID does not match UserSig",
    explanation: SIG_BAD,
    userSigRejected: true,
  },
  70016: { meaning: "key not found", explanation: CONTACT_ADMIN },
  70020: {
    meaning: "SDKAppID not found",
    explanation: `Tencent does not know this app ID. ${CONTACT_ADMIN}`,
  },
  70050: {
    meaning: "too many failed verifications",
    explanation:
      "Tencent locked the admin account for about a minute after repeated UserSig failures. Fix the configuration, then wait a minute.",
  },
  70051: {
    meaning: "account blocklisted",
    explanation: "The admin account is blocklisted by Tencent.",
  },
  70052: { meaning: "UserSig invalidated", explanation: SIG_BAD, userSigRejected: true },
  70107: {
    meaning: "user not imported",
    explanation:
      "The admin account does not exist in the Chat app. Create it as an App administrator.",
  },
  70169: { meaning: "server timeout", explanation: TRY_AGAIN, retryable: true },
  70402: {
    meaning: "invalid parameter",
    explanation: "Tencent refused a parameter. Check the values entered.",
  },
  70403: {
    meaning: "requires App administrator",
    explanation: `TRTC_ADMIN_IDENTIFIER is not an App administrator. ${CONTACT_ADMIN}`,
  },
  70500: { meaning: "internal error", explanation: TRY_AGAIN },
  // Chat's own REST codes (openim APIs such as query_online_status).
  90001: {
    meaning: "JSON parse failed",
    explanation: "Tencent could not read the request. This is a console bug; report it.",
  },
  90009: {
    meaning: "requires App administrator",
    explanation: `TRTC_ADMIN_IDENTIFIER is not an App administrator. ${CONTACT_ADMIN}`,
  },
  91000: { meaning: "internal service error", explanation: TRY_AGAIN, retryable: true },
  100001: { meaning: "internal server error", explanation: TRY_AGAIN, retryable: true },
  100002: {
    meaning: "invalid parameter",
    explanation:
      "Tencent refused the callback settings. Check the URL (http or https) and the event list.",
  },
  100301: {
    meaning: "no callback configuration",
    explanation: "No callback is configured for this app yet.",
  },
  101001: { meaning: "internal server error", explanation: TRY_AGAIN, retryable: true },
  101002: {
    meaning: "invalid parameter",
    explanation: "Tencent refused a parameter. Check the call ID or the values entered.",
  },
  101004: {
    meaning: "call does not exist or has ended",
    explanation: "This call has ended or never existed; look at its record.",
  },
  101050: {
    meaning: "call record does not exist",
    explanation:
      "Tencent has no record for this call ID. Records appear about 5 seconds after a call ends and are kept for 7 days; check the ID and the date.",
  },
};

export const V1_CODES: Record<number, CodeInfo> = {
  999: {
    meaning: "no callback configuration",
    explanation: "No callback is configured for this app yet.",
  },
  50001: {
    meaning: "Group Call package missing",
    explanation:
      "The app has no TUICallKit Group Call package (or trial), which the older v1 API requires. Check the purchase in the Tencent console.",
  },
  70001: {
    meaning: "invalid request parameters",
    explanation:
      "Tencent refused a parameter (on the record API this also means the call was not found). Check the call ID or the values entered.",
  },
  70002: { meaning: "UserSig invalid", explanation: SIG_BAD, userSigRejected: true },
  70003: { meaning: "UserSig expired", explanation: SIG_EXPIRED, userSigRejected: true },
  70004: {
    meaning: "not a super administrator",
    explanation: `TRTC_ADMIN_IDENTIFIER is not the app's administrator. ${CONTACT_ADMIN}`,
  },
  70005: {
    meaning: "request frequency limited",
    explanation: SLOW_DOWN,
    retryable: true,
    rateLimited: true,
  },
  70009: {
    meaning: "request body could not be parsed",
    explanation: "Tencent could not read the request. This is a console bug; report it.",
  },
};

export function codeInfo(generation: Generation, code: number): CodeInfo {
  if (generation === "v4") {
    return (
      V4_CODES[code] ?? {
        meaning: "unlisted error",
        explanation: `Tencent returned error ${code}, which its documentation does not list. Try again; if it persists, contact Tencent support with the RequestId.`,
      }
    );
  }
  // v1 documents "any other code: internal error", so an unlisted v1 code is worth a retry.
  return (
    V1_CODES[code] ?? {
      meaning: "internal error",
      explanation: TRY_AGAIN,
      retryable: true,
    }
  );
}
