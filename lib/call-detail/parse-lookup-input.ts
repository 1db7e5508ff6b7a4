import { checkCallId } from "@/lib/calls/call-id";

// Staff paste IDs, console links or lists out of tickets, often with text around them.

export const MAX_LOOKUP_IDS = 50;

export type LookupEntry =
  { ok: true; input: string; callId: string } | { ok: false; input: string; reason: string };

export type ParsedLookupInput = {
  entries: LookupEntry[];
  callIds: string[];
  truncated: number;
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// `/calls/<id>` in a console link (absolute or relative); the ID ends at the path, query or hash.
const CALL_LINK = /(?:^|[\s<("'[]|https?:\/\/[^\s/]+)\/calls\/([^/?#\s<>()"'\]]+)/i;
const LABEL = /^(?:call[\s_-]*id|callid|id)\s*[:=#]\s*/i;
const WRAPPERS = /^[\s"'`<([{]+|[\s"'`>)\]}.,;:!?]+$/g;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function candidatesOf(piece: string): string[] {
  const link = CALL_LINK.exec(piece);
  if (link?.[1]) return [decode(link[1])];
  // Every TUICallKit call ID seen is a UUID, so one is taken out of any surrounding prose.
  const uuids = piece.match(UUID);
  if (uuids) return uuids;
  return [piece.replace(WRAPPERS, "").replace(LABEL, "").replace(WRAPPERS, "")];
}

export function parseLookupInput(text: string): ParsedLookupInput {
  const pieces = text
    .split(/[\r\n,;]+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const entries: LookupEntry[] = [];
  const seen = new Set<string>();
  for (const piece of pieces) {
    for (const candidate of candidatesOf(piece)) {
      const check = checkCallId(candidate);
      if (!check.ok) {
        entries.push({ ok: false, input: piece, reason: check.reason });
      } else if (!seen.has(check.callId)) {
        seen.add(check.callId);
        entries.push({ ok: true, input: piece, callId: check.callId });
      }
    }
  }
  const valid = entries.filter((e): e is Extract<LookupEntry, { ok: true }> => e.ok);
  const kept = valid.slice(0, MAX_LOOKUP_IDS);
  const dropped = new Set(valid.slice(MAX_LOOKUP_IDS).map((e) => e.callId));
  return {
    entries: entries.filter((e) => !e.ok || !dropped.has(e.callId)),
    callIds: kept.map((e) => e.callId),
    truncated: dropped.size,
  };
}
