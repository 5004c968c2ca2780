/**
 * The newest version of each document this process has seen stored, for the
 * most recent `capacity` documents. Stored versions only ever grow (writes are
 * version-guarded), so "seen version ≥ v" proves a write of v would change
 * nothing, and the store need not be asked. The api process applies most
 * snapshots itself (read-your-writes) before the projection's copy of the same
 * event arrives: this turns those duplicates into a map lookup instead of a
 * database round trip. A miss (another replica wrote it, or it was evicted)
 * just falls back to the store.
 */
export class AppliedVersions {
  private readonly newest = new Map<string, number>();

  constructor(private readonly capacity = 10_000) {}

  covers(id: string, version: number): boolean {
    return (this.newest.get(id) ?? 0) >= version;
  }

  record(id: string, version: number): void {
    const known = this.newest.get(id) ?? 0;
    // Re-insert so the map's order is least recently written first.
    this.newest.delete(id);
    this.newest.set(id, Math.max(known, version));
    if (this.newest.size > this.capacity) this.newest.delete(this.newest.keys().next().value!);
  }
}
