/**
 * The outbox journal: which tasks may have committed work that is not yet
 * published. An actor marks its task here (durably: the Redis of the actor
 * state store, which runs with appendfsync always) before it commits a
 * change, and clears the mark once its outbox is worked off. A process that
 * dies between the commit and the publish leaves the mark behind; the sweeper
 * finds marks older than any command could take and asks those actors to
 * finish. On the happy path this costs one Redis write per change and one
 * batched removal, instead of arming and disarming a scheduler reminder
 * (docs/adr/0001-outbox-journal.md).
 *
 * Each mark carries a token (its score); a clear removes the mark only if the
 * token is unchanged, so a late clear of an earlier change never removes the
 * mark of a later one.
 */
import { createClient } from "redis";
import type { Logger } from "./logger.js";

export const JOURNAL_KEY = "tickler:outbox-journal";

/** Token = milliseconds × 1000 + a counter: unique per process and ordered in time, exact as a double. */
const TOKEN_SCALE = 1000;

// Removes each (member, token) pair whose score still equals the token.
const CLEAR_IF_UNCHANGED = `
local n = 0
for i = 1, #ARGV, 2 do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) == tonumber(ARGV[i + 1]) then n = n + redis.call('ZREM', KEYS[1], ARGV[i]) end
end
return n`;

export interface OutboxJournal {
  /** Before a commit: this task may hold unpublished work from now on. Answers the mark's token. */
  mark(taskId: string): Promise<number>;
  /** The work marked with `token` is done (batched, not awaited: a lost clear only costs a sweep). */
  clear(taskId: string, token: number): void;
  /** The task's mark (a loaded outbox may still hold unpublished work), or null. */
  marked(taskId: string): Promise<number | null>;
  /** Tasks marked more than `ageMs` ago, oldest first. */
  stale(ageMs: number, limit: number): Promise<string[]>;
  close(): Promise<void>;
}

export interface RedisJournalOptions {
  host: string;
  port: number;
  password?: string;
  tls: boolean;
  log: Logger;
}

/** Connects in the background; commands wait for the connection. */
export function redisOutboxJournal(opts: RedisJournalOptions): OutboxJournal {
  const client = createClient({
    socket: {
      host: opts.host,
      port: opts.port,
      ...(opts.tls ? { tls: true as const, servername: opts.host } : {}),
      reconnectStrategy: (retries: number) => Math.min(retries * 200, 2000),
    },
    password: opts.password,
    // Commands wait while disconnected rather than fail at once; the actor call's own timeout bounds them.
    disableOfflineQueue: false,
  });
  client.on("error", (err: Error) => opts.log.warn({ err: err.message }, "outbox journal: Redis connection error"));
  const connected = client.connect().then(
    () => undefined,
    (err: unknown) => opts.log.error({ err: (err as Error).message }, "outbox journal: cannot connect to Redis"),
  );
  const send = async (args: string[]) => {
    await connected;
    return client.sendCommand(args);
  };
  let counter = 0;
  let pending: string[] = [];
  let flushing: Promise<void> | null = null;

  const flush = async () => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await send(["EVAL", CLEAR_IF_UNCHANGED, "1", JOURNAL_KEY, ...batch]);
      } catch (err) {
        opts.log.warn({ err: (err as Error).message, marks: batch.length / 2 }, "outbox journal: clearing marks failed; the sweeper will find them");
      }
    }
    flushing = null;
  };

  return {
    async mark(taskId) {
      const token = Date.now() * TOKEN_SCALE + (counter++ % TOKEN_SCALE);
      await send(["ZADD", JOURNAL_KEY, String(token), taskId]);
      return token;
    },
    clear(taskId, token) {
      pending.push(taskId, String(token));
      flushing ??= Promise.resolve().then(flush);
    },
    async marked(taskId) {
      const score = await send(["ZSCORE", JOURNAL_KEY, taskId]);
      return score === null || score === undefined ? null : Number(score);
    },
    async stale(ageMs, limit) {
      const before = (Date.now() - ageMs) * TOKEN_SCALE;
      const ids = (await send(["ZRANGEBYSCORE", JOURNAL_KEY, "-inf", String(before), "LIMIT", "0", String(limit)])) as unknown;
      return Array.isArray(ids) ? ids.map(String) : [];
    },
    async close() {
      // Never connected (Redis unreachable): stop reconnecting rather than wait.
      if (!client.isReady) {
        client.destroy();
        return;
      }
      await flushing;
      await client.quit();
    },
  };
}
