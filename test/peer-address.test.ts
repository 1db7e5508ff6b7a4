import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { describe, expect, it } from "vitest";

import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-address";

// The launcher's preload, in a real Node process: the server sees the socket's address under the
// header, never a copy the client sent.
const preload = pathToFileURL(path.join(import.meta.dirname, "..", "scripts/peer-address.mjs"));
const server = `
const http = require("node:http");
const s = http.createServer((req, res) => res.end(JSON.stringify(req.headers)));
s.listen(0, "127.0.0.1", () => console.log(s.address().port));
`;

describe("scripts/peer-address.mjs", () => {
  it("stamps the peer address and drops a forged one", async () => {
    const child = spawn(process.execPath, [`--import=${preload.href}`, "-e", server]);
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.once("data", (d: Buffer) => resolve(Number(String(d).trim())));
        child.once("exit", (code) => reject(new Error(`exited ${code}`)));
      });
      const res = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [PEER_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" },
      });
      const seen = (await res.json()) as Record<string, string>;
      expect(seen[PEER_ADDRESS_HEADER]).toBe("127.0.0.1");
      expect(seen["x-forwarded-for"]).toBe("6.6.6.6");
    } finally {
      child.kill();
    }
  });
});
