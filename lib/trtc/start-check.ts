import "server-only";

import type { Generation } from "@/lib/calls/types";

import type { TrtcClient } from "./client";
import { TrtcError } from "./errors";

// One signed request per generation at start: a wrong key, an identifier that is not an App
// administrator or a missing Group Call package shows at once, with its fix, instead of as the
// first failed lookup.

export type StartProblem =
  "not_admin" | "credentials" | "package_missing" | "unreachable" | "refused";

export type StartCheck = {
  generation: Generation;
  ok: boolean;
  problem?: StartProblem;
  code?: number | string;
  requestId?: string | null;
  /** What to change, in plain words. */
  fix?: string;
};

const NOT_ADMIN = new Set([60010, 70004]);
const PACKAGE_MISSING = 50001;

const FIX: Record<StartProblem, string> = {
  not_admin:
    "TRTC_ADMIN_IDENTIFIER is not an App administrator of this app. Set it to an administrator account (Chat console → App administrators).",
  credentials:
    "Tencent refused the UserSig. Check TRTC_SDK_APP_ID and TRTC_SECRET_KEY (or the UserSig you configured) against the Tencent console.",
  package_missing:
    "The app has no TUICallKit Group Call package (or trial), which the v1 API needs. Buy or start one, or set TRTC_RECORDS_API=v4.",
  unreachable:
    "Tencent could not be reached in time. Check the server's network, the region and any base-URL override.",
  refused: "Tencent refused the check request; its code and RequestId say why.",
};

export function classify(generation: Generation, error: unknown): StartCheck {
  if (!(error instanceof TrtcError))
    return { generation, ok: false, problem: "refused", fix: FIX.refused };
  const problem: StartProblem = NOT_ADMIN.has(Number(error.code))
    ? "not_admin"
    : error.userSigRejected
      ? "credentials"
      : error.code === PACKAGE_MISSING
        ? "package_missing"
        : error.code === "NETWORK" || error.code === "TIMEOUT" || error.code === "HTTP_STATUS"
          ? "unreachable"
          : "refused";
  return {
    generation,
    ok: false,
    problem,
    code: error.code,
    requestId: error.requestId,
    fix: FIX[problem],
  };
}

/** Reads each generation's callback configuration: harmless, signed, and served to any admin. */
export async function checkUpstream(
  client: Pick<TrtcClient, "getCallbackConfig">,
  generations: readonly Generation[],
): Promise<StartCheck[]> {
  return Promise.all(
    generations.map((generation) =>
      client.getCallbackConfig(generation).then(
        (): StartCheck => ({ generation, ok: true }),
        (error: unknown) => classify(generation, error),
      ),
    ),
  );
}

const KEY = Symbol.for("call-console.trtc.start-check");
type Holder = Record<symbol, StartCheck[] | undefined>;

export function rememberStartCheck(checks: StartCheck[]): void {
  (globalThis as Holder)[KEY] = checks;
}

/** The answer of the check made at start, or null before it has come. */
export function startCheckResult(): StartCheck[] | null {
  return (globalThis as Holder)[KEY] ?? null;
}
