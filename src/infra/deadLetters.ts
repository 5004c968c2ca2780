/**
 * Events a consumer gave up on: the dead-letter topics' messages, kept once
 * per topic and event id until they are redriven. They live in Redis (the
 * actor state store's, which runs with appendfsync always), NOT in the read
 * store: a consumer whose store is down must still have somewhere to put
 * what it gives up on, and the depth an alert watches must still be
 * readable while that store is down (docs/adr/0007-subscribers-decide-dead-letters.md).
 *
 * Redrive publishes each one again to its own topic with its own event id,
 * so consumers that already have it drop it and the others apply it; a
 * redrive that stops halfway (or runs twice) only republishes what is not
 * yet marked, and a republished event that is republished again is still
 * applied once.
 *
 * Per dead-letter topic (the braces are a Redis Cluster hash tag, so one
 * topic's keys share a slot and its scripts stay atomic):
 *   tickler:dead-letters:{<topic>}:pending   sorted set, event id → received at (ms)
 *   tickler:dead-letters:{<topic>}:letters   hash, event id → the letter as JSON
 *   tickler:dead-letters:{<topic>}:redriven  sorted set, event id → redriven at (ms), kept a week
 */
import type { RedisCommands } from "./redis.js";

export interface DeadLetter {
  /** The dead-letter topic it arrived on (`<topic>-dlq`). */
  topic: string;
  eventId: string;
  type: string;
  source?: string;
  data: unknown;
  /** ISO 8601. */
  receivedAt: string;
}

export interface DeadLetterStore {
  /**
   * False if this event is already recorded and still pending (its receipt
   * time moves on, see markRedriven). One that was redriven and
   * dead-lettered again is pending again.
   */
  record(letter: DeadLetter): Promise<boolean>;
  /** Pending letters of a dead-letter topic received no later than `before`, oldest first. */
  pending(topic: string, before: Date, limit: number): Promise<DeadLetter[]>;
  /**
   * The letter as it was read was republished. It stays pending if it was
   * dead-lettered again meanwhile (received later than `letter.receivedAt`):
   * a redriven event that fails again at once must not be marked away.
   */
  markRedriven(letter: DeadLetter, at: Date): Promise<void>;
  /** Pending letters per dead-letter topic (every topic asked for, 0 included). */
  depth(topics: readonly string[]): Promise<Record<string, number>>;
}

/** How long a redriven letter is kept for inspection (the -dlq topic's retention keeps the message itself longer). */
const KEEP_REDRIVEN_MS = 7 * 24 * 3600 * 1000;

export const deadLetterKeys = (topic: string) => {
  const base = `tickler:dead-letters:{${topic}}`;
  return { pending: `${base}:pending`, letters: `${base}:letters`, redriven: `${base}:redriven` };
};

// KEYS: pending, letters, redriven. ARGV: event id, received at (ms), letter JSON.
const RECORD = `
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], 'GT', ARGV[2], ARGV[1])
  return 0
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1`;

// KEYS: pending, letters, redriven. ARGV: event id, now (ms), forget letters redriven before this (ms), received at as republished (ms).
const MARK_REDRIVEN = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) <= tonumber(ARGV[4]) then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
end
local old = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[3], 'LIMIT', 0, 100)
for _, id in ipairs(old) do
  redis.call('ZREM', KEYS[3], id)
  if not redis.call('ZSCORE', KEYS[1], id) then redis.call('HDEL', KEYS[2], id) end
end
return 1`;

export function redisDeadLetters(redis: RedisCommands): DeadLetterStore {
  return {
    async record(letter) {
      const k = deadLetterKeys(letter.topic);
      const added = await redis.sendCommand(["EVAL", RECORD, "3", k.pending, k.letters, k.redriven, letter.eventId, String(Date.parse(letter.receivedAt)), JSON.stringify(letter)]);
      return Number(added) === 1;
    },
    async pending(topic, before, limit) {
      const k = deadLetterKeys(topic);
      const ids = toStrings(await redis.sendCommand(["ZRANGEBYSCORE", k.pending, "-inf", String(before.getTime()), "LIMIT", "0", String(limit)]));
      if (ids.length === 0) return [];
      const raw = await redis.sendCommand(["HMGET", k.letters, ...ids]);
      const letters: DeadLetter[] = [];
      const lost: string[] = [];
      (Array.isArray(raw) ? raw : []).forEach((json, i) => {
        if (json === null || json === undefined) lost.push(ids[i]!);
        else letters.push(JSON.parse(String(json)) as DeadLetter);
      });
      // Pending without its letter (cannot happen through the scripts): nothing to republish, and it must not block the queue.
      if (lost.length > 0) await redis.sendCommand(["ZREM", k.pending, ...lost]);
      return letters;
    },
    async markRedriven(letter, at) {
      const k = deadLetterKeys(letter.topic);
      const args = [letter.eventId, String(at.getTime()), String(at.getTime() - KEEP_REDRIVEN_MS), String(Date.parse(letter.receivedAt))];
      await redis.sendCommand(["EVAL", MARK_REDRIVEN, "3", k.pending, k.letters, k.redriven, ...args]);
    },
    async depth(topics) {
      const counts = await Promise.all(topics.map((t) => redis.sendCommand(["ZCARD", deadLetterKeys(t).pending])));
      return Object.fromEntries(topics.map((t, i) => [t, Number(counts[i])]));
    },
  };
}

function toStrings(reply: unknown): string[] {
  return Array.isArray(reply) ? reply.map(String) : [];
}

export interface RedriveReport {
  topic: string;
  republished: number;
}

/**
 * Publishes every pending dead letter of `topic` (the original topic, not its
 * -dlq) again, oldest first. Only letters received before it started: an event
 * that is dead-lettered again while it runs (still poison) waits for the next
 * redrive instead of going round in a loop.
 */
export async function redrive(
  letters: DeadLetterStore,
  topic: string,
  publish: (topic: string, event: Record<string, unknown>, key: string) => Promise<void>,
  now: () => Date = () => new Date(),
): Promise<RedriveReport> {
  const started = now();
  const dlq = `${topic}-dlq`;
  let republished = 0;
  for (;;) {
    const batch = await letters.pending(dlq, started, 100);
    if (batch.length === 0) return { topic, republished };
    for (const letter of batch) {
      const data = letter.data as { taskId?: unknown } | null;
      const envelope = { specversion: "1.0", id: letter.eventId, source: letter.source ?? "tickler/redrive", type: letter.type, datacontenttype: "application/json", data: letter.data };
      // The task id is the Kafka key of every task event, so a task's events stay on one partition.
      await publish(topic, envelope, typeof data?.taskId === "string" ? data.taskId : letter.eventId);
      await letters.markRedriven(letter, now());
      republished++;
    }
  }
}
