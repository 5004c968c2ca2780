/**
 * A live-stream (SSE) client for the tests, as a real one behaves: it keeps
 * every frame, and when its connection drops it reconnects, after its retry
 * delay, to the next address it is given (a load balancer sending it to a
 * surviving replica) with `Last-Event-ID` set to the last frame it got.
 */
import { setTimeout as sleep } from "node:timers/promises";

export interface Frame {
  event: string;
  id: string;
  data: string;
  /** Which connection (0 = the first) brought it. */
  connection: number;
}

/** One SSE frame as written: its event, id and data lines (absent when not sent). */
export interface SseBlock {
  event?: string;
  id?: string;
  data?: string;
}

/** The complete frames at the front of `buffer`, and what is left of it (a frame still arriving). */
export function takeFrames(buffer: string): { blocks: SseBlock[]; rest: string } {
  const blocks: SseBlock[] = [];
  let rest = buffer;
  let end: number;
  while ((end = rest.indexOf("\n\n")) >= 0) {
    const text = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const block: SseBlock = {};
    for (const line of text.split("\n")) {
      if (line.startsWith("event: ")) block.event = line.slice(7);
      else if (line.startsWith("id: ")) block.id = line.slice(4);
      else if (line.startsWith("data: ")) block.data = line.slice(6);
    }
    blocks.push(block);
  }
  return { blocks, rest };
}

export interface Reconnect {
  droppedAt: number;
  connectedAt: number;
  url: string;
  lastEventId: string | null;
}

export interface StreamClient {
  frames: Frame[];
  /** Each drop and the reconnection that followed it. */
  reconnects: Reconnect[];
  /** The id of the newest frame with an id. */
  lastEventId(): string | null;
  close(): Promise<void>;
}

/**
 * Opens `${urls[0]}/api/v1/stream`. After a drop it reconnects to the next
 * url (the last one stays), waiting `retryMs` first and then for that replica
 * to answer /readyz, as a load balancer would before sending it traffic.
 */
export async function openStream(urls: string[], token: string, retryMs = 1000): Promise<StreamClient> {
  const frames: Frame[] = [];
  const reconnects: Reconnect[] = [];
  const controller = new AbortController();
  let closed = false;
  const lastEventId = () => [...frames].reverse().find((f) => f.id !== "")?.id ?? null;

  const connect = async (url: string, last: string | null) => {
    const res = await fetch(`${url}/api/v1/stream`, {
      headers: { authorization: `Bearer ${token}`, ...(last ? { "last-event-id": last } : {}) },
      signal: controller.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`stream at ${url} answered ${res.status}`);
    return res.body.pipeThrough(new TextDecoderStream()).getReader();
  };

  const read = async (reader: ReadableStreamDefaultReader<string>, connection: number) => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const taken = takeFrames(buffer + value);
        buffer = taken.rest;
        for (const b of taken.blocks) if (b.event) frames.push({ event: b.event, id: b.id ?? "", data: b.data ?? "", connection });
      }
    } catch {
      /* the connection dropped (or we closed it) */
    }
  };

  let reader = await connect(urls[0]!, null);
  const run = (async () => {
    for (let connection = 0; ; connection++) {
      await read(reader, connection);
      if (closed) return;
      const droppedAt = Date.now();
      const url = urls[Math.min(connection + 1, urls.length - 1)]!;
      for (;;) {
        await sleep(retryMs);
        if (closed) return;
        try {
          if (!(await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) })).ok) continue;
          const last = lastEventId();
          reader = await connect(url, last);
          reconnects.push({ droppedAt, connectedAt: Date.now(), url, lastEventId: last });
          break;
        } catch {
          /* not there yet: retry, as EventSource does */
        }
      }
    }
  })();

  return {
    frames,
    reconnects,
    lastEventId,
    close: async () => {
      closed = true;
      controller.abort();
      await run;
    },
  };
}
