import { ApiError, TopLevel, V4 } from "./codes";
import { memberStatus } from "./ground-truth";
import type { EmulatorState, PresenceStatus } from "./state";
import { Fields, type Body } from "./validate";

// Chat's `v4/openim/query_online_status` for the emulator's users. What it answers agrees with the
// calls: anyone in a live call is Online (except a callee whose device never got the invitation);
// everyone else has a status fixed by the seed; the control endpoint can override any user.

export const PRESENCE_STATUSES: readonly PresenceStatus[] = ["Online", "PushOnline", "Offline"];
/** Tencent: "up to 500 UserIDs at a time". */
export const MAX_ACCOUNTS = 500;

const ONLINE_PLATFORMS = ["iPhone", "Android", "Web", "PC", "iPad", "Mac"];
const PUSH_PLATFORMS = ["iPhone", "Android"];

function hash(seed: number, userId: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Outside calls: ~15 % Online, ~30 % PushOnline (app in the background), ~55 % Offline. */
export function seededPresence(seed: number, userId: string): PresenceStatus {
  const u = hash(seed, userId) / 2 ** 32;
  return u < 0.15 ? "Online" : u < 0.45 ? "PushOnline" : "Offline";
}

/** Everyone in a live call right now, with the presence that implies. */
function inLiveCalls(st: EmulatorState, now: number): Map<string, PresenceStatus> {
  const s = st.store;
  const c = s.cols;
  const out = new Map<string, PresenceStatus>();
  for (const row of s.liveRows(now)) {
    out.set(s.users.name(c.caller[row]!), "Online");
    const elapsed = now - c.startMs[row]!;
    const first = c.memStart[row]!;
    for (let i = first; i < first + c.memCount[row]!; i++) {
      if (memberStatus(c.memOutcome[i]!, c.memAct[i]!, elapsed, s.invitedOff(i)) === null) continue;
      const name = s.users.name(c.memUser[i]!);
      if (!s.isUnreachable(i)) out.set(name, "Online");
      else if (!out.has(name)) out.set(name, "Offline");
    }
  }
  return out;
}

/** The presence of one user now, or undefined for an account the app does not have. */
export function presenceOf(
  st: EmulatorState,
  userId: string,
  live = inLiveCalls(st, st.now()),
): PresenceStatus | undefined {
  const set = st.presence.get(userId);
  if (set) return set;
  const known =
    st.store.users.lookup(userId) !== undefined || st.options.adminIdentifiers.includes(userId);
  if (!known) return undefined;
  return live.get(userId) ?? seededPresence(st.options.seed, userId);
}

export function queryOnlineStatus(body: Body, st: EmulatorState): TopLevel {
  const codes = { missing: V4.OPENIM_PARAM, type: V4.OPENIM_PARAM, invalid: V4.OPENIM_PARAM };
  const f = new Fields(body, codes);
  const accounts = f.stringArray("To_Account", {
    required: true,
    nonEmpty: true,
    maxItems: MAX_ACCOUNTS,
  });
  if (accounts.some((a) => a === ""))
    throw new ApiError(V4.OPENIM_PARAM, "To_Account must not hold empty IDs");
  const flag = (name: string): boolean => f.int(name, { min: 0, max: 1 }) === 1;
  const detail = flag("IsNeedDetail");
  const instid = flag("IsReturnInstid");
  const custom = flag("IsReturnCustomStatus");
  const live = inLiveCalls(st, st.now());
  const QueryResult: Record<string, unknown>[] = [];
  const ErrorList: { To_Account: string; ErrorCode: number }[] = [];
  for (const account of accounts) {
    const status = presenceOf(st, account, live);
    if (status === undefined) {
      ErrorList.push({ To_Account: account, ErrorCode: V4.ACCOUNT_NOT_FOUND });
      continue;
    }
    const item: Record<string, unknown> = { To_Account: account, Status: status };
    if (detail && status !== "Offline") {
      const h = hash(st.options.seed + 1, account);
      const platforms = status === "Online" ? ONLINE_PLATFORMS : PUSH_PLATFORMS;
      const device: Record<string, unknown> = {
        Platform: platforms[h % platforms.length],
        Status: status,
      };
      if (instid) device.Instid = h % 1_000_000_000;
      item.Detail = [device];
    }
    // The emulator's users never set a custom status.
    if (custom) item.CustomStatus = "";
    QueryResult.push(item);
  }
  return new TopLevel({ QueryResult, ErrorList });
}
