import "server-only";

import { z } from "zod";

import type { CallType, MediaType } from "@/lib/calls/types";
import { callType as callTypeOf, mediaType as mediaTypeOf } from "@/lib/trtc/map";

import type { StartBody } from "./store";
import type { CallEvent } from "./types";

// Who called whom, and how, as far as a live call's callbacks say: the v4 start callback's
// CallInfo/UserList, or any v1 event's own fields. Lenient: samples disagree (§6.18, §6.19).

const account = z.union([z.string(), z.number()]).transform(String);
const text = z
  .union([z.string(), z.number()])
  .transform(String)
  .nullish()
  .catch(null)
  .transform((v) => v ?? null);
const userList = z
  .array(z.object({ User_Account: account, Status: text }))
  .nullish()
  .catch(null)
  .transform((v) => v ?? []);

const v4StartBody = z.object({
  CallInfo: z
    .object({ MediaType: text, CallMediaType: text, ChatGroupId: text })
    .nullish()
    .catch(null),
  UserList: userList,
  CallRecord: z
    .object({
      Caller_Account: text,
      MediaType: text,
      CallType: text,
      CalleeList_Account: z.array(account).nullish().catch(null),
    })
    .nullish()
    .catch(null),
});

const v1Body = z.object({
  UserId: text,
  Role: text,
  MediaType: text,
  CallType: text,
});

export type CallFacts = {
  caller: string | null;
  callees: string[];
  callType: CallType;
  mediaType: MediaType;
};

type Draft = {
  caller: string | null;
  named: string[];
  callType: string | null;
  mediaType: string | null;
  group: boolean;
};

function fromV4(body: unknown, draft: Draft): void {
  const parsed = v4StartBody.safeParse(body);
  if (!parsed.success) return;
  const { CallInfo: info, UserList: users, CallRecord: record } = parsed.data;
  draft.mediaType ??= info?.MediaType ?? info?.CallMediaType ?? record?.MediaType ?? null;
  if (info?.ChatGroupId) draft.group = true;
  draft.callType ??= record?.CallType ?? null;
  // At the start only the caller is in the call ("Calling"); everyone else is ringing.
  draft.caller ??= users.find((u) => u.Status === "Calling")?.User_Account ?? null;
  draft.caller ??= record?.Caller_Account ?? null;
  draft.named.push(...users.map((u) => u.User_Account), ...(record?.CalleeList_Account ?? []));
}

function fromV1(body: unknown, draft: Draft): void {
  const parsed = v1Body.safeParse(body);
  if (!parsed.success) return;
  const b = parsed.data;
  draft.mediaType ??= b.MediaType;
  draft.callType ??= b.CallType;
  if (b.UserId && b.Role?.toLowerCase() === "caller") draft.caller ??= b.UserId;
  if (b.UserId) draft.named.push(b.UserId);
}

/** `events` in time order: they name callees invited later and stand in for a lost start. */
export function callFacts(starts: StartBody[], events: CallEvent[]): CallFacts {
  const draft: Draft = { caller: null, named: [], callType: null, mediaType: null, group: false };
  // v4 first: its start callback names every member at once.
  for (const s of starts.filter((s) => s.generation === "v4")) fromV4(s.body, draft);
  for (const s of starts.filter((s) => s.generation === "v1")) fromV1(s.body, draft);
  draft.caller ??= events.find((e) => e.action === "started" && e.userId)?.userId ?? null;

  const callees: string[] = [];
  for (const id of [...draft.named, ...events.flatMap((e) => (e.userId ? [e.userId] : []))]) {
    if (id !== draft.caller && !callees.includes(id)) callees.push(id);
  }
  const type = draft.callType
    ? callTypeOf(draft.callType)
    : draft.group || callees.length > 1
      ? "group"
      : "single";
  return {
    caller: draft.caller,
    callees,
    callType: type,
    mediaType: mediaTypeOf(draft.mediaType),
  };
}
