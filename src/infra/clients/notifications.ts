/**
 * The notifications app's internal API as the api app calls it (webhooks,
 * the inbox, the live stream's resume, address confirmation emails), through Dapr service invocation. The
 * notifications app's routes (src/notifications/routes.ts) serve these paths
 * under NOTIFICATION_ROUTES.prefix; the api app answers its own users from
 * what comes back.
 */
import type { Sidecar } from "../sidecar.js";

export const NOTIFICATION_ROUTES = {
  prefix: "/internal",
  webhooks: "/webhooks",
  webhook: "/webhooks/:id",
  inbox: "/notifications",
  fired: "/notifications/fired",
  emailConfirmations: "/email-confirmations",
  invitationEmails: "/invitation-emails",
} as const;

/** The email inviting a user to a list, to their confirmed address: recorded and sent once per invitation. */
export interface InvitationEmailRequest {
  /** The invitee. */
  ownerId: string;
  to: string;
  invitationId: string;
  listId: string;
  listName: string;
  role: string;
  invitedBy: string;
}

/** A reminder firing as the inbox recorded it (the live stream's `reminder.due` frame, plus when it was recorded). */
export interface RecordedFiring {
  deliveryId: string;
  receivedAt: string;
  remindAt: string;
  firedAt: string;
  task: unknown;
}

export interface NewWebhook {
  ownerId: string;
  url: string;
  secret: string;
}

/** The email with the link confirming a new address (PUT /me/preferences): recorded and sent once per confirmation id. */
export interface EmailConfirmationRequest {
  ownerId: string;
  to: string;
  confirmationId: string;
}

export interface NotificationsClient {
  addWebhook(webhook: NewWebhook): Promise<unknown>;
  webhooks(ownerId: string): Promise<unknown>;
  /** Throws the sidecar's 404 when the owner has no such webhook. */
  removeWebhook(ownerId: string, id: string): Promise<void>;
  inbox(ownerId: string, limit: number): Promise<unknown>;
  /** Firings recorded at or after `since` (oldest first), or the one firing `deliveryId`. */
  fired(ownerId: string, which: { since: string; limit: number } | { deliveryId: string }): Promise<RecordedFiring[]>;
  /** Has the confirmation email recorded (the notifications app's dispatcher sends it). */
  requestConfirmation(request: EmailConfirmationRequest): Promise<void>;
  /** Has the invitation email recorded (sent like the confirmation). */
  requestInvitationEmail(request: InvitationEmailRequest): Promise<void>;
}

export function notificationsClient(sidecar: Pick<Sidecar, "invokeApp">, appId: string): NotificationsClient {
  const path = (route: string, query: string) => `${NOTIFICATION_ROUTES.prefix.slice(1)}${route}?${query}`;
  const owner = (ownerId: string) => `ownerId=${encodeURIComponent(ownerId)}`;
  return {
    addWebhook: (webhook) => sidecar.invokeApp(appId, "POST", `${NOTIFICATION_ROUTES.prefix.slice(1)}${NOTIFICATION_ROUTES.webhooks}`, webhook),
    webhooks: (ownerId) => sidecar.invokeApp(appId, "GET", path(NOTIFICATION_ROUTES.webhooks, owner(ownerId))),
    removeWebhook: async (ownerId, id) => {
      await sidecar.invokeApp(appId, "DELETE", path(NOTIFICATION_ROUTES.webhook.replace(":id", () => encodeURIComponent(id)), owner(ownerId)));
    },
    inbox: (ownerId, limit) => sidecar.invokeApp(appId, "GET", path(NOTIFICATION_ROUTES.inbox, `${owner(ownerId)}&limit=${limit}`)),
    requestConfirmation: async (request) => {
      await sidecar.invokeApp(appId, "POST", `${NOTIFICATION_ROUTES.prefix.slice(1)}${NOTIFICATION_ROUTES.emailConfirmations}`, request);
    },
    requestInvitationEmail: async (request) => {
      await sidecar.invokeApp(appId, "POST", `${NOTIFICATION_ROUTES.prefix.slice(1)}${NOTIFICATION_ROUTES.invitationEmails}`, request);
    },
    fired: async (ownerId, which) => {
      const query: Record<string, string> = "deliveryId" in which ? { ownerId, deliveryId: which.deliveryId } : { ownerId, since: which.since, limit: String(which.limit) };
      return (await sidecar.invokeApp<{ items: RecordedFiring[] }>(appId, "GET", path(NOTIFICATION_ROUTES.fired, String(new URLSearchParams(query)))))?.items ?? [];
    },
  };
}
