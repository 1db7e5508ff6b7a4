"use client";

import { useEffect, useState } from "react";

/** The current time, refreshed every `everyMs`; 0 until mounted (the server has no "now" to share). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(0);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const id = setInterval(tick, everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
