import { z } from "zod";

// Tencent allows 32 bytes, but the index stores whatever the records carry: same limit as `user`.
export const USER_ID_MAX = 128;

export const userIdSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(USER_ID_MAX, `must be at most ${USER_ID_MAX} characters`)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "must not contain control characters");

/** Next hands a segment over encoded on some paths and decoded on others; decode once more, safely. */
export function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
