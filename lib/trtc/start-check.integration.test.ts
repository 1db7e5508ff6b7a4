import { createServer } from "node:net";

import { afterEach, describe, expect, it } from "vitest";

import { checkUpstream } from "./start-check";
import { clientFor, control, sharedEmulator } from "./testing";

// The signed request made at start, against the emulator: each problem Tencent can answer with
// is named with its code, its RequestId and the fix.

const emu = sharedEmulator({ reset: false });
afterEach(async () => {
  await control(emu, "DELETE", "faults");
});

describe("checkUpstream", () => {
  it("passes both generations for a correctly configured app", async () => {
    const { client } = clientFor(emu);
    expect(await checkUpstream(client, ["v4", "v1"])).toEqual([
      { generation: "v4", ok: true },
      { generation: "v1", ok: true },
    ]);
  });

  it("names an identifier that is not an App administrator, in each generation's code", async () => {
    const { client } = clientFor(emu, { identifier: "not_an_admin" });
    const [v4, v1] = await checkUpstream(client, ["v4", "v1"]);
    expect(v4).toMatchObject({ ok: false, problem: "not_admin", code: 60010 });
    expect(v1).toMatchObject({ ok: false, problem: "not_admin", code: 70004 });
    expect(v4!.fix).toMatch(/TRTC_ADMIN_IDENTIFIER is not an App administrator/);
    expect(v4!.requestId).toEqual(expect.any(String));
  });

  it("names a wrong secret key", async () => {
    const { client } = clientFor(emu, { secretKey: "not-the-key" });
    const [v4] = await checkUpstream(client, ["v4"]);
    expect(v4).toMatchObject({ ok: false, problem: "credentials" });
    expect(v4!.fix).toMatch(/TRTC_SECRET_KEY/);
  });

  it("names a missing Group Call package on v1 while v4 passes", async () => {
    await control(emu, "POST", "faults", { errorRate: 1, errorCode: 50001, onlyPaths: ["/v1/"] });
    const { client } = clientFor(emu);
    const [v4, v1] = await checkUpstream(client, ["v4", "v1"]);
    expect(v4).toEqual({ generation: "v4", ok: true });
    expect(v1).toMatchObject({ ok: false, problem: "package_missing", code: 50001 });
    expect(v1!.fix).toMatch(/TRTC_RECORDS_API=v4/);
  });

  it("names an upstream nobody answers at", async () => {
    const server = createServer();
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const { port } = server.address() as { port: number };
    await new Promise<void>((ok) => server.close(() => ok()));
    const { client } = clientFor({ url: `http://127.0.0.1:${port}` }, { mode: "tencent" });
    const [v4] = await checkUpstream(client, ["v4"]);
    expect(v4).toMatchObject({ ok: false, problem: "unreachable", code: "NETWORK" });
  });
});
