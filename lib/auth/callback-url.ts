// Return targets after sign-in must stay on this site: only a relative path is accepted, never an
// absolute URL, a protocol-relative `//host`, or a backslash trick that browsers read as `//`.

const FALLBACK = "/";

/** Returns a safe same-origin path (with query and hash), or "/" when `raw` is not one. */
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
    // Never send people back to the sign-in page or next-auth's own endpoints.
    if (parsed.pathname === "/login" || parsed.pathname.startsWith("/api/auth")) return FALLBACK;
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return FALLBACK;
  }
}
