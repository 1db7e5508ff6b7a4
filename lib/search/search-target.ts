import { consoleLinkTarget } from "./console-link";

// Pure (the search box imports it). A bare token that is certainly a call ID goes straight to its
// page; anything else that is not a console link (lists, prose, other links) goes to /calls?q=,
// where the server picks out the call IDs with the same rules as the API.
const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
// TUICallKit call IDs are UUIDs; any other bare token may as well be a user or room ID, so it goes
// to /users?q=, which looks it up in the record index and opens the call, user or room it names.
// "user:" and "room:" say which outright.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PREFIXED = /^(user|room)\s*:\s*(\S.*)$/i;

/** Where the search box goes for what was typed or pasted (trimmed, not empty). */
export function searchTarget(text: string, origin: string): string {
  const link = consoleLinkTarget(text, origin);
  if (link !== null) return link;
  const prefixed = PREFIXED.exec(text);
  if (prefixed) {
    const id = encodeURIComponent(prefixed[2]!.trim());
    return prefixed[1]!.toLowerCase() === "user" ? `/users/${id}` : `/records?room=${id}`;
  }
  if (!PLAIN_ID.test(text)) return `/calls?q=${encodeURIComponent(text)}`;
  return UUID.test(text)
    ? `/calls/${encodeURIComponent(text)}`
    : `/users?q=${encodeURIComponent(text)}`;
}

/** Text the box may offer user IDs for: one short token that is neither a link nor a call ID. */
export function suggestsUsers(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 64 && !/[\s/\\]/.test(t) && !UUID.test(t) && !PREFIXED.test(t);
}
