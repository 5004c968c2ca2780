/**
 * A Redis connection for the dead letters (src/infra/deadLetters.ts): the
 * same Redis as the actor state store and the outbox journal.
 *
 * Unlike the journal's client it fails a command at once while disconnected
 * (no offline queue): a dead letter that cannot be recorded is answered
 * RETRY and stays in its -dlq topic, and a scrape of the depth must not hang
 * on a Redis that is down.
 */
import { createClient } from "redis";
import type { Logger } from "./logger.js";

/** The one call the stores use: raw commands and scripts, no typed command map to keep in step. */
export interface RedisCommands {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface RedisConnection extends RedisCommands {
  /** Resolves once connected (or rejects if the first attempt fails and `waitFirst` was asked for). */
  ready: Promise<void>;
  /** PING on this held connection (the health monitor's Redis check: no connection of its own). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface RedisOptions {
  host: string;
  port: number;
  password?: string;
  tls: boolean;
  log: Pick<Logger, "warn">;
  /** A short-lived tool (the redrive) gives up when Redis is unreachable instead of reconnecting forever. */
  reconnect?: boolean;
}

export function connectRedis(opts: RedisOptions): RedisConnection {
  const client = createClient({
    socket: {
      host: opts.host,
      port: opts.port,
      connectTimeout: 2000,
      ...(opts.tls ? { tls: true as const, servername: opts.host } : {}),
      reconnectStrategy: opts.reconnect === false ? false : (retries: number) => Math.min(retries * 200, 2000),
    },
    password: opts.password,
    disableOfflineQueue: true,
  });
  client.on("error", (err: Error) => opts.log.warn({ err: err.message }, "dead letters: Redis connection error"));
  const ready = client.connect().then(() => undefined);
  // Reported through the commands that fail meanwhile; never an unhandled rejection.
  ready.catch(() => undefined);
  return {
    ready,
    sendCommand: (args) => client.sendCommand(args),
    async ping() {
      if (!client.isReady) return false;
      return String(await client.sendCommand(["PING"])) === "PONG";
    },
    async close() {
      if (!client.isReady) {
        client.destroy();
        return;
      }
      await client.quit();
    },
  };
}
