"use client";

import { useId, useSyncExternalStore } from "react";

// The instant a relative range ("last hour") is resolved against: taken when the component first
// sees a given preset and zone, and kept until either changes, so the resolved query (and its cache
// entry) stays put while the page is open. null on the server, which has no viewer clock.

const anchors = new Map<string, { key: string; at: number }>();
const subscribe = () => () => {};

export function useAnchor(key: string): number | null {
  const owner = useId();
  return useSyncExternalStore(
    subscribe,
    () => {
      const current = anchors.get(owner);
      if (current?.key === key) return current.at;
      const at = Date.now();
      anchors.set(owner, { key, at });
      return at;
    },
    () => null,
  );
}
