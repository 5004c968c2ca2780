/** The notification service's internal API (its contract: src/infra/clients/notifications.ts; Dapr service invocation only: app token required). */
import { randomUUID } from "node:crypto";
import { newRouter, type Router } from "../infra/http/router.js";
import { z } from "zod";
import { readJson } from "../http/body.js";
import { badRequest, limitReached, notFoundProblem } from "../http/problem.js";
import { NOTIFICATION_ROUTES, type EmailConfirmationRequest, type InvitationEmailRequest } from "../infra/clients/notifications.js";
import { isEmail, type NotificationDoc, type NotificationStore, type WebhookDelivery, type WebhookDoc } from "./store.js";
import { parseOr400 } from "../http/validate.js";

const createWebhook = z.strictObject({ ownerId: z.string().min(1), url: z.string().url(), secret: z.string().min(16).max(256) });
const confirmationInput = z.strictObject({ ownerId: z.string().min(1).max(1000), to: z.email().max(254), confirmationId: z.uuid() }) satisfies z.ZodType<EmailConfirmationRequest>;

const invitationInput = z.strictObject({
  ownerId: z.string().min(1).max(1000), to: z.email().max(254), invitationId: z.uuid(), listId: z.uuid(),
  listName: z.string().min(1).max(200), role: z.string().min(1).max(20), invitedBy: z.string().min(1).max(1000),
}) satisfies z.ZodType<InvitationEmailRequest>;

/** The email of an invitation to a list (docs/lists.md#invitations-by-email): one email delivery, sent like a confirmation's. */
export function invitationNotification(input: z.infer<typeof invitationInput>, now: Date): Parameters<NotificationStore["record"]>[0] {
  const at = now.toISOString();
  return {
    _id: `invite:${input.invitationId}`,
    ownerId: input.ownerId,
    taskId: "",
    title: `Invitation to ${input.listName}`,
    remindAt: at,
    firedAt: at,
    receivedAt: at,
    kind: "invitation",
    heldUntil: null,
    state: "fired",
    payload: { type: "list.invitation", invitationId: input.invitationId, listId: input.listId, listName: input.listName, role: input.role, invitedBy: input.invitedBy },
    deliveries: [{ kind: "email", to: input.to, state: "pending", attempts: 0, nextAttemptAt: null, lastError: null, deliveredAt: null }],
  };
}

/**
 * The email with the link that confirms a new address (the api asks for it on
 * PUT /me/preferences): a notification with one email delivery, sent by the
 * dispatchers like a reminder's (retries, Message-ID, crash-safe), listed in
 * the user's inbox, never held by quiet hours (they just asked for it).
 */
export function confirmationNotification(input: z.infer<typeof confirmationInput>, now: Date): Parameters<NotificationStore["record"]>[0] {
  const at = now.toISOString();
  return {
    _id: `confirm:${input.ownerId}:${input.confirmationId}`,
    ownerId: input.ownerId,
    taskId: "",
    title: "Confirm your email address",
    remindAt: at,
    firedAt: at,
    receivedAt: at,
    kind: "confirmation",
    heldUntil: null,
    state: "fired",
    payload: { type: "email.confirmation", confirmationId: input.confirmationId },
    deliveries: [{ kind: "email", to: input.to, state: "pending", attempts: 0, nextAttemptAt: null, lastError: null, deliveredAt: null }],
  };
}

export const presentWebhook = (w: WebhookDoc) => ({ id: w._id, url: w.url, createdAt: w.createdAt });

export const presentNotification = (n: NotificationDoc) => {
  const email = n.deliveries.find(isEmail);
  return {
    deliveryId: n._id,
    kind: n.kind ?? "reminder",
    taskId: n.taskId === "" ? null : n.taskId,
    title: n.title,
    remindAt: n.remindAt,
    firedAt: n.firedAt,
    state: n.state,
    // Held by the user's quiet hours: its channels wait until then (null: sent as it fired).
    heldUntil: n.heldUntil ?? null,
    dueAt: n.dueAt ? new Date(n.dueAt).toISOString() : null,
    channels: {
      inbox: "delivered",
      webhooks: n.deliveries
        .filter((d): d is WebhookDelivery => !isEmail(d))
        .map((d) => ({ url: d.url, state: d.state, attempts: d.attempts, lastError: d.lastError, deliveredAt: d.deliveredAt })),
      email: email ? { to: email.to, state: email.state, attempts: email.attempts, lastError: email.lastError, deliveredAt: email.deliveredAt } : null,
    },
  };
};

/** `kick`: the dispatcher, to send a just-recorded confirmation now rather than at its next poll. `caps`: docs/security.md. */
export function notificationRoutes(store: NotificationStore, kick: () => void = () => {}, caps: { webhooksPerUser: number } = { webhooksPerUser: 10 }): Router {
  const router = newRouter({ prefix: NOTIFICATION_ROUTES.prefix });
  const ownerOf = (query: Record<string, unknown>) => {
    if (typeof query.ownerId !== "string" || query.ownerId === "") throw badRequest("ownerId is required");
    return query.ownerId;
  };

  router.get(NOTIFICATION_ROUTES.webhooks, async (ctx) => {
    const hooks = await store.webhooksOf(ownerOf(ctx.query));
    ctx.body = { items: hooks.map(presentWebhook) };
  });
  router.post(NOTIFICATION_ROUTES.webhooks, async (ctx) => {
    const input = parseOr400(createWebhook, await readJson(ctx));
    const doc: WebhookDoc = { _id: randomUUID(), ...input, createdAt: new Date().toISOString() };
    if (!(await store.addWebhookCapped(doc, caps.webhooksPerUser))) {
      throw limitReached(409, "WEBHOOKS_MAX_PER_USER", caps.webhooksPerUser, "this user has as many webhooks as allowed; delete one first");
    }
    ctx.status = 201;
    ctx.body = presentWebhook(doc);
  });
  router.delete(NOTIFICATION_ROUTES.webhook, async (ctx) => {
    if (!(await store.removeWebhook(String(ctx.params.id), ownerOf(ctx.query)))) throw notFoundProblem("no such webhook");
    ctx.status = 204;
  });
  router.post(NOTIFICATION_ROUTES.emailConfirmations, async (ctx) => {
    const input = parseOr400(confirmationInput, await readJson(ctx));
    // Recorded once per confirmation id: a retried call sends no second email.
    const recorded = await store.record(confirmationNotification(input, new Date()));
    kick();
    // A body, not Koa's "Accepted": the sidecar client parses what comes back as JSON.
    ctx.status = 202;
    ctx.body = { recorded };
  });
  router.post(NOTIFICATION_ROUTES.invitationEmails, async (ctx) => {
    const input = parseOr400(invitationInput, await readJson(ctx));
    // Recorded once per invitation: a retried call sends no second email.
    const recorded = await store.record(invitationNotification(input, new Date()));
    kick();
    ctx.status = 202;
    ctx.body = { recorded };
  });
  router.get(NOTIFICATION_ROUTES.inbox, async (ctx) => {
    const limit = Math.min(100, Math.max(1, Number(ctx.query.limit ?? 50) || 50));
    const owner = ownerOf(ctx.query);
    const fired = await store.inbox(owner, limit);
    const scheduled = (await store.scheduled(owner)).map((r) => ({ ...r, firedAt: null, state: "scheduled", channels: null }));
    // Upcoming reminders first (soonest first), then fired ones (newest first).
    ctx.body = { items: [...scheduled, ...fired.map(presentNotification)].slice(0, limit) };
  });
  // The live stream's resume (api app): firings recorded since an instant, oldest first, with the task as it fired.
  router.get(NOTIFICATION_ROUTES.fired, async (ctx) => {
    const owner = ownerOf(ctx.query);
    const { since, deliveryId } = ctx.query;
    const limit = Math.min(1001, Math.max(1, Number(ctx.query.limit ?? 100) || 100));
    if (typeof deliveryId !== "string" && (typeof since !== "string" || Number.isNaN(Date.parse(since)))) throw badRequest("since must be an instant");
    const docs = await store.fired(owner, typeof since === "string" ? new Date(since).toISOString() : "", limit, typeof deliveryId === "string" ? deliveryId : undefined);
    ctx.body = { items: docs.map(presentFiring) };
  });
  return router;
}

/** A firing as the live stream's `reminder.due` frame carries it, plus when the inbox recorded it. */
export const presentFiring = (n: NotificationDoc) => ({
  deliveryId: n._id,
  receivedAt: n.receivedAt,
  remindAt: n.remindAt,
  firedAt: n.firedAt,
  task: (n.payload as { task?: unknown }).task ?? null,
});
