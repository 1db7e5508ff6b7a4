import { z } from "zod";

// TUICallKit call IDs are UUIDs in every sample, but neither generation documents a format, and
// scripted or older calls may use other shapes. So we accept any printable text and reject only
// what cannot be a call ID: empty, whitespace inside, control characters, or absurd length.
export const CALL_ID_MAX_LENGTH = 128;

// Cc (control) and Cf (format: zero-width spaces, bidi marks) cannot be typed on purpose and
// usually come from a bad copy-paste out of a ticket.
const FORBIDDEN = /[\p{Cc}\p{Cf}]/u;
const WHITESPACE = /\s/u;

export type CallIdCheck = { ok: true; callId: string } | { ok: false; reason: string };

/** Checks a call ID pasted by a person. Surrounding whitespace is trimmed first. */
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

/** Zod form for route handlers and the upstream client: trims, then applies `checkCallId`. */
export const callIdSchema = z.string().transform((value, ctx) => {
  const check = checkCallId(value);
  if (!check.ok) {
    ctx.addIssue({ code: "custom", message: check.reason });
    return z.NEVER;
  }
  return check.callId;
});
