/**
 * One-click action links in reminder emails (Complete, Snooze 1 h): a signed
 * token that is its own credential, so the link works without a session.
 * HMAC-SHA256 with a server secret over the claim; the claim names the task,
 * its owner, the action, the email it came in (delivery id) and an expiry.
 * Single use is kept by the api's landing route (one record per delivery id +
 * action; for an address confirmation, the preferences' confirmation id),
 * not by the token itself.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * `confirm-email`: the confirmation of a new address (taskId empty, deliveryId = the confirmation id).
 * `join-list`: an invitation's acceptance (taskId = the list id, ownerId = the invitee, deliveryId = the invitation id).
 */
export const LINK_ACTIONS = ["complete", "snooze", "confirm-email", "join-list"] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

export interface ActionClaim {
  action: LinkAction;
  taskId: string;
  ownerId: string;
  /** The email (notification delivery id) the link was sent in. */
  deliveryId: string;
  /** Epoch seconds after which the link is refused. */
  expires: number;
}

/** How long a link works: a week, long enough for an inbox read on Monday of last week's mail. */
export const LINK_TTL_MS = 7 * 24 * 3600_000;

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString("base64url");
const mac = (secret: string, body: string) => createHmac("sha256", secret).update(`tickler-action.v1.${body}`).digest();

export function signAction(claim: ActionClaim, secret: string): string {
  const body = b64(JSON.stringify([claim.action, claim.taskId, claim.ownerId, claim.deliveryId, claim.expires]));
  return `${body}.${b64(mac(secret, body))}`;
}

export type Verified = { ok: true; claim: ActionClaim } | { ok: false; reason: "invalid" } | { ok: false; reason: "expired"; action: LinkAction };

/** The claim if the token is ours, untampered and not expired. */
export function verifyAction(token: string, secret: string, now: Date): Verified {
  const [body, sig, ...rest] = token.split(".");
  if (!body || !sig || rest.length > 0) return { ok: false, reason: "invalid" };
  const given = Buffer.from(sig, "base64url");
  const expected = mac(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (!Array.isArray(fields) || fields.length !== 5) return { ok: false, reason: "invalid" };
  const [action, taskId, ownerId, deliveryId, expires] = fields as unknown[];
  if (!LINK_ACTIONS.includes(action as LinkAction) || typeof taskId !== "string" || typeof ownerId !== "string" || typeof deliveryId !== "string" || typeof expires !== "number") {
    return { ok: false, reason: "invalid" };
  }
  if (now.getTime() > expires * 1000) return { ok: false, reason: "expired", action: action as LinkAction };
  return { ok: true, claim: { action: action as LinkAction, taskId, ownerId, deliveryId, expires } };
}

/** The link for one action of one email, on the API's public origin. */
export function actionUrl(baseUrl: string, claim: Omit<ActionClaim, "expires">, secret: string, now: Date, ttlMs = LINK_TTL_MS): string {
  const token = signAction({ ...claim, expires: Math.floor((now.getTime() + ttlMs) / 1000) }, secret);
  return `${baseUrl.replace(/(?<!\/)\/+$/, "")}/api/v1/actions/${token}`;
}
