import type { EndedBy } from "@/lib/events/ended-by";

import type { CallResult, ResultExplanation } from "./types";
import { RESULT_LABELS } from "./vocabulary";

type Explanation = Pick<ResultExplanation, "meaning" | "nextSteps" | "lookup">;

const EXPLANATIONS: Record<string, Explanation> = {
  NormalEnd: {
    meaning: "The call connected and one of the parties hung up.",
    nextSteps:
      "If the user reports a problem during the call (no audio, frozen video), look at the talk time and at the TRTC room's quality data for this room ID.",
  },
  Cancel: {
    meaning: "The caller hung up before anyone answered.",
    nextSteps:
      "Check the ring time: a very short ring usually means the caller changed their mind or tapped by mistake; a long one means the callee did not see the call in time.",
  },
  Reject: {
    meaning: "The callee declined the call.",
    nextSteps:
      "Usually a deliberate choice. If the callee says they never declined, check whether their app auto-rejects (for example a second device or a busy-handling setting).",
  },
  NotAnswer: {
    meaning: "Nobody answered before the ring timeout ran out.",
    nextSteps:
      "Check that the callee was online and received the invitation: offline push set-up (certificates, vendor channels) and whether the app was killed on their device.",
  },
  CallBusy: {
    meaning: "The callee was already in another call.",
    nextSteps: "Look up the callee's other calls around the same start time.",
    lookup: "callee_calls_around_start",
  },
  Interrupt: {
    meaning: "The call broke off abnormally, typically because a device lost its network.",
    nextSteps:
      "Ask about the users' network at that time (Wi-Fi to mobile switch, weak signal) and check the app version on both devices.",
  },
  Offline: {
    meaning:
      "Tencent stopped receiving heartbeats from a participant's device and ended the call: that person dropped.",
    nextSteps:
      "The app was probably killed, put in the background or lost network. Check the device's battery and background settings and the app version.",
  },
};

/** The result's explanation, told with who ended the call when that is known. */
export function explainResult(result: CallResult, endedBy?: EndedBy | null): ResultExplanation {
  const plain = explainPlain(result);
  if (!endedBy) return plain;
  if (endedBy.kind === "staff") {
    return {
      ...plain,
      label: "Ended by staff",
      meaning: `${endedBy.staffEmail} ended this call from the console, not a participant. Tencent recorded the result as ${result || "empty"}.`,
      nextSteps:
        "The console's audit log has who ended it and when. If the users did not expect it, ask that staff member why.",
    };
  }
  if (endedBy.kind === "participant" && endedBy.userId) {
    if (result === "NormalEnd" && endedBy.action === "hung_up") {
      return { ...plain, meaning: `The call connected and ${endedBy.userId} hung up.` };
    }
    if (result === "Interrupt" && endedBy.action === "dropped") {
      return {
        ...plain,
        meaning: `The call broke off abnormally when ${endedBy.userId}'s connection dropped.`,
      };
    }
  }
  if (endedBy.kind === "tencent" && endedBy.reason === "heartbeat" && endedBy.userId) {
    return {
      ...plain,
      meaning: `Tencent stopped receiving heartbeats from ${endedBy.userId}'s device and ended the call.`,
    };
  }
  return plain;
}

function explainPlain(result: CallResult): ResultExplanation {
  const known = EXPLANATIONS[result];
  const label = RESULT_LABELS[result];
  if (known && label) return { label, ...known, known: true };
  if (result === "" || result === "Unknown") {
    return {
      label: "No result",
      meaning: "Tencent did not report a result for this call.",
      nextSteps:
        "The call may still be in progress or its record may not be complete yet (records appear about 5 seconds after the call ends). Look again shortly.",
      known: false,
    };
  }
  return {
    label: result,
    meaning: `Tencent reported "${result}", a result this console does not know yet.`,
    nextSteps:
      "Check Tencent's TUICallKit documentation for this value, and tell the console's maintainers so it can be explained here.",
    known: false,
  };
}
