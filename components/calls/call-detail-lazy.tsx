"use client";

import { lazy, Suspense, type ComponentProps } from "react";

import { Skeleton } from "@/components/ui/skeleton";

// Parts of the call page below the fold, for admins only, or shown when a lookup fails: their code
// loads after the page's first JavaScript; the server still renders them. React.lazy, because
// next/dynamic's loader would add to the first load about what it takes away.

const Stories = lazy(() =>
  import("@/components/calls/participant-stories").then((m) => ({ default: m.ParticipantStories })),
);
const EndCall = lazy(() =>
  import("@/components/calls/end-call-button").then((m) => ({ default: m.EndCallButton })),
);
const LookupError = lazy(() =>
  import("@/components/calls/call-lookup-error").then((m) => ({ default: m.CallLookupError })),
);
const ConsoleEnding = lazy(() =>
  import("@/components/calls/console-ending").then((m) => ({ default: m.ConsoleEnding })),
);
const IndexSnapshotNotice = lazy(() =>
  import("@/components/calls/index-snapshot-notice").then((m) => ({
    default: m.IndexSnapshotNotice,
  })),
);
const NotFound = lazy(() =>
  import("@/components/calls/call-not-found").then((m) => ({ default: m.CallNotFound })),
);

export function LazyParticipantStories(props: ComponentProps<typeof Stories>) {
  return (
    <Suspense
      fallback={
        <div
          aria-busy="true"
          aria-label="Loading each person's events"
          className="flex flex-col gap-2"
        >
          <Skeleton className="h-7 w-72 max-w-full" />
          <Skeleton className="h-5 w-full" />
          <Skeleton className="h-32 w-full" />
        </div>
      }
    >
      <Stories {...props} />
    </Suspense>
  );
}

export function LazyEndCallButton(props: ComponentProps<typeof EndCall>) {
  return (
    <Suspense fallback={<Skeleton className="h-8 w-24" />}>
      <EndCall {...props} />
    </Suspense>
  );
}

export function LazyCallNotFound(props: ComponentProps<typeof NotFound>) {
  return (
    <Suspense fallback={<Skeleton aria-busy="true" className="h-64 w-full max-w-3xl" />}>
      <NotFound {...props} />
    </Suspense>
  );
}

export function LazyCallLookupError(props: ComponentProps<typeof LookupError>) {
  return (
    <Suspense fallback={<Skeleton aria-busy="true" className="h-32 w-full max-w-3xl" />}>
      <LookupError {...props} />
    </Suspense>
  );
}

// Notices for rarer states: a call ended from the console, and Tencent failing with an indexed copy.
export function LazyConsoleEnding(props: ComponentProps<typeof ConsoleEnding>) {
  return (
    <Suspense fallback={<Skeleton aria-busy="true" className="h-20 w-full" />}>
      <ConsoleEnding {...props} />
    </Suspense>
  );
}

export function LazyIndexSnapshotNotice(props: ComponentProps<typeof IndexSnapshotNotice>) {
  return (
    <Suspense fallback={<Skeleton aria-busy="true" className="h-20 w-full" />}>
      <IndexSnapshotNotice {...props} />
    </Suspense>
  );
}
