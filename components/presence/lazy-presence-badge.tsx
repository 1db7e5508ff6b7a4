"use client";

import { lazy, Suspense, type ComponentProps } from "react";

import { PRESENCE_PENDING_TEXT, PresenceShell } from "@/components/presence/presence-shell";

// Presence is a query of its own; its code follows the page's first JavaScript, showing the
// pending look meanwhile.
const PresenceBadge = lazy(() =>
  import("@/components/presence/presence-badge").then((m) => ({ default: m.PresenceBadge })),
);

export function LazyPresenceBadge(props: ComponentProps<typeof PresenceBadge>) {
  return (
    <Suspense fallback={<PresenceShell text={PRESENCE_PENDING_TEXT} className={props.className} />}>
      <PresenceBadge {...props} />
    </Suspense>
  );
}
