import type { Locator, Page } from "@playwright/test";

export class Shell {
  readonly nav: Locator;
  readonly user: Locator;
  readonly signOut: Locator;
  readonly demoBanner: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole("navigation", { name: "Main" });
    this.user = page.getByLabel("Signed-in user");
    this.signOut = page.getByRole("button", { name: "Sign out" });
    this.demoBanner = page.getByRole("note", { name: "Demo mode" });
  }

  navLink(name: string) {
    return this.nav.getByRole("link", { name, exact: true });
  }

  roleBadge(label: string) {
    return this.user.getByLabel(`Role: ${label}`);
  }
}
