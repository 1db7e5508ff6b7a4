// Return targets must stay on this site; browsers read a backslash as `/`, so `/\host` is `//host`.

const FALLBACK = "/";

export function safeCallbackPath(raw: string | null | undefined, origin?: string): string {
  if (!raw || typeof raw !== "string") return FALLBACK;
  let value = raw.trim();
  // next-auth hands back absolute URLs on our own origin; accept those and keep the path.
  if (origin && value.startsWith(origin + "/")) value = value.slice(origin.length);
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return FALLBACK;
  // Control characters could split the header or confuse URL parsing.
  if (/[\u0000-\u001f\u007f]/.test(value)) return FALLBACK;
  try {
    const base = "http://console.invalid";
    const parsed = new URL(value, base);
    if (parsed.origin !== base) return FALLBACK;
    if (parsed.pathname === "/login" || parsed.pathname.startsWith("/api/auth")) return FALLBACK;
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return FALLBACK;
  }
}
