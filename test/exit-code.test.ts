import { spawnSync } from "node:child_process";
import path from "node:path";

import { describe, expect, it } from "vitest";

// The embedded PostgreSQL's exit hook once turned every failed run into exit code 0, so CI passed
// whatever the unit tests said. A run with a failing test, on the embedded server, must fail.

const root = path.resolve(import.meta.dirname, "..");

describe("npm test's exit code", () => {
  it("is non-zero when a test fails, with the embedded PostgreSQL", { timeout: 120_000 }, () => {
    const run = spawnSync(
      path.join(root, "node_modules/.bin/vitest"),
      ["run", "--config", "test/fixtures/vitest.always-fails.config.ts"],
      {
        cwd: root,
        env: { ...process.env, TEST_DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" },
        encoding: "utf8",
      },
    );
    expect(run.stdout + run.stderr).toContain("starting an embedded PostgreSQL");
    expect(run.stdout + run.stderr).toContain("fails on purpose");
    expect(run.status).toBe(1);
  });
});
