import { ApiError, errorJson } from "@/lib/api/errors";

// Next.js throws on a path it cannot percent-decode and answers 500 (or a bare 400 without our
// headers); the proxy catches such paths first and answers as the rest of the console does.

/** Whether a raw path holds a `%` escape that is not valid UTF-8 percent-encoding. */
export function hasMalformedEncoding(rawPath: string): boolean {
  try {
    decodeURIComponent(rawPath);
    return false;
  } catch {
    return true;
  }
}

const NOT_HEADER_SAFE = /[^\x20-\x7e]/u;

/**
 * next-auth copies `callbackUrl` and other parameters into cookies and headers; a control or
 * non-ASCII character there makes Node refuse the header, and the answer is a 500.
 */
export function headerUnsafeParameter(params: URLSearchParams): string | null {
  for (const [key, value] of params)
    if (NOT_HEADER_SAFE.test(key) || NOT_HEADER_SAFE.test(value)) return key;
  return null;
}

export function headerUnsafeJson(field: string): Response {
  const message = "must be printable ASCII (percent-encode other characters)";
  return errorJson(
    new ApiError({
      code: "bad_request",
      message: `${field.replace(new RegExp(NOT_HEADER_SAFE, "gu"), "?")}: ${message}`,
      details: { in: "query", issues: [{ field, message }] },
    }),
  );
}

const MESSAGE = "The address holds a % that is not valid percent-encoding (e.g. %ZZ or %FF).";

export function malformedAddressJson(): Response {
  return errorJson(new ApiError({ code: "bad_request", message: MESSAGE }));
}

// No script and no external file: it is served before the app is involved.
export function malformedAddressPage(): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bad address · Call Console</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:20vh auto;padding:0 1.5rem;text-align:center;color:#222}p{color:#666}a{color:inherit}</style>
</head><body><main>
<p>400</p><h1>This address cannot be read</h1>
<p>${MESSAGE} Check the link you were given.</p>
<p><a href="/">Back to the console</a></p>
</main></body></html>`;
  return new Response(html, {
    status: 400,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
