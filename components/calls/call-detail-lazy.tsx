"use client";

import { lazy, Suspense, type ComponentProps } from "react";

import { Skeleton } from "@/components/ui/skeleton";

// Parts of the call page below the fold, for admins only, or for rarer states: their code
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
const Timeline = lazy(() =>
  import("@/components/calls/call-timeline").then((m) => ({ default: m.CallTimeline })),
);
const Technical = lazy(() =>
  import("@/components/calls/technical-panel").then((m) => ({ default: m.TechnicalPanel })),
);
const Notices = lazy(() =>
  import("@/components/calls/call-notices").then((m) => ({ default: m.CallNotices })),
);
const Quality = lazy(() =>
  import("@/components/quality/quality-section").then((m) => ({ default: m.QualitySection })),
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

// Rendered by the server with the page; only their code waits (nothing in them is interactive).
export function LazyCallNotices(props: ComponentProps<typeof Notices>) {
  return (
    <Suspense fallback={null}>
      <Notices {...props} />
    </Suspense>
  );
}

export function LazyCallTimeline(props: ComponentProps<typeof Timeline>) {
  return (
    <Suspense fallback={<Skeleton aria-busy="true" className="h-48 w-full" />}>
      <Timeline {...props} />
    </Suspense>
  );
}

export function LazyTechnicalPanel(props: ComponentProps<typeof Technical>) {
  return (
    <Suspense fallback={<Skeleton aria-busy="true" className="h-64 w-full" />}>
      <Technical {...props} />
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

export function LazyQualitySection(props: ComponentProps<typeof Quality>) {
  return (
    <Suspense
      fallback={
        <Skeleton
          role="status"
          aria-busy="true"
          aria-label="Loading call quality"
          className="h-48 w-full"
        />
      }
    >
      <Quality {...props} />
    </Suspense>
  );
}
