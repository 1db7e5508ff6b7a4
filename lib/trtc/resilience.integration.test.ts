import { createServer } from "node:net";

import { describe, expect, it } from "vitest";

import { TrtcError } from "./errors";
import { clientFor, control, scriptCall, sharedEmulator, upstreamLines } from "./testing";

// Timeouts, retries and their limits under faults injected into the emulator over its control
// endpoint.

const emu = sharedEmulator();

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

describe("retries", () => {
  it("retries 101001 (v4 internal error) and gives up after maxAttempts with Tencent's code", async () => {
    await control(emu, "POST", "faults", { errorRate: 1 });
    const { client, log } = clientFor(emu, {}, { maxAttempts: 3 });
    const error = await client.getCallInfo("x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrtcError);
    expect(error).toMatchObject({ code: 101001, retryable: true, attempt: 3 });
    expect(upstreamLines(log.lines).map((l) => [l.attempt, l.code])).toEqual([
      [1, 101001],
      [2, 101001],
      [3, 101001],
    ]);
  });

  it("retries 100001 on the callback-config APIs", async () => {
    await control(emu, "POST", "faults", { errorRate: 1, onlyPaths: ["/v4/call_config/"] });
    const { client, log } = clientFor(emu, {}, { maxAttempts: 2 });
    await expect(client.getCallbackConfig("v4")).rejects.toMatchObject({ code: 100001 });
    expect(upstreamLines(log.lines)).toHaveLength(2);
  });

  it("recovers from intermittent internal errors and 502s", async () => {
    await control(emu, "POST", "faults", { errorRate: 0.3, http502Rate: 0.3 });
    const call = await scriptCall(emu, { caller: "alice", callees: ["bob"] });
    const { client, log } = clientFor(emu, { recordsApi: "both" }, { maxAttempts: 25 });
    const everyKind = new Set([0, 101001, 99999, "HTTP_STATUS"]);
    const seen = () => new Set(upstreamLines(log.lines).map((l) => l.code));
    // Faults are random: look up until each kind has happened at least once (almost always within
    // ten lookups; the cap keeps a broken client from looping forever).
    for (let i = 0; i < 80 && (i < 10 || seen().size < everyKind.size); i++) {
      const got = await client.getRecord(call.callId);
      expect(got.record?.sources).toEqual(["v4", "v1"]);
    }
    const retried = upstreamLines(log.lines).filter((l) => (l.attempt as number) > 1);
    expect(retried.length).toBeGreaterThan(0);
    expect(seen()).toEqual(everyKind);
  });

  it("retries an HTTP 502 and reports HTTP_STATUS with the status when it persists", async () => {
    await control(emu, "POST", "faults", { http502Rate: 1 });
    const { client, log } = clientFor(emu, { recordsApi: "v1" }, { maxAttempts: 2 });
    await expect(client.getRecord("abc")).rejects.toMatchObject({
      code: "HTTP_STATUS",
      httpStatus: 502,
      generation: "v1",
      retryable: true,
    });
    expect(upstreamLines(log.lines).map((l) => l.httpStatus)).toEqual([502, 502]);
  });

  it("does not retry an answer that will not change (101004)", async () => {
    const { client, log } = clientFor(emu);
    await expect(client.endCall("gone")).rejects.toMatchObject({ code: 101004 });
    expect(upstreamLines(log.lines)).toHaveLength(1);
  });

  it("never retries startCallByRobot where Tencent may have acted (502), so no duplicate call is started", async () => {
    await control(emu, "POST", "faults", {
      http502Rate: 1,
      onlyPaths: ["/v4/call_engine_http_srv/start_call_by_robot"],
    });
    const before = ((await control(emu, "GET", "health")) as { calls: number }).calls;
    const { client, log } = clientFor(emu);
    await expect(
      client.startCallByRobot({ robot: "bot", callees: ["bob"], mediaType: "audio" }),
    ).rejects.toMatchObject({
      code: "HTTP_STATUS",
      retryable: false,
    });
    expect(upstreamLines(log.lines)).toHaveLength(1);
    expect(((await control(emu, "GET", "health")) as { calls: number }).calls).toBe(before);
  });

  it("retries a rate-limited answer (v1 70005) after a backoff when our own throttle is off", async () => {
    await control(emu, "POST", "faults", { rateLimit: true });
    // v1 callback APIs allow 10 requests/s: 25 at once must be partly refused by Tencent's limiter.
    const { client, log } = clientFor(
      emu,
      {},
      {
        throttle: false,
        maxAttempts: 30,
        deadlineMs: 20_000,
        backoffBaseMs: 200,
        backoffMaxMs: 800,
      },
    );
    const results = await Promise.all(
      Array.from({ length: 25 }, () => client.getCallbackConfig("v1")),
    );
    expect(results.every((r) => r.config === null)).toBe(true);
    const lines = upstreamLines(log.lines);
    expect(lines.filter((l) => l.code === 70005).length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.code === 999)).toHaveLength(25);
  });
});

describe("timeouts", () => {
  it("cuts an attempt that gets no answer and retries it, then reports TIMEOUT", async () => {
    await control(emu, "POST", "faults", { hangRate: 1 });
    const { client, log } = clientFor(emu, {}, { attemptTimeoutMs: 150, maxAttempts: 2 });
    const started = performance.now();
    const error = await client.getCallInfo("x").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "TIMEOUT", retryable: true, attempt: 2 });
    expect((error as TrtcError).message).toBe("no answer within 150 ms");
    expect(performance.now() - started).toBeLessThan(1500);
    expect(upstreamLines(log.lines).map((l) => l.code)).toEqual(["TIMEOUT", "TIMEOUT"]);
  });

  it("stops at the overall deadline even with attempts left", async () => {
    await control(emu, "POST", "faults", { latencyMs: 400 });
    const { client, log } = clientFor(
      emu,
      {},
      { attemptTimeoutMs: 300, deadlineMs: 700, maxAttempts: 10 },
    );
    const started = performance.now();
    await expect(client.getCallInfo("x")).rejects.toMatchObject({ code: "TIMEOUT" });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(650);
    expect(elapsed).toBeLessThan(1200);
    expect(upstreamLines(log.lines).length).toBeLessThanOrEqual(3);
  });

  it("waits longer than Tencent's 3 s backend timeout by default (a 3.2 s answer succeeds)", async () => {
    await control(emu, "POST", "faults", {
      latencyMs: 3200,
      onlyPaths: ["/v4/call_engine_http_srv/get_call_info"],
    });
    const { client, log } = clientFor(emu);
    await expect(client.getCallInfo("slow")).resolves.toMatchObject({ call: null });
    expect(upstreamLines(log.lines)).toHaveLength(1);
  }, 10_000);
});

describe("answers that are not Tencent's", () => {
  it("reports BAD_RESPONSE for JSON without the envelope, without retrying", async () => {
    // The emulator's control endpoint answers 200 with plain JSON (its fault settings): a stand-in
    // for a proxy or a wrong base URL that answers something other than Tencent's envelope.
    const { client, log } = clientFor({ url: `${emu.url}/__emulator/faults?to=` });
    const error = await client.getCallInfo("x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrtcError);
    expect(error).toMatchObject({ code: "BAD_RESPONSE", retryable: false, generation: "v4" });
    expect((error as TrtcError).message).toContain("ErrorCode");
    expect(upstreamLines(log.lines)).toHaveLength(1);
  });
});

describe("network errors", () => {
  it("reports NETWORK after retrying a refused connection, naming no URL", async () => {
    const port = await closedPort();
    const { client, log } = clientFor({ url: `http://127.0.0.1:${port}` }, {}, { maxAttempts: 3 });
    const error = await client.getCallbackConfig("v1").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "NETWORK", generation: "v1", message: "ECONNREFUSED" });
    expect(upstreamLines(log.lines)).toHaveLength(3);
  });

  it("retries startCallByRobot on a refused connection (Tencent never saw it)", async () => {
    const port = await closedPort();
    const { client, log } = clientFor({ url: `http://127.0.0.1:${port}` }, {}, { maxAttempts: 2 });
    await expect(
      client.startCallByRobot({ robot: "bot", callees: ["bob"], mediaType: "audio" }),
    ).rejects.toMatchObject({ code: "NETWORK" });
    expect(upstreamLines(log.lines)).toHaveLength(2);
  });
});
