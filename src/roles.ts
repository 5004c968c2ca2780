/** What each Dapr app (role) serves. One codebase, three apps. */
import type { Router } from "./infra/http/router.js";
import { CommunicationProtocolEnum, DaprClient, LogLevel } from "@dapr/dapr";
import type { Connection } from "mongoose";
import { taskActorsVia } from "./actors/client.js";
import { createActorHost, type HostedActorClass } from "./actors/host.js";
import { defineTaskActor, OUTBOX_REMINDER, TASK_ACTOR_TYPE, type ActorReply, type TaskView } from "./actors/taskActor.js";
import { occurrenceId } from "./infra/ids.js";
import { checkPublishable } from "./events/envelope.js";
import { OutboxDepth } from "./actors/outboxDepth.js";
import { OutboxSweeper } from "./actors/outboxSweeper.js";
import { redisOutboxJournal } from "./infra/outboxJournal.js";
import { auditRoutes, type HistoryEntry } from "./audit/routes.js";
import { historyRoutes } from "./api/history/routes.js";
import { createAuthenticator, requireUser } from "./api/auth.js";
import { rateLimit, RateLimiter } from "./api/rateLimit.js";
import { tagRoutes } from "./api/tags/routes.js";
import { sessionRoutes, signInConfig } from "./api/session/routes.js";
import { webAppRoutes } from "./api/web/routes.js";
import { notificationApiRoutes } from "./api/notifications/routes.js";
import { notificationRoutes } from "./notifications/routes.js";
import { NotificationStore } from "./notifications/store.js";
import { WebhookDispatcher } from "./notifications/webhooks.js";
import { emailChannel } from "./notifications/email.js";
import { ActionLinkUses, actionPageRoutes } from "./api/actionPage/routes.js";
import { runDigests } from "./notifications/digest.js";
import { Reconciler } from "./notifications/reconcile.js";
import { cronRoutes } from "./notifications/cron.js";
import { smtpMailer } from "./infra/mailer.js";
import type { HealthChecks } from "./http/health.js";
import { taskRoutes } from "./api/tasks/routes.js";
import { defaultRemindersOf, preferencesRoutes } from "./api/me/preferences.js";
import { PreferencesStore } from "./infra/preferences.js";
import { calendarFeedRoutes } from "./api/me/calendarFeed.js";
import { CalendarFeeds } from "./infra/calendarFeeds.js";
import { exportRoutes } from "./api/export/routes.js";
import { openApiRoutes } from "./api/openapi/routes.js";
import { mcpRoutes, selfUrl } from "./api/mcp/http.js";
import { restOverFetch } from "./api/mcp/rest.js";
import { AuditLog } from "./audit/store.js";
import { smtpSettings, streamPubsubName, type Config } from "./infra/config.js";
import type { Logger } from "./infra/logger.js";
import type { Metrics } from "./infra/metrics.js";
import { redisPing, splitHostPort } from "./infra/probes.js";
import { reminderPublisher, taskEventPublisher } from "./infra/publisher.js";
import { ReadModel } from "./infra/readModel.js";
import { ReminderScheduler } from "./infra/reminderScheduler.js";
import type { Sidecar } from "./infra/sidecar.js";
import { auditSubscriber } from "./audit/subscriber.js";
import { deadLetterSubscribers } from "./subscribers/deadLetters.js";
import { redisDeadLetters } from "./infra/deadLetters.js";
import { connectRedis } from "./infra/redis.js";
import { deadLetterTopic, TOPICS } from "./events/topics.js";
import { projectionSubscriber, taskStreamSubscriber } from "./subscribers/projection.js";
import { StreamReadiness } from "./api/stream/readiness.js";
import { reminderPlanSubscriber, reminderStreamSubscriber, reminderSubscriber } from "./notifications/subscribers.js";
import { LiveStreams, streamRoutes } from "./api/stream/routes.js";
import { historyResume, resumeSourceVia } from "./api/stream/history.js";
import { streamMetrics } from "./api/stream/metrics.js";
import type { TopicSubscriber } from "./http/subscriptions/adapter.js";

export interface RoleParts {
  /** Routes daprd calls (actor callbacks, service invocation, bindings): behind the app token. */
  sidecarRouters: Router[];
  /** Routes for users: each guards itself or is public by design (see test/unit/routeGuard.test.ts). */
  routers: Router[];
  subscribers: TopicSubscriber<never>[];
  /** This role's part of readiness, and the shared dependencies it reports (see http/health.ts). */
  checks: Partial<HealthChecks>;
  /** Starts background work (pollers, sweepers); building the role starts none, so a test can walk its routes. */
  start?: () => void;
  /** Stops background work before the process exits. */
  stop?: () => Promise<void>;
}

/** What only the test stack adds (test/support/testMain.ts): never set by src/main.ts. */
export interface RoleHooks {
  /** More actor types for the api app to host (the integration tests' probe actor). */
  actors?: HostedActorClass[];
  /** Fault points of the crash tests. */
  faultPoint?(name: "after-commit"): void;
}

export interface RoleContext {
  config: Config;
  log: Logger;
  sidecar: Sidecar;
  mongo: Connection;
  metrics: Metrics;
}

/** How often a pending outbox is retried while the broker is unavailable. */
const OUTBOX_RETRY = "10s";

export function apiRole({ config, log, sidecar, mongo, metrics }: RoleContext, hooks: RoleHooks = {}): RoleParts {
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
  const letters = redisDeadLetters(deadLetterRedis);
  // Every dead-letter topic reports, 0 included, so an alert on "> 0" has a series to watch.
  metrics.watchDeadLetters(() => letters.depth(Object.values(TOPICS).map(deadLetterTopic)));
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
  const readModel = new ReadModel(mongo, undefined, log);
  const preferences = new PreferencesStore(mongo);
  const auditFeed = async (ownerId: string, after: { recordedAt: string; id: string } | null, limit: number, fresh: boolean) => {
    const query = new URLSearchParams({ ownerId, limit: String(limit), ...(after ? { afterRecordedAt: after.recordedAt, afterId: after.id } : {}), ...(fresh ? { fresh: "1" } : {}) });
    return (await sidecar.invokeApp<{ items: HistoryEntry[] }>(config.AUDIT_APP_ID, "GET", `internal/history?${query}`))?.items ?? [];
  };
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
  const sweeper = new OutboxSweeper(
    journal,
    (taskId) => sidecar.invokeActor<void>(TASK_ACTOR_TYPE, taskId, "flush", []),
    { afterMs: config.OUTBOX_SWEEP_AFTER_MS, intervalMs: config.OUTBOX_SWEEP_INTERVAL_MS, batch: 100 },
    log,
  );
  const streamReadiness = new StreamReadiness(
    streamPubsubName(config),
    (pubsub, topic, event, key) => sidecar.publish(pubsub, topic, event, key, 2000),
    log,
    () => sidecar.healthy(),
  );
  return {
    sidecarRouters: [createActorHost(daprClient, [TaskActor, ...(hooks.actors ?? [])], log, metrics)],
    routers: [
      webAppRoutes({ dir: config.WEB_DIR, identityProvider: signInConfig(config).mode === "oidc" ? config.AUTH_ISSUER : undefined }),
      sessionRoutes({ signIn: signInConfig(config), jwtSecret: config.AUTH_JWT_SECRET }),
      tagRoutes({ guard, readModel, actors: taskActorsVia(sidecar) }),
      historyRoutes({ guard, feed: (ownerId, after, limit) => auditFeed(ownerId, after, limit, false) }),
      exportRoutes({
        guard,
        actors: taskActorsVia(sidecar),
        readModel,
        // An export reads up to now (fresh): it is no cursor that a late entry could slip behind.
        history: (ownerId, after, limit) => auditFeed(ownerId, after, limit, true),
        timeZoneOf: async (ownerId) => (await preferences.get(ownerId)).timeZone,
      }),
      streamRoutes({
        guard,
        streams,
        history: historyResume(resumeSourceVia(sidecar, { audit: config.AUDIT_APP_ID, notifications: config.NOTIFICATIONS_APP_ID }), {
          overlapMs: config.STREAM_RESUME_OVERLAP_MS,
          maxEvents: config.STREAM_RESUME_MAX_EVENTS,
        }),
        onError: (err) => log.warn({ err }, "live-stream resume failed"),
      }),
      openApiRoutes(),
      // The tools call this app's REST API with the caller's token (see src/api/mcp/rest.ts).
      mcpRoutes({ guard, restFor: (token) => restOverFetch(selfUrl(config.HOST, config.PORT), token), issuer: config.AUTH_ISSUER }),
      notificationApiRoutes({ guard, sidecar, allowPrivateWebhooks: config.WEBHOOK_ALLOW_PRIVATE, notificationsAppId: config.NOTIFICATIONS_APP_ID }),
      preferencesRoutes({ guard, store: preferences }),
      // Reminder emails' one-click links: no session, the signed link is the credential.
      actionPageRoutes({ secret: config.ACTION_LINK_SECRET, actors: taskActorsVia(sidecar), uses: new ActionLinkUses(mongo) }),
      calendarFeedRoutes({ guard, limit: rateLimit(limiter), feeds: new CalendarFeeds(mongo), readModel, publicBaseUrl: config.PUBLIC_BASE_URL }),
      taskRoutes({
        guard,
        actors: taskActorsVia(sidecar),
        readModel,
        defaultReminders: defaultRemindersOf(preferences, log),
        history: async (taskId, ownerId) =>
          (await sidecar.invokeApp<{ items: HistoryEntry[] }>(config.AUDIT_APP_ID, "GET", `internal/history/${taskId}?ownerId=${encodeURIComponent(ownerId)}`))?.items ?? [],
      }),
    ],
    subscribers: [
      projectionSubscriber(readModel),
      taskStreamSubscriber(streamPubsubName(config), streams),
      reminderStreamSubscriber(streamPubsubName(config), streams),
      ...deadLetterSubscribers(letters, () => new Date()),
      // Last: see StreamReadiness.
      streamReadiness.subscriber(),
    ] as TopicSubscriber<never>[],
    checks: {
      ready: { stream: async () => streamReadiness.ready },
      dependencies: { stateStore: () => redisPing(redis.host, redis.port, 1000, config.REDIS_TLS) },
    },
    start: () => {
      sweeper.start();
      streamReadiness.start();
    },
    stop: async () => {
      await sweeper.stop();
      await streamReadiness.close();
      await journal.close();
      await deadLetterRedis.close();
      reminders.close();
    },
  };
}

export function auditRole({ mongo }: RoleContext): RoleParts {
  const audit = new AuditLog(mongo);
  return {
    sidecarRouters: [auditRoutes(audit)],
    routers: [],
    subscribers: [auditSubscriber(audit, () => new Date())] as TopicSubscriber<never>[],
    checks: {},
  };
}

export function notificationsRole({ config, log, sidecar, mongo, metrics }: RoleContext): RoleParts {
  const store = new NotificationStore(mongo);
  const preferences = new PreferencesStore(mongo);
  const smtp = smtpSettings(config);
  const mailer = smtp ? smtpMailer(smtp) : null;
  if (smtp && !smtp.requireTLS) log.warn("SMTP_REQUIRE_TLS=false: email goes out in plaintext when the SMTP server offers no STARTTLS (meant for a loopback test receiver)");
  // config.ts requires the link secret and the public origin whenever SMTP is configured.
  const email = mailer ? emailChannel({ mailer, linkSecret: config.ACTION_LINK_SECRET!, publicBaseUrl: config.PUBLIC_BASE_URL! }) : undefined;
  const dispatcher = new WebhookDispatcher(store, {
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
    backoffMs: config.WEBHOOK_BACKOFF_MS,
    maxBackoffMs: 60_000,
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
  }, log, () => new Date(), metrics, email);
  const readModel = new ReadModel(mongo, undefined, log);
  // TaskActor.reconcile runs in the api app; this app reaches it through its own daprd.
  const reconciler = new Reconciler(store, (taskId) => sidecar.invokeActor<number>(TASK_ACTOR_TYPE, taskId, "reconcile", []), config.RECONCILE_BATCH, log, metrics);
  const tick = cronRoutes(
    [
      { name: "digest", run: (now) => runDigests({ store, preferences, readModel, emailEnabled: email !== undefined, batch: config.DIGEST_BATCH, kick: () => dispatcher.kick(), log, metrics }, now) },
      { name: "reconcile", run: (now) => reconciler.tick(now) },
    ],
    log,
  );
  const channels = { preferences: (ownerId: string) => preferences.get(ownerId), emailEnabled: email !== undefined };
  return {
    sidecarRouters: [notificationRoutes(store), tick],
    routers: [],
    subscribers: [reminderSubscriber(store, log, () => new Date(), dispatcher, channels), reminderPlanSubscriber(store, () => new Date())] as TopicSubscriber<never>[],
    checks: {},
    start: () => dispatcher.start(),
    stop: async () => {
      await tick.idle();
      await dispatcher.stop();
      mailer?.close();
    },
  };
}
