/**
 * The soak's mix of calls (pure). Per create: 0.4 updates, 0.2 completes,
 * 0.3 task-list reads and 0.1 tag reads, so the open loop runs at twice the
 * create rate; every tenth create carries a reminder due 60-120 s later, so
 * reminders keep falling due through the run. The users take turns.
 */
export type OpKind = "create" | "update" | "complete" | "list" | "tags";
export const OP_KINDS: readonly OpKind[] = ["create", "update", "complete", "list", "tags"];

// Interleaved so no stretch of the run is all writes or all reads.
const CYCLE: readonly OpKind[] = [
  "create", "update", "create", "list", "create", "complete", "create", "update", "create", "tags",
  "create", "list", "create", "update", "create", "complete", "create", "update", "create", "list",
];
const CREATES_PER_CYCLE = CYCLE.filter((k) => k === "create").length;

/** Calls per second of the open loop for `createRate` creates per second. */
export const callRate = (createRate: number): number => (createRate * CYCLE.length) / CREATES_PER_CYCLE;

export const opAt = (i: number): OpKind => CYCLE[i % CYCLE.length]!;

/** The user of call i: consecutive calls go to different users, and each cycle shifts by one, so every user gets every kind. */
export const userOf = (i: number, users: number): number => (i + Math.floor(i / CYCLE.length)) % users;

/** Tags from a small set, so `/tags` has a few per user to count. */
export const tagOf = (i: number): string => `soak-${i % 12}`;

const MIN_LEAD_MS = 60_000;
const LEAD_SPREAD_S = 61;

/**
 * Lead of the reminder carried by call i, in ms, or null when it carries
 * none: the first create of each cycle (one create in ten), spread over 60-120 s, and
 * only when it falls due at least `marginMs` before the load ends (so every
 * reminder is due while the stack is still under load).
 */
export function reminderLeadMs(i: number, elapsedMs: number, runMs: number, marginMs = 10_000): number | null {
  if (i % CYCLE.length !== 0) return null;
  const lead = MIN_LEAD_MS + ((i * 7919) % LEAD_SPREAD_S) * 1000;
  return elapsedMs + lead <= runMs - marginMs ? lead : null;
}

export interface PooledTask {
  user: number;
  id: string;
}

/**
 * Recently created tasks (without reminders) per user that updates and
 * completes pick from; bounded, oldest dropped first. A task handed out for
 * completion leaves the pool, so it is never completed twice.
 */
export class TaskPool {
  private readonly byUser = new Map<number, string[]>();
  constructor(private readonly perUser = 50) {}

  add(t: PooledTask): void {
    const ids = this.byUser.get(t.user) ?? [];
    ids.push(t.id);
    if (ids.length > this.perUser) ids.shift();
    this.byUser.set(t.user, ids);
  }

  /** A task of `user` to update (it stays in the pool), or null when the user has none yet. */
  forUpdate(user: number, i: number): string | null {
    const ids = this.byUser.get(user);
    return ids && ids.length > 0 ? ids[i % ids.length]! : null;
  }

  /** The user's oldest pooled task, taken out of the pool, or null. */
  forComplete(user: number): string | null {
    return this.byUser.get(user)?.shift() ?? null;
  }
}
