import { BlockList, isIP } from "node:net";

// The peer address is stamped on each request by the launcher's preload (scripts/peer-address.mjs),
// which drops any copy a client sent. X-Forwarded-For is believed only through configured proxies.
export const PEER_ADDRESS_HEADER = "x-call-console-peer";

export type ProxyTrust = {
  /** How many reverse proxies stand in front of the console (the peer is the nearest). */
  hops: number;
  /** Proxies trusted wherever they appear in the chain: addresses or CIDR ranges. */
  proxies: string[];
};

export const NO_PROXIES: ProxyTrust = { hops: 0, proxies: [] };

export function proxyTrustOf(env: { TRUSTED_PROXY_HOPS: number; TRUSTED_PROXIES: string[] }) {
  return { hops: env.TRUSTED_PROXY_HOPS, proxies: env.TRUSTED_PROXIES };
}

type HeaderSource = Record<string, string | string[] | undefined> | Headers;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

function normalize(address: string): string {
  return address
    .trim()
    .replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1")
    .slice(0, 64);
}

const lists = new Map<string, BlockList>();

function trustedList(proxies: string[]): BlockList {
  const key = proxies.join(",");
  let list = lists.get(key);
  if (!list) {
    list = new BlockList();
    for (const entry of proxies) {
      const [net, prefix] = entry.split("/") as [string, string | undefined];
      const type = isIP(net) === 6 ? "ipv6" : "ipv4";
      if (prefix === undefined) list.addAddress(net, type);
      else list.addSubnet(net, Number(prefix), type);
    }
    lists.set(key, list);
  }
  return list;
}

function isTrustedProxy(address: string, list: BlockList): boolean {
  const type = isIP(address);
  if (type === 0) return false;
  return list.check(address, type === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: the connected peer, or, when the peer is a trusted proxy, the right-most
 * X-Forwarded-For entry that is not one. "unknown" when the server was not started by the launcher.
 */
export function clientAddress(headers: HeaderSource, trust: ProxyTrust = NO_PROXIES): string {
  const peer = header(headers, PEER_ADDRESS_HEADER);
  if (!peer) return "unknown";
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // Nearest first: the peer, then what each proxy appended, right to left.
  const chain = [peer, ...forwarded.reverse()].map(normalize);
  const list = trustedList(trust.proxies);
  for (const [i, address] of chain.entries()) {
    const trusted = i < trust.hops || isTrustedProxy(address, list);
    if (!trusted) return address;
  }
  // Every entry is a proxy: the left-most is the best there is.
  return chain[chain.length - 1]!;
}
