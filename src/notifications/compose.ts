/** The notifications app: reminders → the inbox, webhooks and email; quiet hours, the digest and the reminder reconcile. */
import { listActorsVia } from "../actors/client.js";
import { TASK_ACTOR_TYPE } from "../actors/taskActor.js";
import { ListAccessChecks } from "../infra/listAccess.js";
import type { AppContext, AppParts } from "../http/appParts.js";
import type { TopicSubscriber } from "../http/subscriptions/adapter.js";
import { smtpSettings } from "../infra/config.js";
import { smtpMailer } from "../infra/mailer.js";
import { PreferencesStore } from "../infra/preferences.js";
import { ReadModel } from "../infra/readModel.js";
import { cronRoutes } from "./cron.js";
import { runDigests } from "./digest.js";
import { emailChannel } from "./email.js";
import { Reconciler } from "./reconcile.js";
import { notificationRoutes } from "./routes.js";
import { NotificationStore } from "./store.js";
import { reminderPlanSubscriber, reminderSubscriber } from "./subscribers.js";
import { mentionNotifier } from "./mentions.js";
import { assignmentNotifier } from "./assignments.js";
import { WebhookDispatcher } from "./webhooks.js";
import { EgressAllowList } from "../infra/egress.js";

export function composeNotifications({ config, log, sidecar, mongo, metrics }: AppContext): AppParts {
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
    allowed: new EgressAllowList(config.WEBHOOK_ALLOW_ADDRESSES),
  }, log, () => new Date(), metrics, email);
  const readModel = new ReadModel(mongo, undefined, log);
  // TaskActor.reconcile runs in the api app; this app reaches it through its own daprd.
  const reconciler = new Reconciler(store, (taskId, undelivered) => sidecar.invokeActor<number>(TASK_ACTOR_TYPE, taskId, "reconcile", [undelivered]), config.RECONCILE_BATCH, log, metrics);
  const tick = cronRoutes(
    [
      { name: "digest", run: (now) => runDigests({ store, preferences, readModel, emailEnabled: email !== undefined, batch: config.DIGEST_BATCH, kick: () => dispatcher.kick(), log, metrics }, now) },
      { name: "reconcile", run: (now) => reconciler.tick(now) },
    ],
    log,
  );
  const access = new ListAccessChecks(listActorsVia(sidecar));
  const channels = { preferences: (ownerId: string) => preferences.get(ownerId), emailEnabled: email !== undefined };
  return {
    sidecarRouters: [notificationRoutes(store, () => dispatcher.kick(), { webhooksPerUser: config.WEBHOOKS_MAX_PER_USER }), tick],
    routers: [],
    subscribers: [
      reminderSubscriber(store, log, () => new Date(), dispatcher, channels, access),
      reminderPlanSubscriber(
        store,
        () => new Date(),
        mentionNotifier(store, log, () => new Date(), access, channels, dispatcher),
        assignmentNotifier(store, log, () => new Date(), access, channels, dispatcher),
      ),
    ] as TopicSubscriber<never>[],
    checks: {},
    // Stopped in reverse: running cron ticks finish, then the dispatcher, then the mailer they send through.
    workers: [
      { name: "mailer", stop: () => mailer?.close() },
      { name: "webhook dispatcher", start: () => dispatcher.start(), stop: () => dispatcher.stop() },
      { name: "cron", stop: () => tick.idle() },
    ],
  };
}
