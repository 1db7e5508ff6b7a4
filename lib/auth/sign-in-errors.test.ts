import { describe, expect, it } from "vitest";

import {
  BUSY_ERROR_PREFIX,
  signInErrorMessage,
  signInRetryAfter,
  THROTTLED_ERROR_PREFIX,
} from "./sign-in-errors";

describe("sign-in error messages", () => {
  it("turns a throttle into whole minutes to wait", () => {
    expect(signInErrorMessage(`${THROTTLED_ERROR_PREFIX}900`)).toBe(
      "Too many sign-in attempts. Try again in 15 minutes.",
    );
    expect(signInErrorMessage(`${THROTTLED_ERROR_PREFIX}61`)).toBe(
      "Too many sign-in attempts. Try again in 2 minutes.",
    );
  });

  it("counts short waits in seconds and names a busy server", () => {
    expect(signInErrorMessage(`${THROTTLED_ERROR_PREFIX}4`)).toBe(
      "Too many sign-in attempts. Try again in 4 seconds.",
    );
    expect(signInErrorMessage(`${THROTTLED_ERROR_PREFIX}1`)).toBe(
      "Too many sign-in attempts. Try again in 1 second.",
    );
    expect(signInErrorMessage(`${BUSY_ERROR_PREFIX}1`)).toBe(
      "The console is busy checking other sign-ins. Try again in a few seconds.",
    );
    expect(signInRetryAfter(`${BUSY_ERROR_PREFIX}1`)).toBe(1);
    expect(signInRetryAfter(`${THROTTLED_ERROR_PREFIX}900`)).toBe(900);
    expect(signInRetryAfter("CredentialsSignin")).toBeNull();
  });

  it("names wrong credentials and falls back to a plain failure", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe("Wrong e-mail or password.");
    expect(signInErrorMessage("OAuthCallback")).toBe("Sign-in failed. Try again.");
  });
});
