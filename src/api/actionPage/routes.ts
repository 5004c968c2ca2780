/**
 * The landing page of an email's one-click links, served by the api app (the
 * only app the public reaches) at /api/v1/actions/<token>, without a session:
 * the signed token is the credential.
 *
 * GET only shows a page with a button; the button POSTs. Mail security
 * scanners and link previewers fetch every link in a message, so a GET that
 * acted would complete tasks nobody clicked. The POST carries the action out
 * through the task's actor (the ordinary command path, so it is audited like
 * any change) and is single use: one record per email and action, taken
 * before acting. A second click (or a second POST racing the first) finds the
 * record and answers "already done" without acting again; a snooze's instant
 * is fixed by the first click's record, so even a crash between acting and
 * finishing the record leaves a retry with the same effect.
 */
import { newRouter, type Router } from "../../infra/http/router.js";
import type { Context } from "koa";
import { Schema, type Connection, type Model } from "mongoose";
import type { TaskActors } from "../../actors/client.js";
import { DomainError, escapeHtml, localTime } from "../../domain/index.js";
import { verifyAction, type ActionClaim } from "../../infra/actionLinks.js";
import { isDuplicateKey } from "../../infra/mongo.js";

const SNOOZE_MS = 3600_000;

interface LinkUseDoc {
  /** `<deliveryId>:<action>`: each email's each action once. */
  _id: string;
  at: Date;
  done: boolean;
  outcome: string | null;
}

const useSchema = new Schema<LinkUseDoc>({ _id: String, at: Date, done: Boolean, outcome: { type: String, default: null } }, { collection: "action_link_uses", versionKey: false });

export class ActionLinkUses {
  private readonly model: Model<LinkUseDoc>;
  constructor(conn: Connection) {
    this.model = conn.model<LinkUseDoc>("ActionLinkUse", useSchema);
  }

  /** The link's use record, created now if this is its first use. */
  async take(id: string, now: Date): Promise<LinkUseDoc> {
    try {
      return (await this.model.create({ _id: id, at: now, done: false, outcome: null })).toObject();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return (await this.model.findById(id).lean<LinkUseDoc>())!;
    }
  }

  async finish(id: string, outcome: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { done: true, outcome } });
  }
}

export interface ActionPageDeps {
  /** ACTION_LINK_SECRET; unset: every link is refused (this server sends no emails). */
  secret: string | undefined;
  actors: TaskActors;
  uses: ActionLinkUses;
  now?: () => Date;
}

export function actionPageRoutes(deps: ActionPageDeps): Router {
  const now = deps.now ?? (() => new Date());
  const router = newRouter({ prefix: "/api/v1/actions" });

  const claimOf = (ctx: Context): ActionClaim | null => {
    const token = String(ctx.params.link ?? "");
    const verified = deps.secret ? verifyAction(token, deps.secret, now()) : ({ ok: false, reason: "invalid" } as const);
    if (verified.ok) return verified.claim;
    if (verified.reason === "expired") page(ctx, 410, "This link has expired", "Links in reminder emails work for 7 days. Open Tickler to complete or snooze the task.");
    else page(ctx, 400, "This link is not valid", "It may have been cut short or changed. Open Tickler to complete or snooze the task.");
    return null;
  };

  router.get("/:link", async (ctx) => {
    const claim = claimOf(ctx);
    if (!claim) return;
    const title = await deps.actors.read(claim.taskId, claim.ownerId).then((t) => t.title, () => null);
    const verb = claim.action === "complete" ? "Complete" : "Snooze for 1 hour";
    const form = `<form method="post" action="${escapeHtml(ctx.path)}"><button type="submit">${verb}</button></form>`;
    page(ctx, 200, title === null ? "This task no longer exists" : `${verb}: ${title}`, title === null ? "" : "Press the button to confirm.", title === null ? "" : form);
  });

  router.post("/:link", async (ctx) => {
    const claim = claimOf(ctx);
    if (!claim) return;
    const id = `${claim.deliveryId}:${claim.action}`;
    const use = await deps.uses.take(id, now());
    if (use.done) {
      page(ctx, 200, "Already done", `This link was used on ${localTime(use.at.toISOString(), "UTC")}: ${use.outcome ?? "done"}. Nothing was changed again.`);
      return;
    }
    const outcome = await act(deps.actors, claim, new Date(use.at.getTime() + SNOOZE_MS));
    await deps.uses.finish(id, outcome.text);
    page(ctx, 200, outcome.heading, outcome.text);
  });
  return router;
}

async function act(actors: TaskActors, claim: ActionClaim, snoozeUntil: Date): Promise<{ heading: string; text: string }> {
  try {
    if (claim.action === "complete") {
      const view = await actors.handle(claim.taskId, { kind: "complete", ownerId: claim.ownerId });
      return { heading: "Completed", text: `“${view.task.title}” is done.` };
    }
    const view = await actors.handle(claim.taskId, { kind: "snooze", ownerId: claim.ownerId, until: snoozeUntil.toISOString() });
    return { heading: "Snoozed", text: `“${view.task.title}” will remind you again at ${localTime(snoozeUntil.toISOString(), view.task.timeZone)}.` };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    // Done elsewhere in the meantime: the link's purpose is met or moot; say so rather than fail.
    if (err.code === "not_found") return { heading: "Nothing to do", text: "This task no longer exists." };
    if (err.code === "invalid_transition") return { heading: "Nothing to do", text: claim.action === "complete" ? "This task was already completed." : "This task is no longer open." };
    throw err;
  }
}

function page(ctx: Context, status: number, heading: string, text: string, extra = ""): void {
  ctx.status = status;
  ctx.type = "text/html; charset=utf-8";
  // Never cached or indexed: the URL is a credential.
  ctx.set("Cache-Control", "no-store");
  ctx.set("Referrer-Policy", "no-referrer");
  ctx.set("X-Robots-Tag", "noindex");
  ctx.set("Content-Security-Policy", "default-src 'none'; form-action 'self'");
  ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Tickler: ${escapeHtml(heading)}</title></head><body><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(text)}</p>${extra}</body></html>`;
}


