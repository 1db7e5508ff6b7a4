import { withAuth } from "next-auth/middleware";

// Optimistic redirect only: a visitor without a session cookie who asks for a page is sent to
// /login?callbackUrl=<path and query>, so deep links survive sign-in. No database work here;
// pages and API routes check the session and role themselves (API routes answer 401 JSON).
export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  matcher: ["/((?!api/|_next/|login$|favicon\\.ico$|.*\\.(?:png|svg|ico|txt|webmanifest)$).*)"],
};
