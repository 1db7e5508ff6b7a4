import { describe, expect, it } from "vitest";

import { EMULATOR_DEFAULTS } from "@/emulator/src/defaults";

import { TrtcError } from "./errors";
import { getUpstreamHealth } from "./health";
import { clientFor, control, scriptCall, sharedEmulator } from "./testing";
import { generateUserSig } from "./usersig";

// Neither the secret key nor any UserSig may appear in a log line or in anything the client
// returns (which is what our API serialises), on success or on any error path.

const emu = sharedEmulator({ reset: false });

/** Runs every operation, success and failure, and returns everything a caller could show. */
async function exercise(client: ReturnType<typeof clientFor>["client"]): Promise<unknown[]> {
  const out: unknown[] = [];
  const keep = async (p: Promise<unknown>) => {
    try {
      out.push(await p);
    } catch (error) {
      out.push(
        error instanceof TrtcError
          ? {
              ...error,
              message: error.message,
              stack: error.stack,
              details: error.toUpstreamDetails(),
            }
          : String(error),
      );
    }
  };
  const live = await scriptCall(emu, { caller: "alice", callees: ["bob"], live: true });
  const past = await scriptCall(emu, { caller: "carol", callees: ["dan"] });
  await keep(client.getCallInfo(live.callId));
  await keep(client.getCallInfo("missing"));
  await keep(client.getRecord(past.callId));
  await keep(client.getRecord("missing"));
  for (const generation of ["v4", "v1"] as const) {
    await keep(
      client.listRecordsPage({
        generation,
        from: new Date(Date.now() - 86_400_000),
        to: new Date(),
        pageSize: 5,
      }),
    );
  }
  await keep(
    client.setCallbackConfig("v4", {
      url: "https://hooks.example.test/x",
      events: ["Call.CallbackAfterEndCall"],
    }),
  );
  await keep(client.getCallbackConfig("v4"));
  await keep(client.deleteCallbackConfig("v1"));
  await keep(client.startCallByRobot({ robot: "bot", callees: ["erin"], mediaType: "video" }));
  await keep(client.endCall(live.callId));
  await keep(client.endCall(live.callId));
  await control(emu, "POST", "faults", { http502Rate: 1 });
  await keep(client.getCallInfo("x"));
  await control(emu, "POST", "faults", { http502Rate: 0, hangRate: 1 });
  await keep(client.getRecord("y"));
  await control(emu, "DELETE", "faults");
  await control(emu, "POST", "clock", { offsetMs: 400 * 86_400_000 });
  await keep(client.getCallInfo("after-expiry"));
  await control(emu, "DELETE", "clock");
  out.push(await getUpstreamHealth(client));
  out.push(client.userSigStatus());
  return out;
}

function expectClean(haystack: string, secrets: string[]): void {
  expect(haystack.length).toBeGreaterThan(1000);
  for (const secret of secrets) {
    expect(haystack).not.toContain(secret);
    expect(haystack).not.toContain(encodeURIComponent(secret));
  }
  expect(haystack.toLowerCase()).not.toContain("usersig=");
  expect(haystack).not.toContain("TLS.sig");
}

describe("no secrets in logs or results", () => {
  it("with a secret key (every UserSig the client generated is known from its fixed clock)", async () => {
    await control(emu, "POST", "reset");
    const now = Date.now();
    const { client, log } = clientFor(
      emu,
      {},
      { now: () => now, attemptTimeoutMs: 200, maxAttempts: 2 },
    );
    const results = await exercise(client);
    const sig = generateUserSig({
      sdkAppId: EMULATOR_DEFAULTS.sdkAppId,
      secretKey: EMULATOR_DEFAULTS.secretKey,
      identifier: "administrator",
      expireSeconds: 2 * 86400,
      nowMs: now,
    });
    // The client did authenticate with exactly this UserSig (else nothing above would have worked).
    expect(JSON.stringify(results)).toContain("NormalEnd");
    expectClean(log.text(), [EMULATOR_DEFAULTS.secretKey, sig]);
    expectClean(JSON.stringify(results), [EMULATOR_DEFAULTS.secretKey, sig]);
  });

  it("with a fixed TRTC_ADMIN_USERSIG", async () => {
    await control(emu, "POST", "reset");
    const sig = generateUserSig({
      sdkAppId: EMULATOR_DEFAULTS.sdkAppId,
      secretKey: EMULATOR_DEFAULTS.secretKey,
      identifier: "administrator",
      expireSeconds: 30 * 86400,
    });
    const { client, log } = clientFor(
      emu,
      { secretKey: undefined, adminUserSig: sig, mode: "tencent" },
      { attemptTimeoutMs: 200, maxAttempts: 2 },
    );
    const results = await exercise(client);
    expect(JSON.stringify(results)).toContain("NormalEnd");
    expectClean(log.text(), [EMULATOR_DEFAULTS.secretKey, sig]);
    expectClean(JSON.stringify(results), [EMULATOR_DEFAULTS.secretKey, sig]);
  });
});
