import { checkCallId, looksLikeCallId } from "@/lib/calls/call-id";

// Staff paste IDs, console links, lists or whole ticket paragraphs. In a list (every entry one
// word) each entry is taken as an ID, so a typo is reported rather than dropped; in prose only
// call links and words that look like call IDs count, so the count is of the calls it names.

export const MAX_LOOKUP_IDS = 50;

export type LookupEntry =
  { ok: true; input: string; callId: string } | { ok: false; input: string; reason: string };

export type ParsedLookupInput = {
  entries: LookupEntry[];
  callIds: string[];
  truncated: number;
};

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// `/calls/<id>` in a console link (absolute or relative); the ID ends at the path, query or hash.
const CALL_LINK = /^(?:https?:\/\/[^\s/]+)?\/calls\/([^/?#\s<>()"'\]]+)/i;
const OTHER_LINK = /^(?:https?:\/\/|\/)/i;
const LABEL = /^(?:call[\s_-]*id|callid|id)\s*[:=#]\s*/i;
const WRAPPERS = /^[\s"'`<([{]+|[\s"'`>)\]}.,;:!?]+$/g;

export const NOT_A_CALL_LINK = "This links to a console page, not to a call";

type Candidate = { ok: true; id: string } | { ok: false; reason: string };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const strip = (text: string) => text.replace(WRAPPERS, "").replace(LABEL, "").replace(WRAPPERS, "");

/** One word: a call link's ID, the UUIDs in it, or the word itself; other links are no ID. */
function fromWord(word: string): Candidate[] {
  const link = CALL_LINK.exec(word);
  if (link?.[1]) return [{ ok: true, id: decode(link[1]) }];
  if (OTHER_LINK.test(word)) return [{ ok: false, reason: NOT_A_CALL_LINK }];
  const uuids = word.match(UUIDS);
  if (uuids) return uuids.map((id) => ({ ok: true, id }));
  return [{ ok: true, id: word }];
}

/** In prose, only call links and words shaped like call IDs; in a list, every entry. */
function candidatesOf(piece: string, prose: boolean): Candidate[] {
  const text = strip(piece);
  if (!prose) return fromWord(text);
  return text
    .split(/\s+/)
    .map(strip)
    .flatMap((word): Candidate[] => {
      if (CALL_LINK.test(word) || word.match(UUIDS)) return fromWord(word);
      return looksLikeCallId(word) ? [{ ok: true, id: word }] : [];
    });
}

export function parseLookupInput(text: string): ParsedLookupInput {
  const pieces = text
    .split(/[\r\n,;]+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const prose = pieces.some((p) => /\s/.test(strip(p)));
  const entries: LookupEntry[] = [];
  const seen = new Set<string>();
  for (const piece of pieces) {
    for (const candidate of candidatesOf(piece, prose)) {
      const check = candidate.ok ? checkCallId(candidate.id) : candidate;
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
