// The nearest reverse proxy appends the real peer to X-Forwarded-For, so only the right-most entry
// can be trusted; without a proxy, Next.js fills the header from the socket.
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
  return address.replace(/^::ffff:/i, "").slice(0, 64);
}
