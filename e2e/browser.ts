import { existsSync } from "node:fs";

/** Debian's Chromium, when installed: Playwright's own browser download is not always possible. */
export const systemChromium = (): string | undefined =>
  ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
