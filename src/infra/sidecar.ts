/**
 * The few daprd HTTP APIs we call, over fetch. We use this rather than the
 * SDK's clients where the SDK falls short: it cannot publish a CloudEvent we
 * built ourselves with a partition key and a timeout, its reminder API cannot
 * express every duration, and its errors lose the status code.
 */
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
  private readonly base: string;

  constructor(private readonly options: SidecarOptions) {
    this.base = `http://${options.host}:${options.httpPort}`;
  }

  async invokeActor<T>(actorType: string, actorId: string, method: string, args: unknown[]): Promise<T> {
    const path = `/v1.0/actors/${enc(actorType)}/${enc(actorId)}/method/${enc(method)}`;
    const body = await this.request("POST", path, JSON.stringify(args), "application/json");
    return (body === "" ? null : JSON.parse(body)) as T;
  }

  /**
   * Publish a CloudEvent we built. daprd keeps our envelope (id, type, ...)
   * because of the content type, and uses `partitionKey` as the Kafka key so
   * that events of one task stay in order on one partition.
   */
  async publish(pubsub: string, topic: string, event: object, partitionKey: string, timeoutMs?: number): Promise<void> {
    const path = `/v1.0/publish/${enc(pubsub)}/${enc(topic)}?metadata.partitionKey=${enc(partitionKey)}`;
    await this.request("POST", path, JSON.stringify(event), "application/cloudevents+json", timeoutMs);
  }

  /** Service invocation: call a route of another Dapr app (its sidecar adds that app's token). */
  async invokeApp<T>(appId: string, method: string, path: string, body?: unknown): Promise<T | null> {
    const text = await this.request(
      method,
      `/v1.0/invoke/${enc(appId)}/method/${path.replace(/^\//, "")}`,
      body === undefined ? undefined : JSON.stringify(body),
      body === undefined ? undefined : "application/json",
    );
    return text === "" ? null : (JSON.parse(text) as T);
  }

  async registerReminder(actorType: string, actorId: string, name: string, spec: ReminderSpec): Promise<void> {
    const path = `/v1.0/actors/${enc(actorType)}/${enc(actorId)}/reminders/${enc(name)}`;
    await this.request("POST", path, JSON.stringify(spec), "application/json");
  }

  async unregisterReminder(actorType: string, actorId: string, name: string): Promise<void> {
    const path = `/v1.0/actors/${enc(actorType)}/${enc(actorId)}/reminders/${enc(name)}`;
    await this.request("DELETE", path);
  }

  async healthy(): Promise<boolean> {
    try {
      await this.request("GET", "/v1.0/healthz", undefined, undefined, 2000);
      return true;
    } catch {
      return false;
    }
  }

  private async request(
    method: string,
    path: string,
    body?: string,
    contentType?: string,
    timeoutMs = this.options.timeoutMs ?? 10_000,
  ): Promise<string> {
    const headers: Record<string, string> = { "dapr-api-token": this.options.apiToken };
    if (contentType) headers["content-type"] = contentType;
    let res: Response;
    try {
      res = await fetch(this.base + path, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new SidecarError(`daprd ${method} ${path.split("?")[0]} failed: ${(err as Error).message}`, null, "");
    }
    const text = await res.text();
    if (!res.ok) {
      throw new SidecarError(`daprd ${method} ${path.split("?")[0]} answered ${res.status}: ${text.slice(0, 500)}`, res.status, text);
    }
    return text;
  }
}

const enc = encodeURIComponent;
