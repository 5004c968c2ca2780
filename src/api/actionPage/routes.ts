/**
 * The landing page of an email's one-click links, served by the api app (the
 * only app the public reaches) at /api/v1/actions/<token>, without a session:
 * the signed token is the credential.
 *
 * GET only shows a page with a button; the button POSTs. Mail security
 * scanners and link previewers fetch every link in a message, so a GET that
 * acted would complete tasks nobody clicked. The POST carries the action out
 * through the task's actor (the ordinary command path, so it is audited like
 * any change) and is single use: one record per email and action, whose
 * insert under a unique id is the claim to act. Of two clicks racing, the
 * insert of exactly one succeeds and only that one acts; the other waits
 * for its outcome and answers "already done". A snooze's instant is fixed by
 * the first click's record, so if the claimant dies between acting and
 * finishing the record, a click after its claim expired acts again with the
 * same effect.
 *
 * The same page confirms a new email address (`confirm-email` links, sent
 * by the notifications app for PUT /me/preferences): the POST marks the
 * address confirmed if the link is still its current one.
 */
import { newRouter, type Router } from "../../infra/http/router.js";
import type { Context, Middleware } from "koa";
import { setTimeout as sleep } from "node:timers/promises";
import mongoose, { Schema, type Connection, type Model } from "mongoose";
import type { TaskActors } from "../../actors/client.js";
import { CONFIRMATION_TTL_MS, DomainError, escapeHtml, isPrivateToMaker, localTime } from "../../domain/index.js";
import { inboxIdOf } from "../../infra/ids.js";
import { verifyAction, type ActionClaim } from "../../infra/actionLinks.js";
import { isDuplicateKey } from "../../infra/mongo.js";
import type { ListAccessChecks } from "../../infra/listAccess.js";
import type { PreferencesStore } from "../../infra/preferences.js";
import { HttpProblem } from "../../http/problem.js";

const SNOOZE_MS = 3600_000;
/** How long a click's claim on a link lasts: longer than an actor call; a crashed claimant's expires then. */
const CLAIM_MS = 30_000;
/** A click that lost the race waits this long for the winner's outcome, checking every POLL_MS. */
const WAIT_MS = 5_000;
const POLL_MS = 100;

interface LinkUseDoc {
  /** `<deliveryId>:<action>`: each email's each action once. */
  _id: string;
  at: Date;
  done: boolean;
  outcome: string | null;
  /** Until when the click that is acting holds the link (absent on records from before claims). */
  claimedUntil?: Date | null;
}

const useSchema = new Schema<LinkUseDoc>(
  { _id: String, at: Date, done: Boolean, outcome: { type: String, default: null }, claimedUntil: { type: Date, default: null } },
  { collection: "action_link_uses", versionKey: false },
);

/** What a click got: the right to act (once), the first use's outcome, or nothing yet (another click is acting). */
export type LinkTake = { kind: "act"; use: LinkUseDoc } | { kind: "used"; use: LinkUseDoc } | { kind: "busy" };

export class ActionLinkUses {
  private readonly model: Model<LinkUseDoc>;
  constructor(conn: Connection) {
    this.model = conn.model<LinkUseDoc>("ActionLinkUse", useSchema);
  }

  /**
   * The claim to act on a link: the insert of its record (unique id, so of
   * racing clicks exactly one inserts), or the takeover of a claim that
   * expired unfinished (one conditional update, so again exactly one).
   */
  async take(id: string, now: Date): Promise<LinkTake> {
    const until = new Date(now.getTime() + CLAIM_MS);
    try {
      return { kind: "act", use: (await this.model.create({ _id: id, at: now, done: false, outcome: null, claimedUntil: until })).toObject() };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const expired = await this.model
      .findOneAndUpdate(
        { _id: id, done: false, $or: [{ claimedUntil: null }, { claimedUntil: mongoose.trusted({ $lte: now }) }] },
        { $set: { claimedUntil: until } },
        { returnDocument: "after" },
      )
      .lean<LinkUseDoc>();
    if (expired) return { kind: "act", use: expired };
    const use = await this.model.findById(id).lean<LinkUseDoc>();
    return use?.done ? { kind: "used", use } : { kind: "busy" };
  }

  /** The use's record once its claimant has finished, or null if it does not within `waitMs`. */
  async outcome(id: string, waitMs: number): Promise<LinkUseDoc | null> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const use = await this.model.findById(id).lean<LinkUseDoc>();
      if (use?.done) return use;
      if (Date.now() >= deadline) return null;
      await sleep(POLL_MS);
    }
  }

  async finish(id: string, outcome: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { done: true, outcome, claimedUntil: null } });
  }
}

export interface ActionPageDeps {
  /** ACTION_LINK_SECRET; unset: every link is refused (this server sends no emails). */
  secret: string | undefined;
  actors: TaskActors;
  /** Whether the link's user may still edit the task's list, asked of its actor when the link is used (src/domain/access.ts, surface `actionLink`). */
  access: Pick<ListAccessChecks, "may">;
  uses: ActionLinkUses;
  /** Address confirmations (the `confirm-email` links). */
  preferences: Pick<PreferencesStore, "confirm" | "pendingConfirmation">;
  now?: () => Date;
  /** How long a click that lost a race waits for the winner's outcome (default 5 s). */
  waitMs?: number;
  /** The per-address limit of the routes that need no token. */
  publicLimit?: Middleware;
  /** The task's list, from the read model: a link of someone who did not make the task (its assignee) reaches it through its list. */
  listOf?(taskId: string): Promise<string | undefined>;
  /** An invitation waiting for `userId`'s answer, with its list's name (`join-list` links); null: none. */
  invitationOf?(userId: string, invitationId: string): Promise<{ listName: string; role: string } | null>;
  /** Accepts it (src/api/lists/members.ts `answerInvitation`): throws not_found when it no longer waits. */
  joinList?(userId: string, invitationId: string): Promise<{ name: string }>;
}

export function actionPageRoutes(deps: ActionPageDeps): Router {
  const now = deps.now ?? (() => new Date());
  const router = newRouter({ prefix: "/api/v1/actions" });
  if (deps.publicLimit) router.use(deps.publicLimit);

  const claimOf = (ctx: Context): ActionClaim | null => {
    const token = String(ctx.params.link ?? "");
    const verified = deps.secret ? verifyAction(token, deps.secret, now()) : ({ ok: false, reason: "invalid" } as const);
    if (verified.ok) return verified.claim;
    if (verified.reason === "expired" && verified.action === "confirm-email") page(ctx, 410, "This link has expired", `Confirmation links work for ${CONFIRMATION_TTL_MS / 3600_000} hours. Ask for a new one in Tickler's preferences.`);
    else if (verified.reason === "expired") page(ctx, 410, "This link has expired", "Links in reminder emails work for 7 days. Open Tickler to complete or snooze the task.");
    else page(ctx, 400, "This link is not valid", "It may have been cut short or changed. Open Tickler instead.");
    return null;
  };
  const form = (ctx: Context, verb: string) => `<form method="post" action="${escapeHtml(ctx.path)}"><button type="submit">${verb}</button></form>`;
  /** The link's task as its user reaches it: their own, or through its list (the access check follows, on the list's actor). */
  const taskOf = async (claim: ActionClaim) => {
    const own = await deps.actors.read(claim.taskId, claim.ownerId).catch(() => null);
    if (own || !deps.listOf) return own;
    const listId = await deps.listOf(claim.taskId).catch(() => undefined);
    return listId === undefined ? null : deps.actors.read(claim.taskId, claim.ownerId, listId).catch(() => null);
  };
  const staleConfirmation = (ctx: Context) =>
    page(ctx, 410, "This link is no longer valid", "The address was changed, or a newer confirmation link was sent, since this email. Nothing was changed.");

  const invitationGone = (ctx: Context) =>
    page(ctx, 410, "This invitation is no longer open", "It was accepted, declined or withdrawn. Open Tickler to see your lists and invitations. Nothing was changed.");

  router.get("/:link", async (ctx) => {
    const claim = claimOf(ctx);
    if (!claim) return;
    if (claim.action === "join-list") {
      const invitation = await deps.invitationOf?.(claim.ownerId, claim.deliveryId);
      if (!invitation) return invitationGone(ctx);
      page(ctx, 200, `Join ${invitation.listName}`, `You were invited as ${invitation.role}. Press the button to join.`, form(ctx, "Join the list"));
      return;
    }
    if (claim.action === "confirm-email") {
      const pending = await deps.preferences.pendingConfirmation(claim.ownerId, claim.deliveryId);
      if (!pending) staleConfirmation(ctx);
      else if (pending.confirmed) page(ctx, 200, "Already confirmed", `${pending.email} is confirmed for Tickler emails.`);
      else page(ctx, 200, `Confirm ${pending.email}`, "Press the button to receive Tickler reminders at this address.", form(ctx, "Confirm this address"));
      return;
    }
    const task = await taskOf(claim);
    if (task && !(await deps.access.may(claim.ownerId, task.ownerId, task.listId, "editTasks"))) return noAccess(ctx);
    const title = task?.title ?? null;
    const verb = claim.action === "complete" ? "Complete" : "Snooze for 1 hour";
    page(ctx, 200, title === null ? "This task no longer exists" : `${verb}: ${title}`, title === null ? "" : "Press the button to confirm.", title === null ? "" : form(ctx, verb));
  });

  router.post("/:link", async (ctx) => {
    const claim = claimOf(ctx);
    if (!claim) return;
    if (claim.action === "join-list") {
      // The list's actor keeps it single use: an invitation answered once no longer waits.
      const joined = deps.joinList ? await deps.joinList(claim.ownerId, claim.deliveryId).catch((err: unknown) => {
        if ((err instanceof DomainError && err.code === "not_found") || (err instanceof HttpProblem && err.status === 404)) return null;
        throw err;
      }) : null;
      if (!joined) return invitationGone(ctx);
      page(ctx, 200, `You joined ${joined.name}`, "Open Tickler: the list is in your sidebar.");
      return;
    }
    if (claim.action === "confirm-email") {
      // One conditional update: of racing clicks one confirms, the others find it confirmed.
      const outcome = await deps.preferences.confirm(claim.ownerId, claim.deliveryId, now());
      if (outcome.kind === "stale") staleConfirmation(ctx);
      else if (outcome.kind === "already") page(ctx, 200, "Already confirmed", `${outcome.email} is confirmed for Tickler emails. Nothing was changed again.`);
      else page(ctx, 200, "Address confirmed", `Tickler reminders and digests can now be emailed to ${outcome.email}, as your preferences choose.`);
      return;
    }
    // Asked before the link is claimed: a refused click uses nothing up and changes nothing.
    const task = await taskOf(claim);
    const viaList = task && !isPrivateToMaker(task.listId, inboxIdOf(task.ownerId)) ? task.listId : undefined;
    if (task && !(await deps.access.may(claim.ownerId, task.ownerId, task.listId, "editTasks"))) return noAccess(ctx);
    const id = `${claim.deliveryId}:${claim.action}`;
    const taken = await deps.uses.take(id, now());
    if (taken.kind === "act") {
      const outcome = await act(deps.actors, claim, new Date(taken.use.at.getTime() + SNOOZE_MS), viaList);
      await deps.uses.finish(id, outcome.text);
      page(ctx, 200, outcome.heading, outcome.text);
      return;
    }
    // Used before, or being used by a click racing this one: never acted on twice.
    const used = taken.kind === "used" ? taken.use : await deps.uses.outcome(id, deps.waitMs ?? WAIT_MS);
    if (used) page(ctx, 200, "Already done", `This link was used on ${localTime(used.at.toISOString(), "UTC")}: ${used.outcome ?? "done"}. Nothing was changed again.`);
    else page(ctx, 409, "This link is being used", "Another click on this link is being carried out right now. Reload this page in a moment to see what was done.");
  });
  return router;
}

/** A user removed from the task's list (or who left it) since the email was sent. */
function noAccess(ctx: Context): void {
  page(ctx, 403, "You no longer have access to this task", "You are no longer a member of its list, or may no longer change its tasks. Nothing was changed.");
}

/** `viaList`: the shared list the user's access was checked on; the task's actor acts only if the task is still in it. */
async function act(actors: TaskActors, claim: ActionClaim, snoozeUntil: Date, viaList?: string): Promise<{ heading: string; text: string }> {
  try {
    if (claim.action === "complete") {
      const view = await actors.handle(claim.taskId, { kind: "complete", ownerId: claim.ownerId, ...(viaList ? { viaList } : {}) });
      return { heading: "Completed", text: `“${view.task.title}” is done.` };
    }
    const view = await actors.handle(claim.taskId, { kind: "snooze", ownerId: claim.ownerId, until: snoozeUntil.toISOString(), ...(viaList ? { viaList } : {}) });
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


