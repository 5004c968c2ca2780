/**
 * Registers actor reminders through daprd's gRPC API, because only there can
 * a reminder carry a failure policy: Dapr's default drops a trigger the app
 * cannot take within a few seconds, and daprd 1.18's HTTP API cannot set
 * another. See docs/adr/0002-reminders-over-grpc.md.
 *
 * The messages come from the .proto files that ship with @dapr/dapr (pinned
 * exactly, like the host's internals), loaded with @grpc/proto-loader; the
 * unit test test/unit/reminderScheduler.test.ts checks that they still
 * describe RegisterActorReminder with a failure policy.
 *
 * One thing differs from HTTP registration: gRPC takes `data` as bytes and
 * daprd stores them JSON-encoded, i.e. as a base64 string, which is what the
 * reminder's callback then receives. reminderData() reads both forms.
 */
import path from "node:path";
import { createRequire } from "node:module";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { currentTraceHeaders, inSpan, SpanKind } from "../telemetry/tracing.js";
import { SidecarError } from "./sidecar.js";

export interface ReminderSchedulerOptions {
  host: string;
  grpcPort: number;
  apiToken: string;
  /** A trigger the app did not take is tried again this often... */
  retryIntervalMs: number;
  /** ...for this long in all, then dropped. */
  retryForMs: number;
}

export interface ReminderRegistration {
  /** Go duration ("5s") or RFC 3339 instant (a past one fires at once). */
  dueTime: string;
  period?: string;
  data?: unknown;
}

type Callback = (err: grpc.ServiceError | null) => void;
interface DaprGrpcClient extends grpc.Client {
  RegisterActorReminder(request: object, metadata: grpc.Metadata, options: grpc.CallOptions, callback: Callback): void;
}

/** Where @dapr/dapr keeps its .proto files (dapr/proto/... and google/protobuf/...). */
export function daprProtoRoot(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("@dapr/dapr/package.json")), "proto");
}

export function loadDaprService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync("dapr/proto/runtime/v1/dapr.proto", {
    includeDirs: [daprProtoRoot()],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
  });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as { dapr: { proto: { runtime: { v1: { Dapr: grpc.ServiceClientConstructor } } } } };
  return pkg.dapr.proto.runtime.v1.Dapr;
}

/** The failure policy every one-shot reminder gets: constant retries for `retryForMs`. */
export function failurePolicy(retryIntervalMs: number, retryForMs: number): object {
  const seconds = Math.floor(retryIntervalMs / 1000);
  const nanos = (retryIntervalMs % 1000) * 1_000_000;
  return { constant: { interval: { seconds, nanos }, max_retries: Math.max(1, Math.ceil(retryForMs / retryIntervalMs)) } };
}

/** A reminder's `data` as registered: the object itself (HTTP), or its JSON as base64 (gRPC). */
export function reminderData(data: unknown): unknown {
  if (typeof data !== "string") return data;
  try {
    return JSON.parse(Buffer.from(data, "base64").toString("utf8"));
  } catch {
    return data;
  }
}

/**
 * A gRPC failure as the HTTP status daprd's HTTP API would have answered, so
 * both transports fail with one SidecarError; null, like an HTTP call that got
 * no answer, when daprd was not reached or did not answer in time.
 */
export function httpStatusOf(code: grpc.status): number | null {
  switch (code) {
    case grpc.status.UNAVAILABLE:
    case grpc.status.DEADLINE_EXCEEDED:
    case grpc.status.CANCELLED:
      return null;
    case grpc.status.INVALID_ARGUMENT:
    case grpc.status.FAILED_PRECONDITION:
    case grpc.status.OUT_OF_RANGE:
      return 400;
    case grpc.status.UNAUTHENTICATED:
      return 401;
    case grpc.status.PERMISSION_DENIED:
      return 403;
    case grpc.status.NOT_FOUND:
      return 404;
    case grpc.status.ALREADY_EXISTS:
    case grpc.status.ABORTED:
      return 409;
    case grpc.status.RESOURCE_EXHAUSTED:
      return 429;
    case grpc.status.UNIMPLEMENTED:
      return 501;
    default:
      return 500;
  }
}

export class ReminderScheduler {
  private readonly client: DaprGrpcClient;
  private readonly policy: object;

  constructor(private readonly options: ReminderSchedulerOptions) {
    const Dapr = loadDaprService();
    this.client = new Dapr(`${options.host}:${options.grpcPort}`, grpc.credentials.createInsecure()) as unknown as DaprGrpcClient;
    this.policy = failurePolicy(options.retryIntervalMs, options.retryForMs);
  }

  /** In a CLIENT span like the sidecar's HTTP calls, whose traceparent daprd continues. */
  register(actorType: string, actorId: string, name: string, reminder: ReminderRegistration, timeoutMs = 10_000): Promise<void> {
    return inSpan(`register reminder ${actorType}`, { kind: SpanKind.CLIENT, attributes: { "rpc.system": "grpc", "rpc.method": "RegisterActorReminder" } }, () =>
      this.send(actorType, actorId, name, reminder, timeoutMs),
    );
  }

  private send(actorType: string, actorId: string, name: string, reminder: ReminderRegistration, timeoutMs: number): Promise<void> {
    const metadata = new grpc.Metadata();
    metadata.set("dapr-api-token", this.options.apiToken);
    for (const [key, value] of Object.entries(currentTraceHeaders())) if (typeof value === "string") metadata.set(key, value);
    const request = {
      actor_type: actorType,
      actor_id: actorId,
      name,
      due_time: reminder.dueTime,
      ...(reminder.period ? { period: reminder.period } : {}),
      ...(reminder.data === undefined ? {} : { data: Buffer.from(JSON.stringify(reminder.data)) }),
      failure_policy: this.policy,
    };
    return new Promise((resolve, reject) => {
      this.client.RegisterActorReminder(request, metadata, { deadline: Date.now() + timeoutMs }, (err) => {
        if (err) reject(new SidecarError(`daprd RegisterActorReminder ${actorType}/${name} failed: ${err.message}`, httpStatusOf(err.code), err.details ?? ""));
        else resolve();
      });
    });
  }

  close(): void {
    this.client.close();
  }
}
