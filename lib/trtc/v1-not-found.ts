import "server-only";

import { randomUUID } from "node:crypto";

// v1 does not document how `get_record_by_callId` answers an unknown call (reference §6.5): the
// samples say 70001, which is also "invalid parameters". Rather than trust one reading, the console
// asks Tencent: a call v1 surely has must come back, and then a made-up ID's code is the not-found code.

/** The reference's reading, used until Tencent has been asked, or when asking settled nothing. */
export const V1_NOT_FOUND_DEFAULT = 70001;
const KEEP_LEARNED_MS = 60 * 60_000;
const RETRY_UNSETTLED_MS = 60_000;

export type NotFoundProbe = {
  /** Any call v1 has now, from its filter API; null when it has none. */
  anyCallId: () => Promise<string | null>;
  /** v1's code for a by-ID request: 0 when the record came back. Throws when Tencent gave no code. */
  codeFor: (callId: string) => Promise<number>;
};

type Learned = { code: number | null; until: number };

export type NotFoundLearner = {
  /** The learned code if known now, without asking. */
  known: () => number | null;
  /** Whether `code` from a by-ID request means "no such call"; asks Tencent once when unsure. */
  isNotFound: (code: number) => Promise<boolean>;
};

export function createNotFoundLearner(
  probe: NotFoundProbe,
  now: () => number = Date.now,
): NotFoundLearner {
  let learned: Learned | null = null;
  let asking: Promise<Learned> | null = null;

  async function ask(): Promise<Learned> {
    const code = await learn(probe).catch(() => null);
    return { code, until: now() + (code === null ? RETRY_UNSETTLED_MS : KEEP_LEARNED_MS) };
  }

  function current(): Promise<Learned> {
    if (learned && learned.until > now()) return Promise.resolve(learned);
    asking ??= ask().then((l) => {
      learned = l;
      asking = null;
      return l;
    });
    return asking;
  }

  return {
    known: () => (learned && learned.until > now() ? learned.code : null),
    isNotFound: async (code) => ((await current()).code ?? V1_NOT_FOUND_DEFAULT) === code,
  };
}

async function learn(probe: NotFoundProbe): Promise<number | null> {
  const real = await probe.anyCallId();
  if (real === null) return null;
  // A by-ID request failing for a real call too says v1 is failing, not what "unknown" looks like.
  if ((await probe.codeFor(real)) !== 0) return null;
  const madeUp = await probe.codeFor(randomUUID());
  return madeUp === 0 ? null : madeUp;
}
