/**
 * Sharing a list: invitations (nobody joins without consent; the owner sees
 * those still waiting and may withdraw them), the invitee's answer, members
 * and their roles, leaving, ownership transfer. Every change is a command to
 * the list's actor, which applies src/domain/access.ts and the rules of
 * src/domain/list.ts; the lists view is updated before the answer.
 */
import { randomUUID } from "node:crypto";
import type { Context, Middleware } from "koa";
import type { ListActors } from "../../actors/client.js";
import type { ListView } from "../../actors/listActor.js";
import { DomainError, MAX_MEMBERSHIPS_PER_USER, type List, type ListCommand } from "../../domain/index.js";
import type { InvitationEmailRequest } from "../../infra/clients/notifications.js";
import { inboxIdOf } from "../../infra/ids.js";
import type { ListsView } from "../../infra/listsView.js";
import { newRouter, type Router } from "../../infra/http/router.js";
import { readJson } from "../../http/body.js";
import { badRequest, limitReached, notFoundProblem } from "../../http/problem.js";
import { parseOr400 } from "../../http/validate.js";
import type { AuthState } from "../auth.js";
import type { Lists } from "./lists.js";
import { invitationSchema, memberParam, memberPatchSchema } from "./schema.js";

export interface MemberRoutesDeps {
  guard: Middleware[];
  actors: ListActors;
  lists: Pick<Lists, "authorize" | "inbox">;
  view: Pick<ListsView, "apply" | "invitationsOf" | "listOfInvitation" | "idsOf">;
  /** Who confirmed this address (preferences); absent: invitations by email are refused. */
  usersWithEmail?(email: string): Promise<string[]>;
  /** Has the invitation emailed to the invitee's confirmed address (the notifications app, once per invitation). */
  emailInvitation?(request: InvitationEmailRequest): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The invitee's answer, from the app or an invitation email's link
 * (src/api/actionPage/routes.ts): not_found when the invitation is no
 * longer waiting for them (answered, withdrawn, or never theirs).
 */
export async function answerInvitation(deps: Pick<MemberRoutesDeps, "actors" | "view">, userId: string, invitationId: string, accept: boolean): Promise<ListView> {
  const listId = await deps.view.listOfInvitation(invitationId);
  if (!listId) throw notFoundProblem(`invitation ${invitationId} does not exist`);
  // Bounds "my lists" and the lists GET /tasks keeps to (counted from the view: a race may pass one over).
  if (accept && (await deps.view.idsOf(userId)).length >= MAX_MEMBERSHIPS_PER_USER) {
    throw limitReached(409, "MAX_MEMBERSHIPS_PER_USER", MAX_MEMBERSHIPS_PER_USER, "leave a list before joining another");
  }
  const view = await deps.actors.handle(listId, { kind: "answer", userId, invitationId, accept });
  await deps.view.apply(view.list, view.deleted, view.invitations);
  return view;
}

/** The owner first, then the members in the order they joined. */
export const membersOf = (list: List) => ({ items: [{ userId: list.ownerId, role: "owner" as const }, ...list.members] });

export function memberRoutes(deps: MemberRoutesDeps): Router {
  const router = newRouter();
  router.use(...deps.guard);
  const userId = (ctx: Context) => (ctx.state as AuthState).userId;
  const uuidParam = (ctx: Context, what: string) => {
    const id = String(ctx.params.id);
    if (!UUID.test(id)) throw notFoundProblem(`${what} ${id} does not exist`);
    return id.toLowerCase();
  };
  const memberId = (ctx: Context) => {
    const parsed = memberParam.safeParse(String(ctx.params.userId));
    if (!parsed.success) throw badRequest("not a user id", [{ path: "userId", message: parsed.error.issues[0]!.message }]);
    return parsed.data;
  };

  async function inviteeByEmail(email: string): Promise<string> {
    const users = deps.usersWithEmail ? await deps.usersWithEmail(email) : [];
    if (users.length === 1) return users[0]!;
    throw badRequest("nobody can be invited at this address", [{
      path: "email",
      message: users.length === 0 ? "no Tickler user has confirmed this address (they confirm it in their preferences); invite their user id instead" : "more than one user confirmed this address: invite their user id instead",
    }]);
  }

  async function write(id: string, command: ListCommand): Promise<ListView> {
    const view = await deps.actors.handle(id, command);
    await deps.view.apply(view.list, view.deleted, view.invitations);
    return view;
  }

  router.post("/api/v1/lists/:id/invitations", async (ctx) => {
    const id = uuidParam(ctx, "list");
    const body = parseOr400(invitationSchema, await readJson(ctx));
    // The caller's own Inbox, even before it was made, answers that an Inbox is not shared (not 404).
    if (id === inboxIdOf(userId(ctx))) await deps.lists.inbox(userId(ctx));
    // Only the list's owner learns who (if anyone) confirmed an address: asked after their right to invite is checked.
    if (body.email !== undefined) await deps.lists.authorize(id, userId(ctx), "manageMembers");
    const inviteeId = body.userId ?? (await inviteeByEmail(body.email!));
    const view = await write(id, { kind: "invite", userId: userId(ctx), invitationId: randomUUID(), inviteeId, role: body.role }).catch((err: unknown) => {
      // The refusal names the field the caller sent.
      if (body.email !== undefined && err instanceof DomainError && err.field === "userId") throw new DomainError(err.code, err.message.replace(inviteeId, body.email), "email");
      throw err;
    });
    const invitation = view.invitations.find((i) => i.userId === inviteeId)!;
    // A retry invites again (the same invitation answers) and asks again: the email is recorded once per invitation.
    if (body.email !== undefined) {
      await deps.emailInvitation?.({ ownerId: inviteeId, to: body.email, invitationId: invitation.id, listId: id, listName: view.list.name, role: invitation.role, invitedBy: userId(ctx) });
    }
    ctx.status = 201;
    ctx.body = invitation;
  });

  // From the list's actor (the authority), as the members' route: it holds the invitations and decides who may see them.
  router.get("/api/v1/lists/:id/invitations", async (ctx) => {
    const id = uuidParam(ctx, "list");
    if (id === inboxIdOf(userId(ctx))) await deps.lists.inbox(userId(ctx));
    ctx.body = { items: await deps.actors.invitations(id, userId(ctx)) };
  });

  router.delete("/api/v1/lists/:id/invitations/:invitationId", async (ctx) => {
    const id = uuidParam(ctx, "list");
    if (id === inboxIdOf(userId(ctx))) await deps.lists.inbox(userId(ctx));
    const raw = String(ctx.params.invitationId);
    if (!UUID.test(raw)) {
      // Not an id any invitation has: the same answer as an unknown one (403 to a member who may not manage, else 404).
      await deps.lists.authorize(id, userId(ctx), "manageMembers");
      throw new DomainError("not_found", `invitation ${raw} is not waiting for an answer in list ${id}`, "invitationId");
    }
    await write(id, { kind: "withdraw", userId: userId(ctx), invitationId: raw.toLowerCase() });
    ctx.status = 204;
  });

  router.get("/api/v1/me/invitations", async (ctx) => {
    ctx.body = { items: await deps.view.invitationsOf(userId(ctx)) };
  });

  for (const [path, accept] of [["accept", true], ["decline", false]] as const) {
    router.post(`/api/v1/me/invitations/:id/${path}`, async (ctx) => {
      const view = await answerInvitation(deps, userId(ctx), uuidParam(ctx, "invitation"), accept);
      if (accept) ctx.body = view.list;
      else ctx.status = 204;
    });
  }

  router.get("/api/v1/lists/:id/members", async (ctx) => {
    ctx.body = membersOf(await deps.lists.authorize(uuidParam(ctx, "list"), userId(ctx), "read"));
  });

  router.patch("/api/v1/lists/:id/members/:userId", async (ctx) => {
    const id = uuidParam(ctx, "list");
    const member = memberId(ctx);
    const { role } = parseOr400(memberPatchSchema, await readJson(ctx));
    ctx.body = membersOf((await write(id, { kind: "setRole", userId: userId(ctx), memberId: member, role })).list);
  });

  router.delete("/api/v1/lists/:id/members/:userId", async (ctx) => {
    const id = uuidParam(ctx, "list");
    await write(id, { kind: "removeMember", userId: userId(ctx), memberId: memberId(ctx) });
    ctx.status = 204;
  });

  return router;
}
