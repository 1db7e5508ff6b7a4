import { FLAG_GROUP, FLAG_V1, FLAG_V4, FLAG_VIDEO, OPEN } from "./call-columns";
import type { CallStore } from "./call-store";
import { OUTCOME, V1_RESULTS } from "./enums";
import { v4RecordJson } from "./records";

// What happened to one call, as the webhooks of each generation report it (reference §3.8, §4.11).
// Events are derived from the call's timeline, so they follow the emulator clock like everything else.

export type WebhookEvent = {
  /** Dedup key: one delivery per event. */
  key: string;
  generation: "v1" | "v4";
  /** v4 CallbackCommand or v1 `command` word: also what must be configured for it to be sent. */
  command: string;
  /** When it happened (emulator clock, ms). */
  at: number;
  body: Record<string, unknown>;
};

const V4_ACTION: Record<number, string> = {
  [OUTCOME.accepted]: "Accept",
  [OUTCOME.rejected]: "Reject",
  [OUTCOME.not_answered]: "NotAnswer",
  [OUTCOME.busy]: "Reject",
  [OUTCOME.cancelled]: "Cancel_Invite",
};

// v1 event words per member outcome: [callee side, caller side].
const V1_MEMBER_EVENTS: Record<number, [string, string] | undefined> = {
  [OUTCOME.accepted]: ["callee_accept_call", "caller_call_accepted"],
  [OUTCOME.rejected]: ["callee_reject_call", "caller_call_rejected"],
  [OUTCOME.not_answered]: ["callee_not_answer_call", "caller_call_missed"],
  [OUTCOME.busy]: ["callee_reject_call", "caller_call_busy"],
  [OUTCOME.cancelled]: ["callee_call_canceled", "caller_cancel_call"],
};

const sec = (ms: number): number => Math.floor(ms / 1000);

/** Every event of `row` with a time in [from, to]. */
export function eventsOf(store: CallStore, row: number, from: number, to: number): WebhookEvent[] {
  const c = store.cols;
  const flags = c.flags[row]!;
  const start = c.startMs[row]!;
  const end = c.endAt(row);
  const id = store.callId(row);
  const caller = store.users.name(c.caller[row]!);
  const callees = store.calleeIds(row);
  const roomId = store.roomId(row);
  const inRange = (t: number): boolean => t >= from && t <= to;
  const out: WebhookEvent[] = [];
  const v4 = (flags & FLAG_V4) !== 0;
  const v1 = (flags & FLAG_V1) !== 0;
  const accept = c.acceptOff[row]!;
  const v1Base = (userId: string, role: "caller" | "callee", t: number) => ({
    UserId: userId,
    RoomId: roomId,
    TotalNum: callees.length + 1,
    MediaType: flags & FLAG_VIDEO ? "video" : "audio",
    CallType: flags & FLAG_GROUP ? "group" : "single",
    CallId: id,
    Role: role,
    EventTime: sec(t),
  });
  const v1Event = (
    key: string,
    word: string,
    userId: string,
    role: "caller" | "callee",
    t: number,
    ended = false,
  ) => {
    if (!v1) return;
    const event = word.replace(/^(caller|callee)_/, "");
    out.push({
      key: `${id}:v1:${key}`,
      generation: "v1",
      command: word,
      at: t,
      body: {
        ...v1Base(userId, role, t),
        Event: event,
        CallResult: "",
        StartCallTs: ended ? sec(start) : 0,
        AcceptTs: ended && accept !== OPEN ? sec(start + accept) : 0,
        EndTs: ended ? sec(end) : 0,
      },
    });
  };

  if (inRange(start)) {
    if (v4) {
      out.push({
        key: `${id}:v4:start`,
        generation: "v4",
        command: "Call.CallbackAfterStartCall",
        at: start,
        body: {
          CallbackCommand: "Call.CallbackAfterStartCall",
          CallInfo: {
            CallId: id,
            MediaType: flags & FLAG_VIDEO ? "Video" : "Audio",
            ChatGroupId: store.chatGroupId(row),
            RoomId: roomId,
            RoomIdType: roomId === "" ? 0 : (flags >> 4) & 3,
          },
          UserList: [
            { User_Account: caller, Status: "Calling" },
            ...callees.map((u) => ({ User_Account: u, Status: "Waiting" })),
          ],
          EventTime: start,
        },
      });
    }
    v1Event("start", "caller_start_call", caller, "caller", start);
    callees.forEach((u, i) => v1Event(`receive:${i}`, "callee_receive_call", u, "callee", start));
  }

  const first = c.memStart[row]!;
  for (let i = 0; i < c.memCount[row]!; i++) {
    const act = c.memAct[first + i]!;
    const outcome = c.memOutcome[first + i]!;
    if (act === OPEN || outcome === OUTCOME.pending) continue;
    const t = start + act;
    if (!inRange(t) || t > end) continue;
    const userId = callees[i]!;
    if (v4) {
      out.push({
        key: `${id}:v4:member:${i}`,
        generation: "v4",
        command: "Call.CallbackAfterMemberChanged",
        at: t,
        body: {
          CallbackCommand: "Call.CallbackAfterMemberChanged",
          CallId: id,
          UserList: store
            .liveMembers(row, t)
            .map((m) => ({ User_Account: m.userId, Status: m.status })),
          ChangedUserList: [{ User_Account: userId, ActionType: V4_ACTION[outcome] ?? "Hangup" }],
          EventTime: t,
        },
      });
    }
    const words = V1_MEMBER_EVENTS[outcome];
    if (words) {
      v1Event(`member:${i}:callee`, words[0], userId, "callee", t);
      v1Event(`member:${i}:caller`, words[1], caller, "caller", t);
    }
  }

  if (end !== Infinity && inRange(end)) {
    if (v4) {
      out.push({
        key: `${id}:v4:end`,
        generation: "v4",
        command: "Call.CallbackAfterEndCall",
        at: end,
        body: {
          CallbackCommand: "Call.CallbackAfterEndCall",
          CallRecord: JSON.parse(v4RecordJson(store, row)) as unknown,
          EventTime: end,
        },
      });
    }
    if (v1) {
      const result = V1_RESULTS[c.result[row]!]!;
      // Status callback: one per call, from the caller's side, with the result as the command.
      out.push({
        key: `${id}:v1:status`,
        generation: "v1",
        command: result,
        at: end,
        body: {
          ...v1Base(caller, "caller", end),
          CallResult: result,
          StartCallTs: sec(start),
          AcceptTs: accept === OPEN ? 0 : sec(start + accept),
          EndTs: sec(end),
        },
      });
      if (accept !== OPEN) {
        const interrupted = result === "interrupt" || result === "offline";
        v1Event(
          "end:caller",
          interrupted ? "caller_call_interrupted" : "caller_call_end",
          caller,
          "caller",
          end,
          true,
        );
        for (let i = 0; i < callees.length; i++) {
          if (c.memOutcome[first + i] !== OUTCOME.accepted) continue;
          v1Event(
            `end:${i}`,
            interrupted ? "callee_call_interrupted" : "callee_call_end",
            callees[i]!,
            "callee",
            end,
            true,
          );
        }
      }
    }
  }
  return out;
}
