import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

// PGlite lets one process own a data directory: `npm run users` checks this pid before opening it.

export const PID_FILE = "console.pid";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function runningConsolePid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(dataDir, PID_FILE), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function writePidFile(dataDir: string): void {
  writeFileSync(path.join(dataDir, PID_FILE), `${process.pid}\n`);
}

export function removePidFile(dataDir: string): void {
  try {
    const pid = Number(readFileSync(path.join(dataDir, PID_FILE), "utf8").trim());
    if (pid === process.pid) rmSync(path.join(dataDir, PID_FILE), { force: true });
  } catch {
    // Already gone.
  }
}
