/**
 * The api app: the REST API, the web app, MCP and the live stream; hosts the
 * TaskActors and keeps the read model. Builds its own dependencies and typed
 * clients of the audit and notifications apps (src/infra/clients/); starts
 * nothing (see AppParts.workers).
 */
import { listActorsVia, taskActorsVia } from "../actors/client.js";
import { DEFAULT_RETRY_PACING } from "../actors/retryPacing.js";
import type { AppContext, AppParts } from "../http/appParts.js";
import type { TopicSubscriber } from "../http/subscriptions/adapter.js";
import { auditClient } from "../infra/clients/audit.js";
import { notificationsClient } from "../infra/clients/notifications.js";
import { CalendarFeeds } from "../infra/calendarFeeds.js";
import { streamPubsubName } from "../infra/config.js";
import { PreferencesStore } from "../infra/preferences.js";
import { ReadModel } from "../infra/readModel.js";
import { ListsView } from "../infra/listsView.js";
import { searchBackfill } from "../infra/searchBackfill.js";
import { deadLetterSubscribers } from "../subscribers/deadLetters.js";
import { projectionSubscriber } from "../subscribers/projection.js";
import { unassignDeparted } from "./tasks/unassign.js";
import { copySubtasksToNextOccurrence } from "./tasks/occurrenceSubtasks.js";
import { DomainError } from "../domain/index.js";
import { ActionLinkUses, actionPageRoutes } from "./actionPage/routes.js";
import { createAuthenticator, requireUser } from "./auth.js";
import { exportRoutes } from "./export/routes.js";
import { historyRoutes } from "./history/routes.js";
import { historyVisibleTo, taskHistoryFor } from "./history/visible.js";
import { mcpRoutes, selfUrl } from "./mcp/http.js";
import { restOverFetch } from "./mcp/rest.js";
import { calendarFeedRoutes } from "./me/calendarFeed.js";
import { appPasswordRoutes } from "./me/appPasswords.js";
import { AppPasswords } from "../infra/appPasswords.js";
import { davRoutes } from "./dav/routes.js";
import { requireAppPassword } from "./dav/basicAuth.js";
import { DavStore } from "../infra/davStore.js";
import { DavListProps } from "../infra/davListProps.js";
import type { ParsedListEvent } from "../events/listEnvelope.js";
import { ListDepartures } from "../infra/listDepartures.js";
import { defaultRemindersOf, preferencesRoutes } from "./me/preferences.js";
import { notificationApiRoutes } from "./notifications/routes.js";
import { openApiRoutes } from "./openapi/routes.js";
import { rateLimit, rateLimitByIp, RateLimiter } from "./rateLimit.js";
import { LoadShedder } from "./loadShedder.js";
import { sessionRoutes, signInConfig } from "./session/routes.js";
import { historyResume, resumeSourceVia } from "./stream/history.js";
import { EgressAllowList } from "../infra/egress.js";
import { streamMetrics } from "./stream/metrics.js";
import { StreamReadiness } from "./stream/readiness.js";
import { LiveStreams, streamRoutes } from "./stream/routes.js";
import { reminderStreamSubscriber, taskStreamSubscriber } from "./stream/subscribers.js";
import { tagRoutes } from "./tags/routes.js";
import { taskRoutes, trashRoutes } from "./tasks/routes.js";
import { commentRoutes } from "./comments/routes.js";
import { Comments } from "../infra/comments.js";
import { commentEventPublisher } from "../infra/publisher.js";
import { CommentOutbox } from "./comments/outbox.js";
import { Lists } from "./lists/lists.js";
import { ListAccessChecks } from "../infra/listAccess.js";
import { inboxIdOf } from "../infra/ids.js";
import { listRoutes } from "./lists/routes.js";
import { answerInvitation, memberRoutes } from "./lists/members.js";
import { activityRoutes } from "./lists/activity.js";
import { webAppRoutes } from "./web/routes.js";
import { hostTaskActors, type ApiHooks } from "./taskActorHost.js";

export type { ApiHooks };

/** A comment's outbox older than this was left by a stopped process or a failed publish: the sweep publishes it. */
const COMMENT_OUTBOX_SWEEP_AFTER_MS = 20_000;

export function composeApi(ctx: AppContext, hooks: ApiHooks = {}): AppParts {
  const { config, log, sidecar, mongo, metrics } = ctx;
  const actorHost = hostTaskActors(ctx, hooks);
  const readModel = new ReadModel(mongo, undefined, log);
  const preferences = new PreferencesStore(mongo);
  // Writes are refused at once when the process is over capacity, and counted while in flight (src/api/loadShedder.ts).
  const shedder = new LoadShedder(
    { maxEventLoopLagMs: config.SHED_EVENT_LOOP_LAG_MS, maxInFlightWrites: config.SHED_MAX_INFLIGHT_WRITES },
    (reason) => metrics.writesShed.inc({ reason }),
  );
  // A safe call stuck on a frozen host is sent again after ACTOR_ATTEMPT_TIMEOUT_MS (ADR 0017).
  const pacing = { ...DEFAULT_RETRY_PACING, stuckAttemptMs: config.ACTOR_ATTEMPT_TIMEOUT_MS };
  const actors = taskActorsVia(sidecar, config.WRITE_TIMEOUT_MS, pacing);
  const listActors = listActorsVia(sidecar, { timeoutMs: config.WRITE_TIMEOUT_MS, pacing });
  const listsView = new ListsView(mongo);
  /** The lists a user is a member of (their Inbox always): GET /tasks and the trash keep to them. */
  const listsOf = async (userId: string) => [...new Set([inboxIdOf(userId), ...(await listsView.idsOf(userId))])];
  const lists = new Lists(listActors, listsView);
  const appPasswords = new AppPasswords(mongo);
  // The surfaces other than the REST routes ask here (src/domain/access.ts decides which check each makes).
  const access = new ListAccessChecks(listActors, listsView);
  const readable = async (userId: string) => [...(await access.readable(userId))];
  const audit = auditClient(sidecar, config.AUDIT_APP_ID);
  // Comments are their own outboxes (ADR 0015): published after each change, swept for leftovers.
  const comments = new Comments(mongo);
  const commentOutbox = new CommentOutbox(
    comments,
    commentEventPublisher({ sidecar, pubsub: config.PUBSUB_NAME, source: `tickler/${config.ROLE}`, timeoutMs: config.PUBLISH_TIMEOUT_MS, metrics }),
    { afterMs: COMMENT_OUTBOX_SWEEP_AFTER_MS, intervalMs: COMMENT_OUTBOX_SWEEP_AFTER_MS / 2, batch: 100 },
    log,
  );
  const notifications = notificationsClient(sidecar, config.NOTIFICATIONS_APP_ID);
  const streams: LiveStreams = new LiveStreams(
    {
      frames: config.STREAM_RESUME_WINDOW_FRAMES,
      ms: config.STREAM_RESUME_WINDOW_MS,
      clientMaxBytes: config.STREAM_CLIENT_MAX_BUFFER_BYTES,
      maxPerUser: config.STREAMS_MAX_PER_USER,
      maxPerIp: config.STREAMS_MAX_PER_IP,
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
  const signedIn = [requireUser(authenticate), rateLimit(limiter)];
  // Writes past the api's capacity are refused at once (ADR 0013); reads pass.
  const guard = [...signedIn, shedder.middleware()];
  // The routes without a token share one budget per client address.
  const publicLimit = rateLimitByIp(
    config.PUBLIC_RATE_LIMIT_PER_MINUTE > 0 ? new RateLimiter({ perMinute: config.PUBLIC_RATE_LIMIT_PER_MINUTE, burst: config.PUBLIC_RATE_LIMIT_BURST }) : null,
  );
  const deadProps = new DavListProps(mongo);
  const davStore = new DavStore(mongo);
  const unassign = unassignDeparted({
    readModel,
    actors,
    mayRead: (listId, userId) => lists.authorize(listId, userId, "read").then(() => true, (err: unknown) => {
      if (err instanceof DomainError && err.code === "not_found") return false;
      throw err;
    }),
  });
  // A deleted list's CalDAV dead properties go with it (its URL answers 404 from the deletion on); a throw redelivers the event.
  const afterListEvent = async (event: ParsedListEvent) => {
    await unassign(event);
    if (event.deleted) await deadProps.drop(event.listId);
  };
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
      sessionRoutes({ signIn: signInConfig(config), jwtSecret: config.AUTH_JWT_SECRET, publicLimit }),
      tagRoutes({ guard, readModel, actors }),
      historyRoutes({ guard, feed: (ownerId, after, limit) => audit.history(ownerId, after, limit, false), visibleTo: (userId) => historyVisibleTo(access, userId) }),
      exportRoutes({
        guard,
        actors,
        lists,
        listActors,
        listsView,
        readModel,
        readable,
        // An export reads up to now (fresh): it is no cursor that a late entry could slip behind.
        history: (ownerId, after, limit) => audit.history(ownerId, after, limit, true),
        timeZoneOf: async (ownerId) => (await preferences.get(ownerId)).timeZone,
        comments,
        commentOutbox,
        maxRunningImports: config.IMPORTS_MAX_RUNNING_PER_USER,
      }),
      streamRoutes({
        guard,
        streams,
        history: historyResume(resumeSourceVia(audit, notifications), {
          overlapMs: config.STREAM_RESUME_OVERLAP_MS,
          maxEvents: config.STREAM_RESUME_MAX_EVENTS,
        }, access),
        onError: (err) => log.warn({ err }, "live-stream resume failed"),
      }),
      openApiRoutes(),
      // The tools call this app's REST API with the caller's token (see src/api/mcp/rest.ts).
      mcpRoutes({ guard: signedIn, restFor: (token) => restOverFetch(selfUrl(config.HOST, config.PORT), token), issuer: config.AUTH_ISSUER, publicLimit }),
      notificationApiRoutes({ guard, notifications, allowPrivateWebhooks: config.WEBHOOK_ALLOW_PRIVATE, allowedWebhookAddresses: new EgressAllowList(config.WEBHOOK_ALLOW_ADDRESSES) }),
      preferencesRoutes({ guard, store: preferences, log, sendConfirmation: (ownerId, to, confirmationId) => notifications.requestConfirmation({ ownerId, to, confirmationId }) }),
      // Reminder emails' one-click links: no session, the signed link is the credential.
      actionPageRoutes({ secret: config.ACTION_LINK_SECRET, actors, access, uses: new ActionLinkUses(mongo), preferences, publicLimit, listOf: async (id) => (await readModel.get(id))?.listId,
        invitationOf: async (userId, invitationId) => (await listsView.invitationsOf(userId)).find((i) => i.id === invitationId) ?? null,
        joinList: async (userId, invitationId) => (await answerInvitation({ actors: listActors, view: listsView }, userId, invitationId, true)).list,
      }),
      calendarFeedRoutes({ guard, limit: rateLimit(limiter), feeds: new CalendarFeeds(mongo), readModel, readable,
        sharedLists: async (userId) => new Set((await listsView.of(userId)).filter((l) => l.members.length > 0).map((l) => l.id)), publicBaseUrl: config.PUBLIC_BASE_URL, publicLimit }),
      appPasswordRoutes({ guard, store: appPasswords, publicBaseUrl: config.PUBLIC_BASE_URL }),
      davRoutes({
        // The address's budget before the password is checked (guessing is slow), then the user's own.
        guard: [rateLimitByIp(config.DAV_RATE_LIMIT_PER_MINUTE > 0 ? new RateLimiter({ perMinute: config.DAV_RATE_LIMIT_PER_MINUTE, burst: config.DAV_RATE_LIMIT_BURST }) : null),
          requireAppPassword({ store: appPasswords, allowPlainHttp: config.DAV_ALLOW_PLAIN_HTTP }), rateLimit(limiter)],
        actors, lists, listActors, listsView, readModel, store: davStore, deadProps,
        timeZoneOf: async (ownerId) => (await preferences.get(ownerId)).timeZone,
      }),
      memberRoutes({
        guard, actors: listActors, lists, view: listsView,
        usersWithEmail: (email) => preferences.confirmedUsersOf(email),
        emailInvitation: (request) => notifications.requestInvitationEmail(request),
      }),
      activityRoutes({ guard, lists, activity: (listId, before, limit) => audit.activity(listId, before, limit) }),
      listRoutes({ guard, actors: listActors, lists, view: listsView, hasTasks: (listId) => readModel.hasTasks(listId) }),
      // A moved task's CalDAV resource goes along (a client reaches it by the name it chose: docs/caldav.md#move).
      taskRoutes({ guard, actors, lists, readModel, listsOf, followed: (id, listId) => davStore.follow(id, listId, new Date()), defaultReminders: defaultRemindersOf(preferences, log), history: taskHistoryFor(audit, access) }),
      trashRoutes({ guard, readModel, listsOf }),
      commentRoutes({ guard, comments, actors, lists, readModel, outbox: commentOutbox }),
    ],
    subscribers: [
      projectionSubscriber(readModel, listsView, new ListDepartures(mongo), afterListEvent, copySubtasksToNextOccurrence({ readModel, actors }), comments),
      taskStreamSubscriber(streamPubsubName(config), streams, access),
      reminderStreamSubscriber(streamPubsubName(config), streams, access),
      ...deadLetterSubscribers(actorHost.deadLetters, () => new Date()),
      // Last: see StreamReadiness.
      streamReadiness.subscriber(),
    ] as TopicSubscriber<never>[],
    checks: {
      ready: { stream: async () => streamReadiness.ready },
      // Over the dead letters' held connection (the same Redis): a check opens nothing new.
      dependencies: { stateStore: () => actorHost.pingRedis() },
    },
    workers: [
      { name: "load shedder", start: () => shedder.start(), stop: () => shedder.stop() },
      ...actorHost.workers,
      searchBackfill(mongo, readModel, log),
      // Indexes of an earlier version (docs/adr/0027-page-windows.md): with them left, the store could walk one that a page window does not bound.
      { name: "retired indexes", start: () => void readModel.dropRetiredIndexes().then(
        (dropped) => dropped.length > 0 && log.info({ dropped }, "retired read-model indexes dropped"),
        (err: unknown) => log.warn({ err }, "dropping retired read-model indexes failed; it runs again at the next start"),
      ), stop: () => undefined },
      // Tasks stored before lists move to their owner's Inbox; in the background, since lists work meanwhile (old documents match no list filter until moved).
      { name: "tasks into Inboxes", start: () => void readModel.assignLegacyTasks().then(
        (moved) => moved > 0 && log.info({ moved }, "tasks from before lists put in their owners' Inboxes"),
        (err: unknown) => log.warn({ err }, "putting tasks from before lists in Inboxes failed; it runs again at the next start"),
      ), stop: () => undefined },
      // Addresses stored before they were keyed for invitations by email get their key; in the background, like the Inboxes.
      { name: "email keys", start: () => void preferences.keyLegacyEmails().then(
        (keyed) => keyed > 0 && log.info({ keyed }, "addresses keyed for invitations by email"),
        (err: unknown) => log.warn({ err }, "keying addresses for invitations by email failed; it runs again at the next start"),
      ), stop: () => undefined },
      { name: "comment outbox sweep", start: () => commentOutbox.start(), stop: () => commentOutbox.stop() },
      { name: "stream readiness", start: () => streamReadiness.start(), stop: () => streamReadiness.close() }],
  };
}
