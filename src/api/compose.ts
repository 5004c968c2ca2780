/**
 * The api app: the REST API, the web app, MCP and the live stream; hosts the
 * TaskActors and keeps the read model. Builds its own dependencies and typed
 * clients of the audit and notifications apps (src/infra/clients/); starts
 * nothing (see AppParts.workers).
 */
import { CommunicationProtocolEnum, DaprClient, LogLevel } from "@dapr/dapr";
import { taskActorsVia } from "../actors/client.js";
import { createActorHost, type HostedActorClass } from "../actors/host.js";
import { OutboxDepth } from "../actors/outboxDepth.js";
import { OutboxSweeper } from "../actors/outboxSweeper.js";
import { defineTaskActor, OUTBOX_REMINDER, TASK_ACTOR_TYPE, type ActorReply, type TaskView } from "../actors/taskActor.js";
import { checkPublishable } from "../events/envelope.js";
import { deadLetterTopic, TOPICS } from "../events/topics.js";
import type { AppContext, AppParts } from "../http/appParts.js";
import type { TopicSubscriber } from "../http/subscriptions/adapter.js";
import { auditClient } from "../infra/clients/audit.js";
import { notificationsClient } from "../infra/clients/notifications.js";
import { CalendarFeeds } from "../infra/calendarFeeds.js";
import { streamPubsubName } from "../infra/config.js";
import { redisDeadLetters } from "../infra/deadLetters.js";
import { occurrenceId } from "../infra/ids.js";
import { redisOutboxJournal } from "../infra/outboxJournal.js";
import { PreferencesStore } from "../infra/preferences.js";
import { redisPing, splitHostPort } from "../infra/probes.js";
import { reminderPublisher, taskEventPublisher } from "../infra/publisher.js";
import { ReadModel } from "../infra/readModel.js";
import { connectRedis } from "../infra/redis.js";
import { ReminderScheduler } from "../infra/reminderScheduler.js";
import { deadLetterSubscribers } from "../subscribers/deadLetters.js";
import { projectionSubscriber } from "../subscribers/projection.js";
import { ActionLinkUses, actionPageRoutes } from "./actionPage/routes.js";
import { createAuthenticator, requireUser } from "./auth.js";
import { exportRoutes } from "./export/routes.js";
import { historyRoutes } from "./history/routes.js";
import { mcpRoutes, selfUrl } from "./mcp/http.js";
import { restOverFetch } from "./mcp/rest.js";
import { calendarFeedRoutes } from "./me/calendarFeed.js";
import { defaultRemindersOf, preferencesRoutes } from "./me/preferences.js";
import { notificationApiRoutes } from "./notifications/routes.js";
import { openApiRoutes } from "./openapi/routes.js";
import { rateLimit, RateLimiter } from "./rateLimit.js";
import { sessionRoutes, signInConfig } from "./session/routes.js";
import { historyResume, resumeSourceVia } from "./stream/history.js";
import { streamMetrics } from "./stream/metrics.js";
import { StreamReadiness } from "./stream/readiness.js";
import { LiveStreams, streamRoutes } from "./stream/routes.js";
import { reminderStreamSubscriber, taskStreamSubscriber } from "./stream/subscribers.js";
import { tagRoutes } from "./tags/routes.js";
import { taskRoutes } from "./tasks/routes.js";
import { webAppRoutes } from "./web/routes.js";

/** What only the test stack adds (test/support/testMain.ts): never set by src/main.ts. */
export interface ApiHooks {
  /** More actor types for the api app to host (the integration tests' probe actor). */
  actors?: HostedActorClass[];
  /** Fault points of the crash tests. */
  faultPoint?(name: "after-commit"): void;
}

/** How often a pending outbox is retried while the broker is unavailable. */
const OUTBOX_RETRY = "10s";

export function composeApi(ctx: AppContext, hooks: ApiHooks = {}): AppParts {
  const { config, log, sidecar, mongo, metrics } = ctx;
  const actorHost = hostTaskActors(ctx, hooks);
  const readModel = new ReadModel(mongo, undefined, log);
  const preferences = new PreferencesStore(mongo);
  const actors = taskActorsVia(sidecar);
  const audit = auditClient(sidecar, config.AUDIT_APP_ID);
  const notifications = notificationsClient(sidecar, config.NOTIFICATIONS_APP_ID);
  const streams: LiveStreams = new LiveStreams(
    {
      frames: config.STREAM_RESUME_WINDOW_FRAMES,
      ms: config.STREAM_RESUME_WINDOW_MS,
      clientMaxBytes: config.STREAM_CLIENT_MAX_BUFFER_BYTES,
    },
    undefined,
    streamMetrics(metrics.registry, () => ({ connections: streams.connections, bufferedBytes: streams.bufferedBytes })),
  );
  const authenticate = createAuthenticator({
    jwtSecret: config.AUTH_JWT_SECRET,
    jwksUrl: config.AUTH_JWKS_URL,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    algorithms: config.AUTH_ALGORITHMS,
  });
  const limiter =
    config.RATE_LIMIT_PER_MINUTE > 0 ? new RateLimiter({ perMinute: config.RATE_LIMIT_PER_MINUTE, burst: config.RATE_LIMIT_BURST }) : null;
  // One limiter for the whole app: a user's budget is shared by all routes.
  const guard = [requireUser(authenticate), rateLimit(limiter)];
  const streamReadiness = new StreamReadiness(
    streamPubsubName(config),
    (pubsub, topic, event, key) => sidecar.publish(pubsub, topic, event, key, 2000),
    log,
    () => sidecar.healthy(),
  );
  return {
    sidecarRouters: [actorHost.router],
    routers: [
      webAppRoutes({ dir: config.WEB_DIR, identityProvider: signInConfig(config).mode === "oidc" ? config.AUTH_ISSUER : undefined }),
      sessionRoutes({ signIn: signInConfig(config), jwtSecret: config.AUTH_JWT_SECRET }),
      tagRoutes({ guard, readModel, actors }),
      historyRoutes({ guard, feed: (ownerId, after, limit) => audit.history(ownerId, after, limit, false) }),
      exportRoutes({
        guard,
        actors,
        readModel,
        // An export reads up to now (fresh): it is no cursor that a late entry could slip behind.
        history: (ownerId, after, limit) => audit.history(ownerId, after, limit, true),
        timeZoneOf: async (ownerId) => (await preferences.get(ownerId)).timeZone,
      }),
      streamRoutes({
        guard,
        streams,
        history: historyResume(resumeSourceVia(audit, notifications), {
          overlapMs: config.STREAM_RESUME_OVERLAP_MS,
          maxEvents: config.STREAM_RESUME_MAX_EVENTS,
        }),
        onError: (err) => log.warn({ err }, "live-stream resume failed"),
      }),
      openApiRoutes(),
      // The tools call this app's REST API with the caller's token (see src/api/mcp/rest.ts).
      mcpRoutes({ guard, restFor: (token) => restOverFetch(selfUrl(config.HOST, config.PORT), token), issuer: config.AUTH_ISSUER }),
      notificationApiRoutes({ guard, notifications, allowPrivateWebhooks: config.WEBHOOK_ALLOW_PRIVATE }),
      preferencesRoutes({ guard, store: preferences }),
      // Reminder emails' one-click links: no session, the signed link is the credential.
      actionPageRoutes({ secret: config.ACTION_LINK_SECRET, actors, uses: new ActionLinkUses(mongo) }),
      calendarFeedRoutes({ guard, limit: rateLimit(limiter), feeds: new CalendarFeeds(mongo), readModel, publicBaseUrl: config.PUBLIC_BASE_URL }),
      taskRoutes({ guard, actors, readModel, defaultReminders: defaultRemindersOf(preferences, log), history: (taskId, ownerId) => audit.taskHistory(taskId, ownerId) }),
    ],
    subscribers: [
      projectionSubscriber(readModel),
      taskStreamSubscriber(streamPubsubName(config), streams),
      reminderStreamSubscriber(streamPubsubName(config), streams),
      ...deadLetterSubscribers(actorHost.deadLetters, () => new Date()),
      // Last: see StreamReadiness.
      streamReadiness.subscriber(),
    ] as TopicSubscriber<never>[],
    checks: {
      ready: { stream: async () => streamReadiness.ready },
      dependencies: { stateStore: () => redisPing(actorHost.redis.host, actorHost.redis.port, 1000, config.REDIS_TLS) },
    },
    workers: [...actorHost.workers, { name: "stream readiness", start: () => streamReadiness.start(), stop: () => streamReadiness.close() }],
  };
}

/** The TaskActor type and what it runs on: daprd, the outbox journal and its sweeper, the reminder scheduler, the dead letters. */
function hostTaskActors({ config, log, sidecar, metrics }: AppContext, hooks: ApiHooks) {
  const daprClient = new DaprClient({
    daprHost: config.DAPR_HOST,
    daprPort: String(config.DAPR_HTTP_PORT),
    communicationProtocol: CommunicationProtocolEnum.HTTP,
    daprApiToken: config.DAPR_API_TOKEN,
    logger: { level: LogLevel.Warn },
    actor: {
      actorIdleTimeout: config.ACTOR_IDLE_TIMEOUT,
      drainOngoingCallTimeout: "10s",
      drainRebalancedActors: true,
      reentrancy: { enabled: false },
    },
  });
  const publishTo = { sidecar, pubsub: config.PUBSUB_NAME, source: `tickler/${config.ROLE}`, timeoutMs: config.PUBLISH_TIMEOUT_MS, metrics };
  const outboxes = new OutboxDepth((pending) => metrics.outboxDepth.set(pending));
  const redis = splitHostPort(config.REDIS_HOST!);
  const journal = redisOutboxJournal({ ...redis, password: config.REDIS_PASSWORD, tls: config.REDIS_TLS, log });
  // Task reminders keep retrying a trigger the app cannot take (src/infra/reminderScheduler.ts).
  const reminders = new ReminderScheduler({
    host: config.DAPR_HOST,
    grpcPort: config.DAPR_GRPC_PORT,
    apiToken: config.DAPR_API_TOKEN,
    retryIntervalMs: config.REMINDER_RETRY_INTERVAL_MS,
    retryForMs: config.REMINDER_RETRY_FOR_MS,
  });
  // Dead letters are kept in this same Redis, not in the read store they may have failed on (src/infra/deadLetters.ts).
  const deadLetterRedis = connectRedis({ ...redis, password: config.REDIS_PASSWORD, tls: config.REDIS_TLS, log });
  const deadLetters = redisDeadLetters(deadLetterRedis);
  // Every dead-letter topic reports, 0 included, so an alert on "> 0" has a series to watch.
  metrics.watchDeadLetters(() => deadLetters.depth(Object.values(TOPICS).map(deadLetterTopic)));
  const TaskActor = defineTaskActor({
    state: {
      get: (id, key) => sidecar.getActorState(TASK_ACTOR_TYPE, id, key),
      save: (id, upsert, remove) => sidecar.actorStateTransaction(TASK_ACTOR_TYPE, id, upsert, remove),
    },
    journal,
    publish: taskEventPublisher(publishTo),
    publishReminders: reminderPublisher(publishTo),
    checkPublishable,
    reportOutbox: (taskId, pending) => outboxes.report(taskId, pending),
    registerReminder: (taskId, name, remindAt) => reminders.register(TASK_ACTOR_TYPE, taskId, name, { dueTime: remindAt, data: { remindAt } }),
    unregisterReminder: (taskId, name) => sidecar.unregisterReminder(TASK_ACTOR_TYPE, taskId, name),
    reminderExists: (taskId, name) => sidecar.reminderExists(TASK_ACTOR_TYPE, taskId, name),
    occurrenceId,
    observeLateness: (ms) => metrics.reminderLateness.observe(ms / 1000),
    faultPoint: hooks.faultPoint,
    createOccurrence: async (taskId, command) => {
      const reply = await sidecar.invokeActor<ActorReply<TaskView>>(TASK_ACTOR_TYPE, taskId, "handle", [command]);
      // Created now, or by an earlier attempt of this same spawn: both are done.
      if (!reply.ok && reply.error.code !== "idempotency_conflict") throw new Error(`creating occurrence ${taskId}: ${reply.error.message}`);
    },
    armOutboxReminder: (taskId) =>
      sidecar.registerReminder(TASK_ACTOR_TYPE, taskId, OUTBOX_REMINDER, { dueTime: OUTBOX_RETRY, period: OUTBOX_RETRY }),
    disarmOutboxReminder: (taskId) => sidecar.unregisterReminder(TASK_ACTOR_TYPE, taskId, OUTBOX_REMINDER),
    now: () => new Date(),
    log,
  });
  const sweeper = new OutboxSweeper(
    journal,
    (taskId) => sidecar.invokeActor<void>(TASK_ACTOR_TYPE, taskId, "flush", []),
    { afterMs: config.OUTBOX_SWEEP_AFTER_MS, intervalMs: config.OUTBOX_SWEEP_INTERVAL_MS, batch: 100 },
    log,
  );
  return {
    router: createActorHost(daprClient, [TaskActor, ...(hooks.actors ?? [])], log, metrics),
    deadLetters,
    redis,
    // Stopped in reverse: the sweeper before the journal it reads; the connections last.
    workers: [
      { name: "reminder scheduler", stop: () => reminders.close() },
      { name: "dead-letter redis", stop: () => deadLetterRedis.close() },
      { name: "outbox journal", stop: () => journal.close() },
      { name: "outbox sweeper", start: () => sweeper.start(), stop: () => sweeper.stop() },
    ],
  };
}
