import type { NextRequest } from "next/server";
import NextAuth from "next-auth";

import { adjustAuthResponse } from "@/lib/auth/auth-response";
import { getAuthOptions } from "@/lib/auth/options";

// next-auth's own endpoints. Options are built per call (cached) rather than at import, because
// `next build` imports this module without the run-time configuration.
type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth v4's types only describe the Pages Router call shape; at run time it detects the App
// Router by `context.params` and awaits them.
const nextAuth = NextAuth as unknown as (
  req: NextRequest,
  ctx: Context,
  options: ReturnType<typeof getAuthOptions>,
) => Promise<Response>;

async function handler(req: NextRequest, ctx: Context) {
  const options = getAuthOptions();
  return adjustAuthResponse(await nextAuth(req, ctx, options), options.secret!);
}

export { handler as GET, handler as POST };
