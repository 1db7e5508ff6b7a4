import { Writable } from "node:stream";

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase, type DbHandle } from "@/lib/db/client";
import { createLogger } from "@/lib/log";

import { escapeControl } from "./safe-fields";

function capture() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("log lines", () => {
  it("escapes newlines, carriage returns and ANSI escapes in pretty mode", async () => {
    const out = capture();
    const log = createLogger({ level: "info", format: "pretty" }, out.stream);
    const hostile = "bob\n12:00:00.000 INFO: admin signed in\r\u001b[31mred\u0000";
    log.info({ user: hostile }, `looked up ${hostile}`);
    // The printer sets errors out on lines of their own; none may start with forged text.
    log.warn({ err: new Error(`bad ${hostile}`) }, "lookup failed");
    await settle();
    const text = out.text();
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toContain("INFO: looked up bob");
    expect(lines.filter((l) => /^\[?[\d:.]+\]? (INFO|WARN)/.test(l))).toHaveLength(2);
    expect(text).not.toMatch(/[\r\u001b\u0000]/);
    expect(text).toContain("bob\\n12:00:00.000 INFO: admin signed in\\r\\u001b[31mred\\u0000");
  });

  it("keeps JSON lines one per entry with control characters encoded", async () => {
    const out = capture();
    createLogger({ level: "info", format: "json" }, out.stream).warn({ user: "a\nb\u001b" }, "x");
    await settle();
    const lines = out.text().trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ user: "a\nb\u001b" });
  });

  it("writes visible escapes for every control character", () => {
    expect(escapeControl("a\tb\u007fc\u2028")).toBe("a\\tb\\u007fc\\u2028");
  });
});

describe("database errors at error level", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openDatabase({ memory: true });
  });
  afterAll(async () => {
    await handle.close();
  });

  it("leave out the parameters of the failed query, also where the database quotes them", async () => {
    const secret = "customer-secret-42";
    const error = await handle.db.execute(sql`select ${secret}::int`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(String(error)).toContain(secret);
    for (const format of ["json", "pretty"] as const) {
      const out = capture();
      createLogger({ level: "info", format }, out.stream).error({ err: error }, "query failed");
      await settle();
      expect(out.text()).toContain("Failed query: select $1::int");
      expect(out.text()).toContain("invalid input syntax");
      expect(out.text()).not.toContain(secret);
    }
  });
});
