// Shared by the credentials check (which throws these) and the sign-in form (which reads them).
export const THROTTLED_ERROR_PREFIX = "TooManyAttempts:";
export const BUSY_ERROR_PREFIX = "Busy:";

/** Seconds to wait, when the error is one of the two above. */
export function signInRetryAfter(error: string): number | null {
  for (const prefix of [THROTTLED_ERROR_PREFIX, BUSY_ERROR_PREFIX]) {
    if (error.startsWith(prefix)) {
      const seconds = Number(error.slice(prefix.length));
      return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 1;
    }
  }
  return null;
}

export function signInErrorMessage(error: string): string {
  if (error.startsWith(BUSY_ERROR_PREFIX))
    return "The console is busy checking other sign-ins. Try again in a few seconds.";
  if (error.startsWith(THROTTLED_ERROR_PREFIX)) {
    const seconds = Number(error.slice(THROTTLED_ERROR_PREFIX.length));
    if (seconds < 60) {
      const n = Math.max(1, Math.ceil(seconds));
      return `Too many sign-in attempts. Try again in ${n} second${n === 1 ? "" : "s"}.`;
    }
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  }
  if (error === "CredentialsSignin") return "Wrong e-mail or password.";
  return "Sign-in failed. Try again.";
}
