import { z } from "zod";

// Every sample ID is a UUID, but neither generation documents a format, so any printable text
// is accepted; only what cannot be a call ID is refused.
export const CALL_ID_MAX_LENGTH = 128;

// Control and format characters (zero-width spaces, bidi marks) come from bad copy-pastes.
const FORBIDDEN = /[\p{Cc}\p{Cf}]/u;
const WHITESPACE = /\s/u;

export type CallIdCheck = { ok: true; callId: string } | { ok: false; reason: string };

export function checkCallId(input: string): CallIdCheck {
  const callId = input.trim();
  if (callId.length === 0) return { ok: false, reason: "Call ID is empty" };
  if (callId.length > CALL_ID_MAX_LENGTH) {
    return { ok: false, reason: `Call ID is longer than ${CALL_ID_MAX_LENGTH} characters` };
  }
  if (FORBIDDEN.test(callId))
    return { ok: false, reason: "Call ID contains control or invisible characters" };
  if (WHITESPACE.test(callId)) return { ok: false, reason: "Call ID contains spaces" };
  return { ok: true, callId };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GENERATED = /^(?=.*\d)(?=.*[a-z])[a-z0-9_-]{16,128}$/i;

/**
 * Whether a word taken out of prose is worth looking up: a UUID, or a long token mixing digits
 * and letters as generated IDs do. Words, names, times and short numbers are not.
 */
export function looksLikeCallId(token: string): boolean {
  return UUID.test(token) || GENERATED.test(token);
}

export const callIdSchema = z.string().transform((value, ctx) => {
  const check = checkCallId(value);
  if (!check.ok) {
    ctx.addIssue({ code: "custom", message: check.reason });
    return z.NEVER;
  }
  return check.callId;
});
