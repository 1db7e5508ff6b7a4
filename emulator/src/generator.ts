import { FLAG_GROUP, FLAG_V1, FLAG_V4, FLAG_VIDEO, OPEN, withRoomType } from "./call-columns";
import { CallStore, WEEK_MS } from "./call-store";
import { OUTCOME, RESULT } from "./enums";
import { createRng, cumulate, pickWeighted, type Rng } from "./prng";
import { createPopulation, type Population } from "./users";

// Deterministic synthetic traffic: `calls` calls over the 7 days before `now`, with a daily rhythm,
// a realistic mix of outcomes and durations, and `liveCalls` calls still in progress at `now`.

export type GenerateOptions = {
  seed: number;
  calls: number;
  liveCalls: number;
  /** The emulator's clock; generation happens relative to its current value. */
  clock: () => number;
  recordDelayMs: number;
};

// Relative call volume per hour of day (UTC+8, where most TUICallKit apps' users are): quiet nights.
const HOURLY = [3, 2, 1, 1, 1, 2, 4, 7, 9, 10, 10, 9, 9, 10, 10, 9, 9, 9, 10, 11, 12, 11, 8, 5];
const HOUR_MAX = Math.max(...HOURLY);

// One-to-one results and their frequencies (sum 1000).
const SINGLE_RESULTS = cumulate([120, 90, 100, 600, 40, 35, 15]); // order of V4_RESULTS

const RING_TIMEOUT_MS = 30_000; // TUICallKit's default ring timeout

export function generateCalls(opts: GenerateOptions): CallStore {
  const n = Math.max(0, Math.floor(opts.calls));
  const live = Math.min(n, Math.max(0, Math.floor(opts.liveCalls)));
  const now = opts.clock();
  const store = new CallStore(
    opts.seed,
    opts.clock,
    opts.recordDelayMs,
    n + 64,
    Math.ceil(n * 1.5) + 64,
  );
  const rng = createRng(opts.seed);
  const population = createPopulation(store.users, opts.seed);
  const { starts, live: isLive } = startTimes(rng, n - live, live, now);
  const c = store.cols;
  for (let i = 0; i < n; i++) {
    const row = c.addRow();
    c.startMs[row] = starts[i]!;
    fillCall(store, rng, population, row, isLive[i] === 1, now);
  }
  store.sealGenerated(n);
  return store;
}

/**
 * Sorted start times: regular calls over the week (starting at least a minute ago), live ones in
 * the last 10 minutes, merged so rows stay in start order. `live[i]` marks the live ones.
 */
function startTimes(
  rng: Rng,
  regular: number,
  liveCount: number,
  now: number,
): { starts: Float64Array; live: Uint8Array } {
  const reg = new Float64Array(regular);
  const from = now - WEEK_MS;
  const span = WEEK_MS - 60_000;
  for (let i = 0; i < regular; i++) {
    let t: number;
    do t = from + rng.next() * span;
    while (rng.next() * HOUR_MAX > (HOURLY[new Date(t + 8 * 3600_000).getUTCHours()] ?? HOUR_MAX));
    reg[i] = Math.floor(t);
  }
  reg.sort();
  const lv = new Float64Array(liveCount);
  for (let i = 0; i < liveCount; i++) lv[i] = Math.floor(now - 2_000 - rng.next() * 598_000);
  lv.sort();
  const starts = new Float64Array(regular + liveCount);
  const live = new Uint8Array(regular + liveCount);
  let a = 0;
  let b = 0;
  for (let i = 0; i < starts.length; i++) {
    if (b < liveCount && (a >= regular || lv[b]! < reg[a]!)) {
      starts[i] = lv[b++]!;
      live[i] = 1;
    } else starts[i] = reg[a++]!;
  }
  return { starts, live };
}

function pickUser(rng: Rng, pop: Population): number {
  return pop.members[pickWeighted(pop.weights, rng.next())]!;
}

/** Log-uniform duration in ms between lo and hi seconds: many short calls, a long tail. */
function logUniform(rng: Rng, lo: number, hi: number): number {
  return Math.floor(Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo))) * 1000);
}

function fillCall(
  store: CallStore,
  rng: Rng,
  pop: Population,
  row: number,
  isLive: boolean,
  now: number,
): void {
  const c = store.cols;
  const group = rng.chance(0.13);
  const calleeCount = group ? rng.int(2, 7) : 1;
  const caller = pickUser(rng, pop);
  c.caller[row] = caller;
  const first = c.addMembers(calleeCount);
  c.memStart[row] = first;
  c.memCount[row] = calleeCount;
  for (let k = 0; k < calleeCount; k++) {
    let u: number;
    let tries = 0;
    do u = pickUser(rng, pop);
    while (tries++ < 20 && (u === caller || alreadyIn(c.memUser, first, first + k, u)));
    c.memUser[first + k] = u;
  }

  const gen = rng.next();
  let flags = gen < 0.08 ? FLAG_V1 : gen < 0.2 ? FLAG_V4 : FLAG_V1 | FLAG_V4;
  if (rng.chance(0.45)) flags |= FLAG_VIDEO;
  if (group) flags |= FLAG_GROUP;
  const numericRoom = rng.chance(0.6);
  c.flags[row] = withRoomType(flags, numericRoom ? 1 : 2);
  c.roomNum[row] = numericRoom ? rng.int(10_000, 99_999_999) : 0;

  if (isLive) fillLive(store, rng, row, now);
  else if (group) fillGroup(store, rng, row);
  else fillSingle(store, rng, row);

  // Regular calls must be over (and their record due) by now: shorten the few that would not be.
  const start = c.startMs[row]!;
  if (!isLive && start + c.endOff[row]! > now - 1_000) {
    const end = Math.max(0, Math.floor(now - 1_000 - start));
    c.endOff[row] = end;
    if (c.acceptOff[row]! !== OPEN && c.acceptOff[row]! > end) c.acceptOff[row] = end;
    for (let i = first; i < first + calleeCount; i++) if (c.memAct[i]! > end) c.memAct[i] = end;
  }
}

function alreadyIn(pool: Uint32Array, from: number, to: number, u: number): boolean {
  for (let i = from; i < to; i++) if (pool[i] === u) return true;
  return false;
}

function fillSingle(store: CallStore, rng: Rng, row: number): void {
  const c = store.cols;
  const m = c.memStart[row]!;
  const result = pickWeighted(SINGLE_RESULTS, rng.next());
  const ring = rng.int(2_000, 22_000);
  c.result[row] = result;
  c.acceptOff[row] = OPEN;
  switch (result) {
    case RESULT.NormalEnd:
    case RESULT.Interrupt:
    case RESULT.Offline: {
      c.acceptOff[row] = ring;
      c.memOutcome[m] = OUTCOME.accepted;
      c.memAct[m] = ring;
      const talk = result === RESULT.NormalEnd ? logUniform(rng, 8, 3600) : logUniform(rng, 3, 900);
      // Offline: the server notices the missing heartbeat some seconds after the device vanished.
      c.endOff[row] = ring + talk + (result === RESULT.Offline ? rng.int(15_000, 60_000) : 0);
      return;
    }
    case RESULT.Cancel: {
      const at = rng.int(1_000, 25_000);
      c.memOutcome[m] = OUTCOME.cancelled;
      c.memAct[m] = at;
      c.endOff[row] = at;
      return;
    }
    case RESULT.Reject:
      c.memOutcome[m] = OUTCOME.rejected;
      c.memAct[m] = ring;
      c.endOff[row] = ring;
      return;
    case RESULT.NotAnswer:
      c.memOutcome[m] = OUTCOME.not_answered;
      c.memAct[m] = RING_TIMEOUT_MS;
      c.endOff[row] = RING_TIMEOUT_MS;
      return;
    default: {
      const at = rng.int(200, 1_500); // busy: the callee's device answers "busy" at once
      c.memOutcome[m] = OUTCOME.busy;
      c.memAct[m] = at;
      c.endOff[row] = at;
    }
  }
}

function fillGroup(store: CallStore, rng: Rng, row: number): void {
  const c = store.cols;
  const first = c.memStart[row]!;
  const count = c.memCount[row]!;
  let firstAccept = OPEN;
  let lastAccept = 0;
  for (let i = first; i < first + count; i++) {
    const r = rng.next();
    const outcome =
      r < 0.62
        ? OUTCOME.accepted
        : r < 0.72
          ? OUTCOME.rejected
          : r < 0.95
            ? OUTCOME.not_answered
            : OUTCOME.busy;
    const act =
      outcome === OUTCOME.not_answered
        ? RING_TIMEOUT_MS
        : outcome === OUTCOME.busy
          ? rng.int(200, 1_500)
          : rng.int(2_000, 25_000);
    c.memOutcome[i] = outcome;
    c.memAct[i] = act;
    if (outcome === OUTCOME.accepted) {
      firstAccept = Math.min(firstAccept, act);
      lastAccept = Math.max(lastAccept, act);
    }
  }
  if (firstAccept !== OPEN) {
    c.acceptOff[row] = firstAccept;
    c.result[row] = rng.chance(0.04) ? RESULT.Interrupt : RESULT.NormalEnd;
    c.endOff[row] = Math.max(lastAccept, RING_TIMEOUT_MS) + logUniform(rng, 20, 5400);
    return;
  }
  c.acceptOff[row] = OPEN;
  if (rng.chance(0.35)) {
    // Nobody had answered yet when the caller gave up: everyone still ringing is cancelled.
    const at = rng.int(3_000, 25_000);
    for (let i = first; i < first + count; i++) {
      if (c.memAct[i]! > at) {
        c.memOutcome[i] = OUTCOME.cancelled;
        c.memAct[i] = at;
      }
    }
    c.result[row] = RESULT.Cancel;
    c.endOff[row] = at;
    return;
  }
  let anyTimeout = false;
  let end = 0;
  for (let i = first; i < first + count; i++) {
    if (c.memOutcome[i] === OUTCOME.not_answered) anyTimeout = true;
    end = Math.max(end, c.memAct[i]!);
  }
  c.result[row] = anyTimeout ? RESULT.NotAnswer : RESULT.Reject;
  c.endOff[row] = end;
}

/** A call in progress at `now`: answered (or about to be), ending some minutes from now. */
function fillLive(store: CallStore, rng: Rng, row: number, now: number): void {
  const c = store.cols;
  const first = c.memStart[row]!;
  const start = c.startMs[row]!;
  let firstAccept = OPEN;
  for (let i = first; i < first + c.memCount[row]!; i++) {
    const accepted = i === first || rng.chance(0.7);
    const act = accepted ? rng.int(2_000, 15_000) : RING_TIMEOUT_MS;
    c.memOutcome[i] = accepted ? OUTCOME.accepted : OUTCOME.not_answered;
    c.memAct[i] = act;
    if (accepted) firstAccept = Math.min(firstAccept, act);
  }
  c.acceptOff[row] = firstAccept;
  c.result[row] = RESULT.NormalEnd;
  const endAt = now + rng.int(20_000, 480_000);
  c.endOff[row] = Math.max(Math.floor(endAt - start), RING_TIMEOUT_MS + 1_000);
}
