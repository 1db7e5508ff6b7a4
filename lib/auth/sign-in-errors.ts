// Shared by the credentials check (which throws these) and the sign-in form (which reads them).
export const THROTTLED_ERROR_PREFIX = "TooManyAttempts:";

export function signInErrorMessage(error: string): string {
  if (error.startsWith(THROTTLED_ERROR_PREFIX)) {
    const seconds = Number(error.slice(THROTTLED_ERROR_PREFIX.length));
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  }
  if (error === "CredentialsSignin") return "Wrong e-mail or password.";
  return "Sign-in failed. Try again.";
}
