import { describe, expect, it } from "vitest";

import { clientAddress, PEER_ADDRESS_HEADER } from "./client-address";

const from = (peer: string | null, forwarded?: string) =>
  new Headers({
    ...(peer ? { [PEER_ADDRESS_HEADER]: peer } : {}),
    ...(forwarded ? { "x-forwarded-for": forwarded } : {}),
  });

describe("clientAddress", () => {
  it("is the connected peer by default, whatever X-Forwarded-For says", () => {
    expect(clientAddress(from("203.0.113.9", "1.2.3.4"))).toBe("203.0.113.9");
    expect(clientAddress(from("::ffff:203.0.113.9"))).toBe("203.0.113.9");
    expect(clientAddress(from("2001:db8::1", "1.2.3.4, 5.6.7.8"))).toBe("2001:db8::1");
  });

  it("is unknown without the launcher's stamp (X-Forwarded-For alone is never believed)", () => {
    expect(clientAddress(from(null, "1.2.3.4"))).toBe("unknown");
    expect(clientAddress({ "x-real-ip": "1.2.3.4" })).toBe("unknown");
  });

  it("reads X-Forwarded-For through the configured number of hops, right-most untrusted first", () => {
    const oneProxy = { hops: 1, proxies: [] };
    // The client forged "6.6.6.6"; the proxy appended the real peer it saw.
    expect(clientAddress(from("10.0.0.2", "6.6.6.6, 198.51.100.7"), oneProxy)).toBe("198.51.100.7");
    const twoProxies = { hops: 2, proxies: [] };
    expect(clientAddress(from("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.3"), twoProxies)).toBe(
      "198.51.100.7",
    );
    // Fewer entries than hops: the left-most, which a trusted proxy wrote.
    expect(clientAddress(from("10.0.0.2"), twoProxies)).toBe("10.0.0.2");
  });

  it("trusts proxies by address or range wherever they stand, and nothing past an untrusted one", () => {
    const ranges = { hops: 0, proxies: ["10.0.0.0/8", "2001:db8::/32"] };
    expect(clientAddress(from("10.1.2.3", "6.6.6.6, 198.51.100.7, 10.9.9.9"), ranges)).toBe(
      "198.51.100.7",
    );
    expect(clientAddress(from("2001:db8::5", "198.51.100.8"), ranges)).toBe("198.51.100.8");
    // A peer outside the ranges connected directly: its X-Forwarded-For is its own invention.
    expect(clientAddress(from("198.51.100.9", "10.0.0.1"), ranges)).toBe("198.51.100.9");
    // Not an address at all is not a trusted proxy either.
    expect(clientAddress(from("10.1.2.3", "6.6.6.6, junk"), ranges)).toBe("junk");
  });
});
