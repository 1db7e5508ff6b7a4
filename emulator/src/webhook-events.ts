import { FLAG_GROUP, FLAG_V1, FLAG_V4, FLAG_VIDEO, OPEN } from "./call-columns";
import { ENDER_NONE, type CallStore } from "./call-store";
import { OUTCOME, RESULT, V1_RESULTS, V4_ACTION } from "./enums";
import { memberStatus } from "./ground-truth";
import { DEFAULT_READINGS } from "./readings";
import { v4RecordJson } from "./records";

// What happened to one call, as the webhooks of each generation report it (reference §3.8, §4.11).
// Events are derived from the call's timeline, so they follow the emulator clock like everything
// else. A body is only built for events inside the asked-for time range.

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

const MEMBER_CHANGED = "Call.CallbackAfterMemberChanged";

const V4_ACTION_OF: Record<number, string> = {
  [OUTCOME.accepted]: V4_ACTION.accept,
  [OUTCOME.rejected]: V4_ACTION.reject,
  [OUTCOME.not_answered]: V4_ACTION.notAnswer,
  [OUTCOME.busy]: V4_ACTION.reject,
  [OUTCOME.cancelled]: V4_ACTION.cancelInvite,
  [OUTCOME.joined]: V4_ACTION.join,
};

// v1 event words per member outcome: [callee side, caller side]. Each side's SDK reports its own.
const V1_MEMBER_EVENTS: Record<number, [string, string] | undefined> = {
  [OUTCOME.accepted]: ["callee_accept_call", "caller_call_accepted"],
  [OUTCOME.rejected]: ["callee_reject_call", "caller_call_rejected"],
  [OUTCOME.not_answered]: ["callee_not_answer_call", "caller_call_missed"],
  [OUTCOME.busy]: ["callee_reject_call", "caller_call_busy"],
  [OUTCOME.cancelled]: ["callee_call_canceled", "caller_cancel_call"],
};

const sec = (ms: number): number => Math.floor(ms / 1000);

/** Every event of `row` with a time in [from, to], in time order. */
export function eventsOf(store: CallStore, row: number, from: number, to: number): WebhookEvent[] {
  const c = store.cols;
  const flags = c.flags[row]!;
  const start = c.startMs[row]!;
  const end = c.endAt(row);
  const id = store.callId(row);
  const caller = store.users.name(c.caller[row]!);
  const callees = store.calleeIds(row);
  const roomId = store.roomId(row);
  const first = c.memStart[row]!;
  const accept = c.acceptOff[row]!;
  const v4 = (flags & FLAG_V4) !== 0;
  const v1 = (flags & FLAG_V1) !== 0;
  const inRange = (t: number): boolean => t >= from && t <= to;
  const out: WebhookEvent[] = [];

  const userList = (t: number, without?: string) =>
    store
      .liveMembers(row, t)
      .filter((m) => m.userId !== without)
      .map((m) => ({ User_Account: m.userId, Status: m.status }));
  const v4Event = (key: string, command: string, t: number, body: () => object): void => {
    if (!v4 || !inRange(t)) return;
    out.push({
      key: `${id}:v4:${key}`,
      generation: "v4",
      command,
      at: t,
      body: { CallbackCommand: command, ...body(), EventTime: t },
    });
  };
  const memberChanged = (
    key: string,
    t: number,
    userId: string,
    action: string,
    without?: string,
  ) =>
    v4Event(key, MEMBER_CHANGED, t, () => ({
      CallId: id,
      UserList: userList(t, without),
      ChangedUserList: [{ User_Account: userId, ActionType: action }],
    }));
  const v1Body = (userId: string, role: "caller" | "callee") => ({
    UserId: userId,
    RoomId: roomId,
    TotalNum: callees.length + 1,
    MediaType: flags & FLAG_VIDEO ? "video" : "audio",
    CallType: flags & FLAG_GROUP ? "group" : "single",
    CallId: id,
    Role: role,
  });
  const v1Event = (key: string, word: string, userId: string, t: number, ended = false): void => {
    if (!v1 || !inRange(t)) return;
    const role = userId === caller && !word.startsWith("callee_") ? "caller" : "callee";
    out.push({
      key: `${id}:v1:${key}`,
      generation: "v1",
      command: word,
      at: t,
      body: {
        ...v1Body(userId, role),
        Event: word.replace(/^(caller|callee)_/, ""),
        CallResult: "",
        EventTime: sec(t),
        StartCallTs: ended ? sec(start) : 0,
        AcceptTs: ended && accept !== OPEN ? sec(start + accept) : 0,
        EndTs: ended ? sec(end) : 0,
      },
    });
  };

  // The call starts: everyone invited at the start rings, unless their device is unreachable.
  v4Event("start", "Call.CallbackAfterStartCall", start, () => ({
    CallInfo: {
      CallId: id,
      MediaType: flags & FLAG_VIDEO ? "Video" : "Audio",
      ChatGroupId: store.chatGroupId(row),
      RoomId: roomId,
      RoomIdType: roomId === "" ? 0 : (flags >> 4) & 3,
    },
    UserList: userList(start),
  }));
  v1Event("start", "caller_start_call", caller, start);
  callees.forEach((u, i) => {
    const idx = first + i;
    const invited = c.memOutcome[idx] !== OUTCOME.joined && store.invitedOff(idx) === 0;
    if (invited && !store.isUnreachable(idx))
      v1Event(`receive:${i}`, "callee_receive_call", u, start);
  });

  // Later invitations, then each member's own action.
  callees.forEach((u, i) => {
    const idx = first + i;
    const outcome = c.memOutcome[idx]!;
    const unreachable = store.isUnreachable(idx);
    const invite = store.invitedOff(idx);
    if (outcome !== OUTCOME.joined && invite > 0 && start + invite <= end) {
      const t = start + invite;
      memberChanged(`invite:${i}`, t, u, V4_ACTION.invite);
      v1Event(`invite:${i}`, "invite_user", caller, t);
      if (!unreachable) v1Event(`receive:${i}`, "callee_receive_call", u, t);
    }
    const act = c.memAct[idx]!;
    if (act === OPEN || outcome === OUTCOME.pending || start + act > end) return;
    const t = start + act;
    memberChanged(`member:${i}`, t, u, V4_ACTION_OF[outcome] ?? V4_ACTION.hangup);
    if (outcome === OUTCOME.joined) {
      v1Event(`join:${i}`, "join_in_group_call", u, t);
      return;
    }
    const words = V1_MEMBER_EVENTS[outcome];
    if (!words) return;
    // An unreachable callee's SDK never had the call, so only the caller's side reports.
    if (!unreachable) v1Event(`member:${i}:callee`, words[0], u, t);
    v1Event(`member:${i}:caller`, words[1], caller, t);
  });

  if (end !== Infinity && inRange(end)) endEvents();
  return out.sort((a, b) => a.at - b.at);

  function endEvents(): void {
    const result = c.result[row]!;
    const answered = accept !== OPEN;
    const ender = answered ? store.ender(row) : ENDER_NONE;
    const elapsed = end - start;
    const inCall = [caller];
    callees.forEach((u, i) => {
      const idx = first + i;
      const status = memberStatus(
        c.memOutcome[idx]!,
        c.memAct[idx]!,
        elapsed,
        store.invitedOff(idx),
      );
      if (status === "Calling") inCall.push(u);
    });
    const enderId = ender === ENDER_NONE ? undefined : ender === 0 ? caller : callees[ender - 1];
    const leaver = enderId !== undefined && inCall.includes(enderId) ? enderId : undefined;
    const dropped = result === RESULT.Interrupt || result === RESULT.Offline;
    // Who hung up (or whose heartbeat stopped) is reported before the call's end.
    if (leaver !== undefined) {
      const action = dropped ? V4_ACTION.offline : V4_ACTION.hangup;
      memberChanged("ender", end, leaver, action, leaver);
    }
    v4Event("end", "Call.CallbackAfterEndCall", end, () => ({
      CallRecord: JSON.parse(v4RecordJson(store, row, DEFAULT_READINGS)) as unknown,
    }));
    if (!v1) return;
    if (answered) {
      // Normal end: only the one who hung up reports it; when nobody did (end_call), every
      // client still in the call sees the end. A dropped device reports nothing.
      const reporters =
        !dropped && leaver !== undefined
          ? [leaver]
          : inCall.filter((u) => !(result === RESULT.Offline && u === leaver));
      for (const u of reporters) {
        const side = u === caller ? "caller" : "callee";
        const word = dropped ? `${side}_call_interrupted` : `${side}_call_end`;
        v1Event(`end:${u === caller ? "caller" : callees.indexOf(u)}`, word, u, end, true);
      }
    }
    const word = V1_RESULTS[result]!;
    // Status callback: one per call, from the caller's side, with the result as the command.
    out.push({
      key: `${id}:v1:status`,
      generation: "v1",
      command: word,
      at: end,
      body: {
        ...v1Body(caller, "caller"),
        CallResult: word,
        EventTime: sec(end),
        StartCallTs: sec(start),
        AcceptTs: answered ? sec(start + accept) : 0,
        EndTs: sec(end),
      },
    });
  }
}
