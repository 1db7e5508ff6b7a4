import "server-only";

import { getTrtcClient, type TrtcClient } from "./client";
import type { UserSigStatus } from "./credentials";
import { TrtcError } from "./errors";

export type UpstreamHealth = {
  mode: "embedded" | "tencent";
  reachable: boolean;
  usersig: UserSigStatus;
};

// A recent contact answers without a new request, so load-balancer checks cost Tencent nothing.
const FRESH_MS = 30_000;

// Longer than Tencent's own 3 s backend timeout, so its answer can arrive.
const PROBE_TIMEOUT_MS = 5_000;

const probes = new WeakMap<TrtcClient, { at: number; reachable: Promise<boolean> }>();

/** Reveals no key, UserSig or URL, and never throws. */
export async function getUpstreamHealth(
  client: TrtcClient = getTrtcClient(),
): Promise<UpstreamHealth> {
  const usersig = client.userSigStatus();
  const contact = client.lastContact();
  const now = Date.now();
  let reachable: boolean;
  if (contact && now - contact.at < FRESH_MS) {
    reachable = contact.answered;
  } else {
    let probe = probes.get(client);
    if (!probe || now - probe.at >= FRESH_MS) {
      probe = { at: now, reachable: probeUpstream(client) };
      probes.set(client, probe);
    }
    reachable = await probe.reachable;
  }
  return { mode: client.mode, reachable, usersig };
}

// An error code counts as reachable: a refused UserSig is a configuration problem, not an outage.
async function probeUpstream(client: TrtcClient): Promise<boolean> {
  const attempt = client.getCallbackConfig("v4").then(
    () => true,
    (error: unknown) => error instanceof TrtcError && typeof error.code === "number",
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
