import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX_CLI = createRequire(import.meta.url).resolve("tsx/cli");

export type ScriptResult = { code: number | null; stdout: string; stderr: string };

/** Runs one of our scripts the way `npm run` does (tsx with the react-server condition). */
export function runScript(
  script: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; stdin?: string; timeoutMs?: number } = {},
): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { NODE_ENV: "test" };
    // Start from a clean slate so the developer's own .env or shell does not leak into the test.
    for (const key of ["PATH", "HOME", "TMPDIR", "LANG"])
      if (process.env[key]) env[key] = process.env[key]!;
    for (const [key, value] of Object.entries(options.env ?? {}))
      if (value !== undefined) env[key] = value;
    const child = spawn(process.execPath, [TSX_CLI, "--conditions=react-server", script, ...args], {
      cwd: ROOT,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script} ${args.join(" ")} timed out\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    else child.stdin.end();
  });
}
