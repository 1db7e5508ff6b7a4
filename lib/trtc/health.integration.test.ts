import { createServer } from "node:net";

import { describe, expect, it } from "vitest";

import { getUpstreamHealth } from "./health";
import { clientFor, sharedEmulator } from "./testing";

const emu = sharedEmulator({ reset: false });

describe("getUpstreamHealth", () => {
  it("reports a reachable upstream and the generated UserSig's expiry", async () => {
    const { client } = clientFor(emu);
    const health = await getUpstreamHealth(client);
    expect(health).toEqual({
      mode: "embedded",
      reachable: true,
      usersig: { source: "secret-key", expiresAt: expect.any(String), expiringSoon: false },
    });
    expect(Date.parse(health.usersig.expiresAt!)).toBeGreaterThan(Date.now() + 24 * 3_600_000);
  });

  it("counts an answer with an error code as reachable (a refused key is not an outage)", async () => {
    const { client } = clientFor(emu, { secretKey: "wrong" });
    expect((await getUpstreamHealth(client)).reachable).toBe(true);
  });

  it("reports unreachable when nothing listens", async () => {
    const server = createServer();
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const { port } = server.address() as { port: number };
    await new Promise<void>((ok) => server.close(() => ok()));
    const { client } = clientFor({ url: `http://127.0.0.1:${port}` }, { mode: "tencent" });
    const health = await getUpstreamHealth(client);
    expect(health).toMatchObject({ mode: "tencent", reachable: false });
  });
});
