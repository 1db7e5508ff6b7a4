// A lean closed-loop HTTP/1.1 load generator on raw keep-alive sockets. The machine has two cores
// shared by server and client, so a full HTTP client (which parses every 25 KB body) would measure
// itself rather than the emulator. Responses are framed by Content-Length; every 50th body is
// parsed in full to check it is a correct 100-record page.
import { connect, type Socket } from "node:net";

export type LoadResult = {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Requests in the measured period. */
  total: number;
  /** Requests including the warm-up. */
  all: number;
};

export type LoadOptions = {
  url: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Builds the next request's path and body. */
  next: () => { path: string; body: string };
  /** Checks a parsed response body; returns false on a wrong answer. */
  check: (body: unknown) => boolean;
};

function oneConnection(
  host: string,
  port: number,
  opts: LoadOptions,
  until: () => number,
  onDone: (ms: number, ok: boolean) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, host);
    socket.setNoDelay(true);
    let buf: Buffer = Buffer.alloc(0);
    let sentAt = 0;
    let count = 0;
    const send = (): void => {
      if (performance.now() >= until()) {
        socket.end();
        return;
      }
      const { path, body } = opts.next();
      sentAt = performance.now();
      socket.write(
        `POST ${path} HTTP/1.1\r\nhost: ${host}:${port}\r\ncontent-type: application/json\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    };
    socket.on("connect", send);
    socket.on("data", (chunk: Buffer) => {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      for (;;) {
        const headerEnd = buf.indexOf("\r\n\r\n");
        if (headerEnd === -1) return;
        const head = buf.subarray(0, headerEnd).toString("latin1");
        const m = /content-length:\s*(\d+)/i.exec(head);
        if (!m) return reject(new Error(`response without content-length: ${head}`));
        const total = headerEnd + 4 + Number(m[1]);
        if (buf.length < total) return;
        const status = head.slice(9, 12);
        const body = buf.subarray(headerEnd + 4, total);
        buf = buf.subarray(total);
        let ok = status === "200" && body.subarray(0, 64).includes('"ErrorCode":0,');
        if (ok && count++ % 50 === 0) ok = opts.check(JSON.parse(body.toString("utf8")));
        onDone(performance.now() - sentAt, ok);
        send();
      }
    });
    socket.on("close", () => resolve());
    socket.on("error", reject);
  });
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const u = new URL(opts.url);
  const port = Number(u.port);
  const latencies: number[] = [];
  let errors = 0;
  let measuring = false;
  const start = performance.now();
  const warmEnd = start + opts.warmupSeconds * 1000;
  const end = warmEnd + opts.seconds * 1000;
  let all = 0;
  const onDone = (ms: number, ok: boolean): void => {
    all++;
    if (!measuring) {
      if (performance.now() < warmEnd) return;
      measuring = true;
    }
    latencies.push(ms);
    if (!ok) errors++;
  };
  await Promise.all(
    Array.from({ length: opts.connections }, () =>
      oneConnection(u.hostname, port, opts, () => end, onDone),
    ),
  );
  const elapsed = (performance.now() - warmEnd) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    rps: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    total: latencies.length,
    all,
  };
}
