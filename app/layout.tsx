import type { Metadata, Viewport } from "next";
import { connection } from "next/server";

import { Providers } from "@/app/providers";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Call Console", template: "%s · Call Console" },
  description: "Look up TRTC calls, browse call records and review call outcomes.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  colorScheme: "light dark",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, so its scripts carry that request's nonce (proxy.ts).
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
