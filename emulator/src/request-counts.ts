// How many requests each Tencent path answered, by answer code (0 = success; an HTTP status for a
// transport fault), so tests and benchmarks can count what a client really sent, e.g. that a
// fleet of instances was never refused with 60007/70005.

export type PathCounts = { total: number; byCode: Record<string, number> };

export class RequestCounts {
  private byPath = new Map<string, PathCounts>();

  record(path: string, code: number): void {
    let counts = this.byPath.get(path);
    if (!counts) {
      counts = { total: 0, byCode: {} };
      this.byPath.set(path, counts);
    }
    counts.total++;
    counts.byCode[code] = (counts.byCode[code] ?? 0) + 1;
  }

  snapshot(): { byPath: Record<string, PathCounts>; rateLimited: number } {
    const byPath = Object.fromEntries(
      [...this.byPath].map(([path, c]) => [path, { total: c.total, byCode: { ...c.byCode } }]),
    );
    let rateLimited = 0;
    for (const c of this.byPath.values())
      rateLimited += (c.byCode[60007] ?? 0) + (c.byCode[70005] ?? 0);
    return { byPath, rateLimited };
  }

  clear(): void {
    this.byPath.clear();
  }
}
