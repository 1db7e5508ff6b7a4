import type { PresenceItem } from "./types";

// Client-safe. "now" on every label: presence is the moment of asking, not the time of the call.

const LABELS: Record<string, string> = {
  Online: "Online now",
  PushOnline: "Push online now",
  Offline: "Offline now",
};

/** Chat's per-account error for an ID that was never imported. */
const NOT_AN_ACCOUNT = 70107;

export function presenceLabel(item: Pick<PresenceItem, "status" | "errorCode">): string {
  if (item.status !== null) return LABELS[item.status] ?? `${item.status} now`;
  if (item.errorCode === NOT_AN_ACCOUNT) return "Not a Chat account";
  if (item.errorCode) return `Presence unavailable (${item.errorCode})`;
  return "Presence unknown";
}
