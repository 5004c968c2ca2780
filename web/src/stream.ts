/**
 * The live stream (GET /api/v1/stream, Server-Sent Events) read with fetch,
 * because EventSource cannot send the Authorization header. After a drop it
 * reconnects with `Last-Event-ID`; the server replays what was missed or
 * answers `resync` when it no longer can, and then the app reloads.
 */
import { bearer } from "./api";

export interface StreamHandlers {
  onEvent(type: string, data: unknown, id: string): void;
  onResync(): void;
  onState(connected: boolean): void;
}

export function openStream(handlers: StreamHandlers): () => void {
  const abort = new AbortController();
  let lastId = "";
  const seen = new Set<string>();

  const dispatch = (block: string) => {
    let id = "";
    let type = "message";
    const data: string[] = [];
    for (const raw of block.split("\n")) {
      const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "id") id = value;
      else if (field === "event") type = value;
      else if (field === "data") data.push(value);
    }
    if (data.length === 0) return;
    if (type === "resync") return handlers.onResync();
    if (id) {
      lastId = id;
      // At-least-once delivery: the same event may arrive twice.
      if (seen.has(id)) return;
      seen.add(id);
      if (seen.size > 2000) seen.delete(seen.values().next().value as string);
    }
    handlers.onEvent(type, JSON.parse(data.join("\n")), id);
  };

  const connectOnce = async () => {
    const res = await fetch("/api/v1/stream", {
      headers: { authorization: await bearer(), accept: "text/event-stream", ...(lastId ? { "last-event-id": lastId } : {}) },
      signal: abort.signal,
      cache: "no-store",
    });
    if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
    handlers.onState(true);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const match = /\r?\n\r?\n/.exec(buffer.slice(end))!;
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + match[0].length);
      }
    }
  };

  void (async () => {
    let delay = 500;
    while (!abort.signal.aborted) {
      const started = Date.now();
      try {
        await connectOnce();
      } catch {
        /* reconnect below */
      }
      handlers.onState(false);
      if (abort.signal.aborted) return;
      if (Date.now() - started > 30_000) delay = 500;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  })();
  return () => abort.abort();
}
