"use client";

import { lazy, Suspense, type ComponentProps } from "react";

// Only some results suggest a lookup, so its code loads after the page's first JavaScript, and
// only for those.
const List = lazy(() =>
  import("@/components/calls/next-step-list").then((m) => ({ default: m.NextStepList })),
);

export function NextStepLinks(props: ComponentProps<typeof List>) {
  if (!props.explanation.lookup) return null;
  return (
    <Suspense fallback={null}>
      <List {...props} />
    </Suspense>
  );
}
