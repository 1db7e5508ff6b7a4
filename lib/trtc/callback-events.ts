// Tencent's published callback names, per generation (reference §3.6 and §4.11). Pure facts of
// the API: the emulator accepts exactly these, and the console subscribes to all of them.

/** v1 `actions`: status callbacks (one per call, named by its result), then per-person events. */
export const V1_CALLBACK_ACTIONS = [
  "cancel",
  "reject",
  "not_answer",
  "normal_end",
  "call_busy",
  "interrupt",
  "caller_start_call",
  "caller_call_accepted",
  "caller_call_missed",
  "caller_call_rejected",
  "caller_call_busy",
  "caller_cancel_call",
  "caller_call_failed",
  "caller_call_end",
  "caller_call_interrupted",
  "callee_receive_call",
  "callee_accept_call",
  "callee_not_answer_call",
  "callee_reject_call",
  "callee_ignore_call",
  "callee_call_canceled",
  "callee_call_end",
  "callee_call_interrupted",
  "invite_user",
  "join_in_group_call",
] as const;

/** v4 `CallbackCommand`s of the Call service. */
export const V4_CALLBACK_COMMANDS = [
  "Call.CallbackAfterStartCall",
  "Call.CallbackAfterEndCall",
  "Call.CallbackAfterMemberChanged",
] as const;
