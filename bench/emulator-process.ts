// The emulator as a process of its own, as it runs beside the console in production: benchmarks
// start it here so that it does not share the measuring process's event loop.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

export type EmulatorProcess = {
  /** The v4 (Chat domain) base URL it printed. */
  url: string;
  child: ChildProcess;
  /** From spawn until it printed its URL, tsx's start included. */
  startupMs: number;
};

/**
 * Starts `emulator/src/main.ts` on a free port, with `env` added to this process's environment;
 * resolves once it is serving. Through `node --import tsx` rather than the tsx CLI, whose signal
 * relay would add a process: SIGTERM and the child's pid are then the emulator's own.
 */
export function startEmulatorProcess(env: Record<string, string>): Promise<EmulatorProcess> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "emulator/src/main.ts")],
    {
      cwd: ROOT,
      env: { ...process.env, EMULATOR_PORT: "0", ...env },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /v4 \(Chat domain\) base URL:\s+(http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child, startupMs: performance.now() - started });
    });
    child.on("exit", (code) =>
      reject(new Error(`emulator exited (${code}) before it was ready:\n${out}`)),
    );
  });
}

export function stopEmulatorProcess(e: EmulatorProcess): Promise<void> {
  return new Promise((resolve) => {
    e.child.removeAllListeners("exit");
    if (e.child.exitCode !== null || e.child.signalCode !== null) return resolve();
    e.child.once("exit", () => resolve());
    e.child.kill("SIGTERM");
  });
}
