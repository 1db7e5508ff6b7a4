import type { IncomingMessage, ServerResponse } from "node:http";

// Small HTTP helpers over node:http (no framework: the emulator has to be fast and dependency-free).

/** Sends a JSON body: a value, or text that already is JSON. */
export function sendJson(res: ServerResponse, status: number, body: unknown, close = false): void {
  if (res.headersSent || res.destroyed) return;
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const headers: Record<string, string | number> = {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  };
  if (close) headers.connection = "close";
  res.writeHead(status, headers);
  res.end(text);
}

export type BodyResult =
  { ok: true; text: string } | { ok: false; reason: "too_large" | "aborted" };

/**
 * Reads the request body up to `max` bytes. A larger body is drained (so the client can read our
 * answer) but not kept; one that goes on far past the cap gets its connection cut.
 */
export function readBody(req: IncomingMessage, max: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        tooLarge = true;
        chunks.length = 0;
        if (size > max * 16) {
          req.destroy();
          resolve({ ok: false, reason: "aborted" });
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () =>
      resolve(
        tooLarge
          ? { ok: false, reason: "too_large" }
          : { ok: true, text: Buffer.concat(chunks).toString("utf8") },
      ),
    );
    req.on("error", () => resolve({ ok: false, reason: "aborted" }));
    req.on("aborted", () => resolve({ ok: false, reason: "aborted" }));
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
