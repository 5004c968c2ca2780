/**
 * GET and PUT /api/v1/me/preferences: the caller's notification preferences
 * (src/domain/preferences.ts), stored in the read store by PreferencesStore.
 * GET answers the defaults until the user saves something.
 *
 * A new address is stored unconfirmed and a confirmation link is sent to it
 * (through the notifications app, which holds SMTP); nothing else goes there
 * until the link is followed (src/api/actionPage/routes.ts). A PUT that
 * names the stored address leaves its confirmation as it is; another address
 * starts over. POST .../email-confirmation sends a fresh link.
 */
import { randomUUID } from "node:crypto";
import { newRouter, type Router } from "../../infra/http/router.js";
import type { Context, Middleware } from "koa";
import { DEFAULT_PREFERENCES, MAX_CONFIRMATIONS_PER_DAY, type Preferences } from "../../domain/index.js";
import type { Logger } from "../../infra/logger.js";
import type { EmailChange, PreferencesStore } from "../../infra/preferences.js";
import type { AuthState } from "../auth.js";
import { readJson } from "../../http/body.js";
import { HttpProblem } from "../../http/problem.js";
import { preferencesInput } from "./schema.js";
import { parseOr400 } from "../../http/validate.js";

export interface PreferencesRoutesDeps {
  guard: Middleware[];
  store: Pick<PreferencesStore, "get" | "put" | "emailState" | "renewConfirmation">;
  /** Has the confirmation email for `confirmationId` sent to `to` (the notifications app records and delivers it). */
  sendConfirmation(ownerId: string, to: string, confirmationId: string): Promise<void>;
  log?: Logger;
  now?: () => Date;
}

const BASE = "/api/v1/me/preferences";
const DAY_MS = 24 * 3600_000;

export function preferencesRoutes(deps: PreferencesRoutesDeps): Router {
  const router = newRouter();
  router.use(...deps.guard);
  const userId = (ctx: Context) => (ctx.state as AuthState).userId;
  const now = deps.now ?? (() => new Date());

  /** Sends a new link to `to` unless the day's confirmations are used up; answers its id and the send times to store. */
  const sendLink = async (ownerId: string, to: string, sent: string[], at: Date) => {
    const recent = sent.filter((t) => Date.parse(t) > at.getTime() - DAY_MS).sort();
    if (recent.length >= MAX_CONFIRMATIONS_PER_DAY) {
      const retryAfter = Math.max(1, Math.ceil((Date.parse(recent[0]!) + DAY_MS - at.getTime()) / 1000));
      throw new HttpProblem(429, "too_many_confirmations", "Too Many Requests",
        `at most ${MAX_CONFIRMATIONS_PER_DAY} confirmation emails in 24 hours; nothing was changed`, undefined, { "Retry-After": String(retryAfter) });
    }
    const confirmationId = randomUUID();
    try {
      await deps.sendConfirmation(ownerId, to, confirmationId);
    } catch (err) {
      deps.log?.warn({ err }, "confirmation email not queued");
      throw new HttpProblem(503, "unavailable", "Service Unavailable", "the confirmation email could not be queued; nothing was changed, try again");
    }
    return { confirmationId, confirmationsSent: [...recent, at.toISOString()] };
  };

  router.get(BASE, async (ctx) => {
    ctx.body = await deps.store.get(userId(ctx));
  });

  router.put(BASE, async (ctx) => {
    const input = parseOr400(preferencesInput, await readJson(ctx));
    const owner = userId(ctx);
    const at = now();
    const current = await deps.store.emailState(owner);
    let change: EmailChange = { kind: "keep" };
    if (input.email !== current.email) {
      change = input.email === null
        ? { kind: "set", confirmationId: null, confirmationsSent: current.confirmationsSent }
        : { kind: "set", ...(await sendLink(owner, input.email, current.confirmationsSent, at)) };
    }
    ctx.body = await deps.store.put(owner, input, change, at);
  });

  router.post(`${BASE}/email-confirmation`, async (ctx) => {
    const owner = userId(ctx);
    const current = await deps.store.emailState(owner);
    if (current.email === null) throw new HttpProblem(409, "no_email", "Conflict", "the preferences have no email address to confirm");
    if (current.emailConfirmed) throw new HttpProblem(409, "already_confirmed", "Conflict", "the email address is confirmed already");
    const link = await sendLink(owner, current.email, current.confirmationsSent, now());
    if (!(await deps.store.renewConfirmation(owner, current.email, link.confirmationId, link.confirmationsSent))) {
      throw new HttpProblem(409, "email_changed", "Conflict", "the email address changed meanwhile; the link sent is void");
    }
    ctx.status = 202;
    ctx.body = { email: current.email, emailConfirmed: false };
  });

  return router;
}

/** How long a create waits for the user's default reminders before going ahead without them. */
const DEFAULTS_WAIT_MS = 1000;

/**
 * The default reminders for POST /tasks. Creates must keep working while the
 * read store is down (docs/api.md: Preferences): if the preferences cannot be
 * read within a second, the task is created without default reminders and
 * the miss is logged, rather than the create failing.
 */
export function defaultRemindersOf(store: Pick<PreferencesStore, "get">, log: Logger): (ownerId: string) => Promise<readonly string[]> {
  return async (ownerId) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Preferences>((resolve) => {
      timer = setTimeout(() => {
        log.warn({ ownerId }, "preferences not readable in time: creating without default reminders");
        resolve(DEFAULT_PREFERENCES);
      }, DEFAULTS_WAIT_MS);
    });
    try {
      const prefs = await Promise.race([
        store.get(ownerId).catch((err: unknown) => {
          log.warn({ err, ownerId }, "preferences unreadable: creating without default reminders");
          return DEFAULT_PREFERENCES;
        }),
        timeout,
      ]);
      return prefs.defaultReminders;
    } finally {
      clearTimeout(timer);
    }
  };
}
