import type { Locator, Page } from "@playwright/test";

export class LoginPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel("E-mail");
    this.password = page.getByLabel("Password");
    this.submit = page.getByRole("button", { name: "Sign in", exact: true });
    // Scoped to the page body: Next.js adds its own (empty) route-announcer alert outside it.
    this.error = page.getByRole("main").getByRole("alert");
  }

  async goto(callbackUrl?: string) {
    await this.page.goto(
      callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login",
    );
  }

  async signIn(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  ssoButton(name: string) {
    return this.page.getByRole("button", { name: `Sign in with ${name}` });
  }
}
