import "server-only";

import { decode } from "next-auth/jwt";

import { signInRetryAfter } from "@/lib/auth/sign-in-errors";

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token=([^;]*)/;

/**
 * next-auth's answers, adjusted: a refused or busy sign-in is a 429 with Retry-After (the JSON
 * body the sign-in form reads is kept), and a renewed session cookie expires with its token.
 */
export async function adjustAuthResponse(response: Response, secret: string): Promise<Response> {
  const refused = await refusedSignIn(response);
  if (refused) return refused;

  const cookies = response.headers.getSetCookie();
  if (!cookies.some((c) => SESSION_COOKIE.test(c))) return response;
  const adjusted = await Promise.all(cookies.map((c) => capExpiry(c, secret)));
  const headers = new Headers(response.headers);
  headers.delete("set-cookie");
  for (const cookie of adjusted) headers.append("set-cookie", cookie);
  return new Response(response.body, { status: response.status, headers });
}

async function refusedSignIn(response: Response): Promise<Response | null> {
  if (!response.headers.get("content-type")?.includes("application/json")) return null;
  let url: string;
  try {
    const body = (await response.clone().json()) as { url?: unknown };
    if (typeof body.url !== "string") return null;
    url = body.url;
  } catch {
    return null;
  }
  const error = new URL(url, "http://console.invalid").searchParams.get("error") ?? "";
  const seconds = signInRetryAfter(error);
  if (seconds === null) return null;
  const headers = new Headers(response.headers);
  headers.set("Retry-After", String(seconds));
  return new Response(JSON.stringify({ url }), { status: 429, headers });
}

async function capExpiry(cookie: string, secret: string): Promise<string> {
  const value = SESSION_COOKIE.exec(cookie)?.[2];
  if (!value) return cookie;
  const token = await decode({ token: value, secret }).catch(() => null);
  if (typeof token?.exp !== "number") return cookie;
  const expires = new Date(token.exp * 1000).toUTCString();
  return cookie.replace(/;\s*Expires=[^;]*/i, `; Expires=${expires}`);
}
