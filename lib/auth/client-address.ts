// The client address used for per-address sign-in throttling. Behind a reverse proxy the nearest
// proxy appends the real peer to X-Forwarded-For, so the right-most entry is the one to trust; when
// the console is exposed directly, Next.js fills the header from the socket.
export function clientAddress(
  headers: Record<string, string | string[] | undefined> | Headers,
): string {
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v.join(",") : v;
  };
  const forwarded = get("x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .pop();
  const address = last ?? get("x-real-ip")?.trim();
  if (!address) return "unknown";
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) and plain IPv4 are the same client.
  return address.replace(/^::ffff:/i, "").slice(0, 64);
}
