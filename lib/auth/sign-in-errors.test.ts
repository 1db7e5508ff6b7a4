import { describe, expect, it } from "vitest";

import { signInErrorMessage, THROTTLED_ERROR_PREFIX } from "./sign-in-errors";

describe("sign-in error messages", () => {
  it("turns a throttle into whole minutes to wait", () => {
    expect(signInErrorMessage(`${THROTTLED_ERROR_PREFIX}900`)).toBe(
      "Too many sign-in attempts. Try again in 15 minutes.",
    );
    expect(signInErrorMessage(`${THROTTLED_ERROR_PREFIX}5`)).toBe(
      "Too many sign-in attempts. Try again in 1 minute.",
    );
  });

  it("names wrong credentials and falls back to a plain failure", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe("Wrong e-mail or password.");
    expect(signInErrorMessage("OAuthCallback")).toBe("Sign-in failed. Try again.");
  });
});
