import { createRng, cumulate } from "./prng";

// Interned user IDs: calls store a 32-bit index instead of a string, so a million calls cost a few
// megabytes of user references instead of a few hundred megabytes of strings.
export class UserTable {
  private readonly ids: string[] = [];
  private readonly quoted: string[] = [];
  private readonly index = new Map<string, number>();

  intern(userId: string): number {
    let i = this.index.get(userId);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(userId);
      this.quoted.push(JSON.stringify(userId));
      this.index.set(userId, i);
    }
    return i;
  }

  lookup(userId: string): number | undefined {
    return this.index.get(userId);
  }

  name(i: number): string {
    return this.ids[i] ?? "";
  }

  /** The ID as a JSON string literal (escaped once, reused by every record that names the user). */
  json(i: number): string {
    return this.quoted[i] ?? '""';
  }

  get size(): number {
    return this.ids.length;
  }
}

const FIRST = [
  "alice",
  "bob",
  "carol",
  "dave",
  "erin",
  "frank",
  "grace",
  "heidi",
  "ivan",
  "judy",
  "ken",
  "lin",
  "mei",
  "nina",
  "oscar",
  "peggy",
  "quinn",
  "rui",
  "sam",
  "tara",
  "uma",
  "victor",
  "wei",
  "xin",
  "yan",
  "zoe",
];
const LAST = [
  "chen",
  "wang",
  "li",
  "zhang",
  "liu",
  "smith",
  "tan",
  "ng",
  "kim",
  "park",
  "garcia",
  "silva",
  "khan",
];

export type Population = {
  /** Interned indices of the population, most active first. */
  members: Uint32Array;
  /** Cumulative activity weights (Zipf-like) so a few users call a lot and most call rarely. */
  weights: Float64Array;
};

/**
 * A stable population of a few hundred user IDs in the styles real apps use: numeric account IDs,
 * readable handles, and prefixed IDs. Deterministic for a seed.
 */
export function createPopulation(users: UserTable, seed: number, size = 320): Population {
  const rng = createRng(seed ^ 0x5eed1234);
  const members = new Uint32Array(size);
  const weights: number[] = [];
  let i = 0;
  while (i < size) {
    const style = rng.next();
    let id: string;
    if (style < 0.4) id = String(rng.int(10_000_000, 99_999_999));
    else if (style < 0.8) {
      const f = FIRST[rng.int(0, FIRST.length - 1)] ?? "user";
      const l = LAST[rng.int(0, LAST.length - 1)] ?? "x";
      id = rng.chance(0.5) ? `${f}_${l}` : `${f}.${l}${rng.int(1, 99)}`;
    } else id = `user_${rng.int(1000, 9999)}`;
    if (users.lookup(id) !== undefined) continue;
    members[i] = users.intern(id);
    weights.push(1 / Math.pow(i + 1, 0.7));
    i++;
  }
  return { members, weights: cumulate(weights) };
}
