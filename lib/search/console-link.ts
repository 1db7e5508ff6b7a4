// Pure (the search box imports it): where a pasted console link leads, if it is one.

/** First path segments of the console's pages; "" is the home page. */
const CONSOLE_VIEWS = new Set(["", "calls", "records", "users", "insights", "live", "admin"]);

/**
 * The in-console path (with query and hash) a link to one of this console's pages names: a
 * relative path, or an absolute URL on `origin`. Null for anything else.
 */
export function consoleLinkTarget(text: string, origin: string): string | null {
  const link = text.trim();
  if (link === "" || /\s/.test(link)) return null;
  let url: URL;
  try {
    if (link.startsWith("/") && !link.startsWith("//")) url = new URL(link, origin);
    else if (/^https?:\/\//i.test(link)) url = new URL(link);
    else return null;
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin) return null;
  const view = url.pathname.split("/")[1] ?? "";
  if (!CONSOLE_VIEWS.has(view)) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
