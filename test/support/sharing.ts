/** Sharing steps the e2e specs share: a member joins a list (invited, then accepting), and a user's mention and assignment notifications. */
import { expect } from "chai";
import type { apiAs } from "./stack.js";

type Api = Awaited<ReturnType<typeof apiAs>>;

/** `member` joins `listId` as `role`: `owner` invites them by user id and they accept. */
export async function join(owner: Api, listId: string, member: Api, role: string): Promise<void> {
  const invited = await owner.call("POST", `/lists/${listId}/invitations`, { userId: member.user, role });
  expect(invited.status, JSON.stringify(invited.body)).to.equal(201);
  const accepted = await member.call("POST", `/me/invitations/${invited.body.id}/accept`);
  expect(accepted.status, JSON.stringify(accepted.body)).to.equal(200);
}

/** The mention notifications `api`'s user has about `taskId`. */
export const mentionsOf = async (api: Api, taskId: string) =>
  ((await api.call("GET", "/notifications")).body.items as { kind?: string; taskId: string | null }[]).filter((n) => n.kind === "mention" && n.taskId === taskId);

/** The "assigned to you" notifications `api`'s user has about `taskId`. */
export const assignmentsOf = async (api: Api, taskId: string) =>
  ((await api.call("GET", "/notifications")).body.items as { kind?: string; taskId: string | null; deliveryId: string }[]).filter((n) => n.kind === "assignment" && n.taskId === taskId);
