// `npm run bench`: runs every bench/*.bench.ts in turn (each in its own tsx process, so one
// benchmark's memory and event loop never skew another's) and fails if any of them fails.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

if (files.length === 0) {
  console.error("No bench/*.bench.ts files found.");
  process.exit(1);
}

const tsx = path.resolve(dir, "../node_modules/.bin/tsx");
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  // react-server: lib/ modules import "server-only", which only that condition makes a no-op.
  const r = spawnSync(tsx, ["--conditions=react-server", path.join(dir, file)], {
    stdio: "inherit",
    env: process.env,
  });
  if (r.status !== 0) {
    failed++;
    console.error(`${file} failed (exit ${r.status ?? r.signal})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
