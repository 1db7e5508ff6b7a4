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
const MAX_AUTH_PARAMETER = 2048;

export type ParameterProblem = { field: string; message: string };

/**
 * next-auth copies `callbackUrl` and other parameters into cookies and headers, and decodes them
 * once more; a control or non-ASCII character, a stray `%` or a value larger than a cookie can
 * hold makes it answer 500. Such values are refused before it sees them.
 */
export function authParameterProblem(params: URLSearchParams): ParameterProblem | null {
  for (const field of new Set(params.keys())) {
    if (params.getAll(field).length > 1) return { field, message: "give this parameter once" };
  }
  for (const [field, value] of params) {
    if (NOT_HEADER_SAFE.test(field) || NOT_HEADER_SAFE.test(value))
      return { field, message: "must be printable ASCII (percent-encode other characters)" };
    if (value.length > MAX_AUTH_PARAMETER)
      return { field, message: `must be at most ${MAX_AUTH_PARAMETER} characters` };
    if (hasMalformedEncoding(value))
      return { field, message: "holds a % that is not valid percent-encoding" };
    if (field === "callbackUrl" && !isCallbackUrl(value))
      return { field, message: "must be a path such as /records or an http(s) URL" };
  }
  return null;
}

/** next-auth's own rule: a path from the root, or an absolute http(s) URL. */
export function isCallbackUrl(value: string): boolean {
  try {
    return /^https?:$/.test(
      new URL(value, value.startsWith("/") ? "http://x" : undefined).protocol,
    );
  } catch {
    return false;
  }
}

export function parameterProblemJson({ field, message }: ParameterProblem): Response {
  const name = field.replace(new RegExp(NOT_HEADER_SAFE, "gu"), "?").slice(0, 100);
  return errorJson(
    new ApiError({
      code: "bad_request",
      message: `${name}: ${message}`,
      details: { in: "query", issues: [{ field: name, message }] },
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
