/**
 * The api app's TaskActor host: the actor type and what it runs on (daprd,
 * the outbox journal and its sweeper, the reminder scheduler, the dead
 * letters in the same Redis), as workers that src/app.ts starts and stops.
 */
import { CommunicationProtocolEnum, DaprClient, LogLevel } from "@dapr/dapr";
import { daprGateway } from "../actors/daprGateway.js";
import { createActorHost, type HostedActorClass } from "../actors/host.js";
import { OutboxDepth } from "../actors/outboxDepth.js";
import { OutboxSweeper } from "../actors/outboxSweeper.js";
import { defineListActor, LIST_ACTOR_TYPE } from "../actors/listActor.js";
import { OutboxRetrier } from "../actors/outboxRetrier.js";
import { defineTaskActor, OUTBOX_REMINDER, TASK_ACTOR_TYPE, type ActorReply, type TaskView } from "../actors/taskActor.js";
import { checkPublishable } from "../events/envelope.js";
import { deadLetterTopic, TOPICS } from "../events/topics.js";
import type { AppContext } from "../http/appParts.js";
import { redisDeadLetters } from "../infra/deadLetters.js";
import { inboxIdOf, occurrenceId } from "../infra/ids.js";
import { redisOutboxJournal } from "../infra/outboxJournal.js";
import { splitHostPort } from "../infra/probes.js";
import { connectRedis } from "../infra/redis.js";

/** What only the test stack adds (test/support/testMain.ts): never set by src/main.ts. */
export interface ApiHooks {
  /** More actor types for the api app to host (the integration tests' probe actor). */
  actors?: HostedActorClass[];
  /** Fault points of the crash tests. */
  faultPoint?(name: "after-commit"): void;
}

/** How often a pending outbox is retried while the broker is unavailable. */
const OUTBOX_RETRY = "10s";
/**
 * One reminder registration's wait: the re-plan holds the task's turn, so a
 * frozen scheduler delays the next write to that task by at most this.
 */
const REGISTER_TIMEOUT_MS = 5_000;

/** The TaskActor type and what it runs on: daprd, the outbox journal and its sweeper, the reminder scheduler, the dead letters. */
export function hostTaskActors({ config, log, sidecar, metrics }: AppContext, hooks: ApiHooks) {
  const daprClient = new DaprClient({
    daprHost: config.DAPR_HOST,
    daprPort: String(config.DAPR_HTTP_PORT),
    communicationProtocol: CommunicationProtocolEnum.HTTP,
    daprApiToken: config.DAPR_API_TOKEN,
    logger: { level: LogLevel.Warn },
    actor: {
      actorIdleTimeout: config.ACTOR_IDLE_TIMEOUT,
      // Calls in flight when actors rebalance are cancelled at once, not drained: daprd 1.18
      // holds every state save of the type while it drains, so a write's turn can never
      // finish inside the drain and only waited the whole timeout (2 s per round) before
      // being cancelled anyway. Its caller retries a replay (ADR 0016). The timeout stays
      // well under placement's 8 s round for the paths that still drain (docs/results/2026-12-05-cluster-ci.md).
      drainOngoingCallTimeout: "2s",
      drainRebalancedActors: false,
      reentrancy: { enabled: false },
    },
  });
  // Everything the actors ask of daprd goes through this one gateway (src/actors/daprGateway.ts).
  const dapr = daprGateway({
    sidecar,
    publishTo: { pubsub: config.PUBSUB_NAME, source: `tickler/${config.ROLE}`, timeoutMs: config.PUBLISH_TIMEOUT_MS, metrics },
    reminders: {
      host: config.DAPR_HOST,
      grpcPort: config.DAPR_GRPC_PORT,
      apiToken: config.DAPR_API_TOKEN,
      retryIntervalMs: config.REMINDER_RETRY_INTERVAL_MS,
      retryForMs: config.REMINDER_RETRY_FOR_MS,
    },
  });
  const taskReminders = dapr.reminders(TASK_ACTOR_TYPE);
  const outboxes = new OutboxDepth((pending) => metrics.outboxDepth.set(pending));
  const redis = splitHostPort(config.REDIS_HOST!);
  const journal = redisOutboxJournal({ ...redis, password: config.REDIS_PASSWORD, tls: config.REDIS_TLS, log });
  // Dead letters are kept in this same Redis, not in the read store they may have failed on (src/infra/deadLetters.ts).
  const deadLetterRedis = connectRedis({ ...redis, password: config.REDIS_PASSWORD, tls: config.REDIS_TLS, log });
  const deadLetters = redisDeadLetters(deadLetterRedis);
  // Every dead-letter topic reports, 0 included, so an alert on "> 0" has a series to watch.
  metrics.watchDeadLetters(() => deadLetters.depth(Object.values(TOPICS).map(deadLetterTopic)));
  // Reminders are registered after the write's answer, and a publish that failed is retried, here (ADR 0009, ADR 0032).
  const outboxRetries = new OutboxRetrier(
    (taskId) => dapr.call<boolean>(TASK_ACTOR_TYPE, taskId, "retryOutbox", []),
    { firstDelayMs: 500, maxDelayMs: 5_000, maxPending: 10_000 },
    log,
    (outcome) => metrics.outboxRetries.inc({ outcome }),
  );
  const TaskActor = defineTaskActor({
    state: dapr.state(TASK_ACTOR_TYPE),
    journal,
    publish: (events) => dapr.publishTaskEvents(events),
    publishReminders: (due) => dapr.publishReminderDue(due),
    checkPublishable,
    reportOutbox: (taskId, pending) => outboxes.report(taskId, pending),
    // One-shot task reminders keep retrying a trigger the app cannot take (ADR 0002).
    registerReminder: (taskId, name, remindAt) => taskReminders.at(taskId, name, remindAt, { remindAt }, REGISTER_TIMEOUT_MS),
    retryLater: (taskId) => outboxRetries.schedule(taskId),
    unregisterReminder: (taskId, name) => taskReminders.cancel(taskId, name),
    reminderExists: (taskId, name) => taskReminders.exists(taskId, name),
    occurrenceId,
    observeLateness: (ms) => metrics.reminderLateness.observe(ms / 1000),
    faultPoint: hooks.faultPoint,
    createOccurrence: async (taskId, command) => {
      const reply = await dapr.call<ActorReply<TaskView>>(TASK_ACTOR_TYPE, taskId, "handle", [command]);
      // Created now, or by an earlier attempt of this same spawn: both are done.
      if (!reply.ok && reply.error.code !== "idempotency_conflict") throw new Error(`creating occurrence ${taskId}: ${reply.error.message}`);
    },
    armOutboxReminder: (taskId) => taskReminders.every(taskId, OUTBOX_REMINDER, OUTBOX_RETRY),
    disarmOutboxReminder: (taskId) => taskReminders.cancel(taskId, OUTBOX_REMINDER),
    now: () => new Date(),
    log,
  });
  // Lists keep their own actors beside the tasks' (src/actors/listActor.ts), in the same state store.
  const ListActor = defineListActor({
    state: dapr.state(LIST_ACTOR_TYPE),
    inboxIdOf,
    now: () => new Date(),
    log,
    publish: (events) => dapr.publishListEvents(events),
  });
  const sweeper = new OutboxSweeper(
    journal,
    (taskId) => dapr.call<void>(TASK_ACTOR_TYPE, taskId, "flush", []),
    { afterMs: config.OUTBOX_SWEEP_AFTER_MS, intervalMs: config.OUTBOX_SWEEP_INTERVAL_MS, batch: 100 },
    log,
  );
  return {
    router: createActorHost(daprClient, [TaskActor, ListActor, ...(hooks.actors ?? [])], log, metrics),
    deadLetters,
    redis,
    /** PING on the dead letters' held connection (the same Redis): the health monitor's check opens nothing new. */
    pingRedis: () => deadLetterRedis.ping(),
    // Stopped in reverse: the sweeper before the journal it reads; the connections last.
    workers: [
      { name: "daprd gateway (gRPC)", stop: () => dapr.close() },
      { name: "outbox retries", stop: () => outboxRetries.stop() },
      { name: "dead-letter redis", stop: () => deadLetterRedis.close() },
      { name: "outbox journal", stop: () => journal.close() },
      { name: "outbox sweeper", start: () => sweeper.start(), stop: () => sweeper.stop() },
    ],
  };
}
