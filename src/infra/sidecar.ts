/**
 * The few daprd HTTP APIs we call. We use this rather than the SDK's clients
 * where the SDK falls short: it cannot publish a CloudEvent we built
 * ourselves with a partition key and a timeout, its reminder API cannot
 * express every duration, and its errors lose the status code.
 *
 * Calls go through an undici connection pool rather than global fetch: a
 * create makes several daprd calls, and fetch's WHATWG layer (a web stream
 * per body, an AbortSignal per timeout, Request/Response objects) costs CPU
 * on each that a pool request on the same keep-alive connections does not.
 * See docs/adr/0008-sidecar-http-client.md.
 */
import { Pool } from "undici";
import { currentTraceHeaders, inSpan, SpanKind } from "../telemetry/tracing.js";

const ACTOR_CALL_TIMEOUT_MS = 25_000;

export class SidecarError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly body: string,
  ) {
    super(message);
    this.name = "SidecarError";
  }
}

export interface SidecarOptions {
  host: string;
  httpPort: number;
  apiToken: string;
  timeoutMs?: number;
}

export interface ReminderSpec {
  /** Go duration ("5s") or RFC 3339 instant for the first firing. */
  dueTime: string;
  /** Go duration or ISO 8601 without days/months ("PT24H"); omit for one-shot. */
  period?: string;
  data?: unknown;
}

export class Sidecar {
  private readonly pool: Pool;

  constructor(private readonly options: SidecarOptions) {
    // Connections to one daprd, kept alive, and no cap on how many: an actor
    // call to daprd waits for this same process's actor turn, whose own calls
    // (state, publish, reminders) go through this pool. With a cap, enough
    // outer calls in flight hold every connection while the turns they wait
    // on queue for one: a deadlock broken only by the timeout.
    this.pool = new Pool(`http://${options.host}:${options.httpPort}`, { keepAliveTimeout: 30_000 });
  }

  /** Closes the pool's connections (shutdown). */
  async close(): Promise<void> {
    await this.pool.close();
  }

  async invokeActor<T>(actorType: string, actorId: string, method: string, args: unknown[], timeoutMs = ACTOR_CALL_TIMEOUT_MS): Promise<T> {
    const path = `/v1.0/actors/${enc(actorType)}/${enc(actorId)}/method/${enc(method)}`;
    // daprd has no timeout on actor calls (components/resiliency.yaml: one
    // cuts off committed answers in flight), so the app bounds its own wait.
    const body = await this.request("POST", path, JSON.stringify(args), "application/json", timeoutMs, `invoke ${actorType}.${method}`);
    return (body === "" ? null : JSON.parse(body)) as T;
  }

  /**
   * Publish a CloudEvent we built. daprd keeps our envelope (id, type, ...)
   * because of the content type, and uses `partitionKey` as the Kafka key so
   * that events of one task stay in order on one partition.
   */
  async publish(pubsub: string, topic: string, event: object, partitionKey: string, timeoutMs?: number): Promise<void> {
    const path = `/v1.0/publish/${enc(pubsub)}/${enc(topic)}?metadata.partitionKey=${enc(partitionKey)}`;
    await this.request("POST", path, JSON.stringify(event), "application/cloudevents+json", timeoutMs, `send ${topic}`);
  }

  /**
   * Several CloudEvents we built, to one topic in one call (daprd's bulk
   * publish), all with the same Kafka key so they keep their order. Throws
   * if any entry failed: the caller keeps them all and publishes again later
   * (consumers deduplicate).
   */
  async publishBulk(pubsub: string, topic: string, events: { id: string }[], partitionKey: string, timeoutMs?: number): Promise<void> {
    const path = `/v1.0-alpha1/publish/bulk/${enc(pubsub)}/${enc(topic)}?metadata.partitionKey=${enc(partitionKey)}`;
    const entries = events.map((event) => ({ entryId: event.id, event, contentType: "application/cloudevents+json" }));
    const text = await this.request("POST", path, JSON.stringify(entries), "application/json", timeoutMs, `send ${topic} (${events.length})`);
    const failed = text === "" ? [] : ((JSON.parse(text) as { failedEntries?: unknown[] }).failedEntries ?? []);
    if (failed.length > 0) throw new SidecarError(`daprd bulk publish to ${topic}: ${failed.length} of ${events.length} failed`, 500, text);
  }

  /** One key of an actor's state (the actor must be active in this app); undefined if unset. */
  async getActorState<T>(actorType: string, actorId: string, key: string): Promise<T | undefined> {
    const path = `/v1.0/actors/${enc(actorType)}/${enc(actorId)}/state/${enc(key)}`;
    const text = await this.request("GET", path, undefined, undefined, undefined, `get state ${actorType}`);
    return text === "" ? undefined : (JSON.parse(text) as T);
  }

  /** Upserts and deletes of an actor's state keys, in one transaction. */
  async actorStateTransaction(actorType: string, actorId: string, upsert: Record<string, unknown>, remove: string[] = []): Promise<void> {
    const path = `/v1.0/actors/${enc(actorType)}/${enc(actorId)}/state`;
    const ops = [
      ...Object.entries(upsert).map(([key, value]) => ({ operation: "upsert", request: { key, value } })),
      ...remove.map((key) => ({ operation: "delete", request: { key } })),
    ];
    await this.request("POST", path, JSON.stringify(ops), "application/json", undefined, `save state ${actorType}`);
  }

  /** Service invocation: call a route of another Dapr app (its sidecar adds that app's token). */
  async invokeApp<T>(appId: string, method: string, path: string, body?: unknown): Promise<T | null> {
    const text = await this.request(
      method,
      `/v1.0/invoke/${enc(appId)}/method/${path.replace(/^\//, "")}`,
      body === undefined ? undefined : JSON.stringify(body),
      body === undefined ? undefined : "application/json",
      undefined,
      `invoke ${appId} ${method}`,
    );
    return text === "" ? null : (JSON.parse(text) as T);
  }

  async registerReminder(actorType: string, actorId: string, name: string, spec: ReminderSpec): Promise<void> {
    const path = `/v1.0/actors/${enc(actorType)}/${enc(actorId)}/reminders/${enc(name)}`;
    await this.request("POST", path, JSON.stringify(spec), "application/json", undefined, `register reminder ${actorType}`);
  }

  async unregisterReminder(actorType: string, actorId: string, name: string): Promise<void> {
    const path = `/v1.0/actors/${enc(actorType)}/${enc(actorId)}/reminders/${enc(name)}`;
    await this.request("DELETE", path, undefined, undefined, undefined, `unregister reminder ${actorType}`);
  }

  /** Whether the scheduler holds this actor reminder (daprd answers 404 when it does not). */
  async reminderExists(actorType: string, actorId: string, name: string): Promise<boolean> {
    const path = `/v1.0/actors/${enc(actorType)}/${enc(actorId)}/reminders/${enc(name)}`;
    try {
      await this.request("GET", path, undefined, undefined, undefined, `get reminder ${actorType}`);
      return true;
    } catch (err) {
      if (err instanceof SidecarError && err.status === 404) return false;
      throw err;
    }
  }

  async healthy(): Promise<boolean> {
    try {
      await this.request("GET", "/v1.0/healthz", undefined, undefined, 2000, null);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Whether daprd has stopped: its HTTP port refuses or drops the connection.
   * An answer, or none in time (a busy node), is not stopped (ADR 0024).
   */
  async stopped(): Promise<boolean> {
    try {
      const res = await this.pool.request({ method: "GET", path: "/v1.0/healthz", headers: { "dapr-api-token": this.options.apiToken }, headersTimeout: 2000, bodyTimeout: 2000 });
      await res.body.dump();
      return false;
    } catch (err) {
      return PORT_CLOSED.has((err as { code?: string }).code ?? "");
    }
  }

  /**
   * One daprd call in a CLIENT span named `spanName` (null: untraced, for
   * health probes); the span's traceparent goes along so that daprd and the
   * app it calls continue this trace.
   */
  private async request(
    method: string,
    path: string,
    body?: string,
    contentType?: string,
    timeoutMs = this.options.timeoutMs ?? 10_000,
    spanName: string | null = `daprd ${method}`,
  ): Promise<string> {
    if (spanName === null) return this.send(method, path, body, contentType, timeoutMs);
    return inSpan(spanName, { kind: SpanKind.CLIENT, attributes: { "http.request.method": method, "url.path": path.split("?")[0] } }, () =>
      this.send(method, path, body, contentType, timeoutMs),
    );
  }

  private async send(method: string, path: string, body: string | undefined, contentType: string | undefined, timeoutMs: number): Promise<string> {
    const headers: Record<string, string> = { "dapr-api-token": this.options.apiToken, ...currentTraceHeaders() };
    if (contentType) headers["content-type"] = contentType;
    let status: number;
    let text: string;
    try {
      // daprd's answers are small and come in one piece once it has its
      // headers ready, so the wait for the headers is the call's deadline (no
      // per-call AbortSignal timer); the body timeout only bounds a stall after.
      const res = await this.pool.request({ method: method as "GET", path, headers, body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      throw new SidecarError(`daprd ${method} ${path.split("?")[0]} failed: ${(err as Error).message}`, null, "");
    }
    if (status < 200 || status > 299) {
      throw new SidecarError(`daprd ${method} ${path.split("?")[0]} answered ${status}: ${text.slice(0, 500)}`, status, text);
    }
    return text;
  }
}

const enc = encodeURIComponent;

/** Connection errors that mean nothing listens on daprd's port any more. */
const PORT_CLOSED = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);
