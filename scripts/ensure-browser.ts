// Run before Playwright: makes sure the end-to-end tests have a Chromium to drive. Debian's
// (installed here as root when apt-get is there), else Playwright's own (downloaded when
// missing), else a message naming what to install.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { userInfo } from "node:os";

import { chromium } from "@playwright/test";

import { systemChromium } from "../e2e/browser";

const run = (command: string, args: string[]) =>
  spawnSync(command, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  }).status === 0;

function installDebianChromium(): boolean {
  if (userInfo().uid !== 0 || !existsSync("/usr/bin/apt-get")) return false;
  console.log("No Chromium found; installing Debian's chromium package (apt-get).");
  return (
    run("apt-get", ["update", "-qq"]) &&
    run("apt-get", ["install", "-y", "-qq", "chromium"]) &&
    systemChromium() !== undefined
  );
}

function installPlaywrightChromium(): boolean {
  console.log("No Chromium found; downloading Playwright's (npx playwright install chromium).");
  const cli = createRequire(import.meta.url).resolve("@playwright/test/cli");
  return (
    run(process.execPath, [cli, "install", "chromium"]) && existsSync(chromium.executablePath())
  );
}

if (
  !systemChromium() &&
  !existsSync(chromium.executablePath()) &&
  !installDebianChromium() &&
  !installPlaywrightChromium()
) {
  console.error(
    [
      "The end-to-end tests need Chromium and none could be installed. Install one of:",
      "  Debian or Ubuntu:  sudo apt-get install chromium",
      "  anywhere else:     npx playwright install --with-deps chromium",
    ].join("\n"),
  );
  process.exit(1);
}
