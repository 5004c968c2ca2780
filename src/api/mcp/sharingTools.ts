/**
 * MCP tools for sharing a list (docs/lists.md#sharing): invitations (and the
 * owner's view and withdrawal of those waiting), the invitee's answer, members
 * and roles, leaving. They call the REST routes with the caller's token, so
 * only the owner manages members and nobody joins a list without accepting;
 * the inputs are the routes' own schemas.
 */
import { z } from "zod";
import { MAX_PENDING_INVITATIONS } from "../../domain/index.js";
import type { McpServer } from "@modelcontextprotocol/server";
import { invitationBodySchema, invitationSchema, listBodySchema, memberParam, memberPatchSchema, membersSchema, myInvitationsSchema, pendingInvitationsSchema } from "../lists/schema.js";
import { READ_ONLY, toolResult } from "./results.js";
import { expectOk, type TicklerRest } from "./rest.js";
import { listIdInput, listLine, listPath, type ListBody } from "./listTools.js";

type Members = z.infer<typeof membersSchema>;
type Invitation = z.infer<typeof invitationBodySchema>;
type Pending = z.infer<typeof pendingInvitationsSchema>;
const memberPath = (id: string, user: string) => `${listPath(id)}/members/${encodeURIComponent(user)}`;
const membersText = (members: Members) => members.items.map((m) => `- ${m.userId}: ${m.role}`).join("\n");
const invitationLine = (i: Invitation & { listName?: string }) => `- ${i.listName ?? i.listId} as ${i.role}, invited by ${i.invitedBy} (invitation ${i.id})`;
const pendingLine = (i: Invitation) => `- ${i.userId} as ${i.role}, invited by ${i.invitedBy} at ${i.createdAt} (invitation ${i.id})`;
const WRITE = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

/** The caller's own user id: the owner of the one Inbox among their lists (an Inbox is never shared). */
async function me(rest: TicklerRest): Promise<string> {
  const { items } = await expectOk<{ items: ListBody[] }>(rest.call("GET", "/api/v1/lists"));
  const inbox = items.find((l) => l.inbox);
  if (!inbox) throw new Error("your Inbox is missing from your lists: pass your userId");
  return inbox.ownerId;
}

export function registerSharingTools(server: McpServer, rest: TicklerRest): void {
  server.registerTool("list-members", {
    title: "List a list's members",
    description: "Who is in a list and with which role (owner, editor, commenter, viewer): the owner first. Any member may ask.",
    inputSchema: { id: listIdInput },
    outputSchema: membersSchema,
    annotations: READ_ONLY,
  }, async ({ id }) => {
    const members = await expectOk<Members>(rest.call("GET", `${listPath(id)}/members`));
    return toolResult(membersText(members), members);
  });

  server.registerTool("invite-to-list", {
    title: "Invite someone to a list",
    description: "Invite a user to a list you own, by userId or by an email address they confirmed (exactly one), as editor (default), commenter or viewer. They join only when they accept (answer-invitation). Inviting the same user again changes the waiting invitation's role.",
    inputSchema: { id: listIdInput, userId: invitationSchema.shape.userId, email: invitationSchema.shape.email, role: invitationSchema.shape.role },
    outputSchema: { invitation: invitationBodySchema },
    annotations: WRITE,
  }, async ({ id, ...body }) => {
    const invitation = await expectOk<Invitation>(rest.call("POST", `${listPath(id)}/invitations`, { body }));
    return toolResult(`Invited ${invitation.userId}:\n${invitationLine(invitation)}`, { invitation });
  });

  server.registerTool("list-invitations", {
    title: "List a list's waiting invitations",
    description: `The invitations to a list you own still waiting for an answer, newest first (all of them: at most ${MAX_PENDING_INVITATIONS} may wait): whom, with which role, since when. Withdraw one with withdraw-invitation.`,
    inputSchema: { id: listIdInput },
    outputSchema: pendingInvitationsSchema,
    annotations: READ_ONLY,
  }, async ({ id }) => {
    const pending = await expectOk<Pending>(rest.call("GET", `${listPath(id)}/invitations`));
    return toolResult(pending.items.length ? pending.items.map(pendingLine).join("\n") : "No invitations waiting.", pending);
  });

  server.registerTool("withdraw-invitation", {
    title: "Withdraw an invitation",
    description: "Withdraw an invitation to a list you own that is still waiting for an answer: the invitee no longer sees it and can no longer accept it (invite them again for a new one). Withdrawing it again changes nothing and answers 404, as does an invitation already answered.",
    inputSchema: { id: listIdInput, invitationId: z.string().min(1).max(100).describe("invitation id (list-invitations)") },
    outputSchema: { withdrawn: z.string().describe("the invitation id") },
    // Takes the invitee's chance to join away; a repeat has no further effect (it answers 404).
    annotations: { ...WRITE, destructiveHint: true },
  }, async ({ id, invitationId }) => {
    await expectOk(rest.call("DELETE", `${listPath(id)}/invitations/${encodeURIComponent(invitationId)}`));
    return toolResult(`Withdrew invitation ${invitationId} to list ${id}.`, { withdrawn: invitationId });
  });

  server.registerTool("set-member-role", {
    title: "Change a member's role",
    description: "Change a member's role in a list you own. Role owner transfers ownership: that member becomes the owner and you an editor.",
    inputSchema: { id: listIdInput, userId: memberParam.describe("the member's user id (list-members)"), role: memberPatchSchema.shape.role },
    outputSchema: membersSchema,
    // Lowering a role or handing over ownership takes rights away.
    annotations: { ...WRITE, destructiveHint: true },
  }, async ({ id, userId, role }) => {
    const members = await expectOk<Members>(rest.call("PATCH", memberPath(id, userId), { body: { role } }));
    return toolResult(`${userId} is now ${role}.\n${membersText(members)}`, members);
  });

  server.registerTool("remove-member", {
    title: "Remove a member, or leave a list",
    description: "Remove a member from a list you own; without userId (or with your own), leave a list shared with you. Their access ends at once (the owner cannot leave: transfer ownership first).",
    inputSchema: { id: listIdInput, userId: memberParam.optional().describe("the member to remove (list-members); omit to leave the list yourself") },
    outputSchema: { removed: z.string() },
    annotations: { ...WRITE, destructiveHint: true },
  }, async ({ id, userId }) => {
    const member = userId ?? (await me(rest));
    await expectOk(rest.call("DELETE", memberPath(id, member)));
    return toolResult(userId === undefined ? `You left list ${id}.` : `Removed ${member} from list ${id}.`, { removed: member });
  });

  server.registerTool("my-invitations", {
    title: "My invitations",
    description: "The invitations to lists waiting for your answer (answer-invitation), with each list's name.",
    inputSchema: {},
    outputSchema: myInvitationsSchema,
    annotations: READ_ONLY,
  }, async () => {
    const answer = await expectOk<z.infer<typeof myInvitationsSchema>>(rest.call("GET", "/api/v1/me/invitations"));
    return toolResult(answer.items.length ? answer.items.map(invitationLine).join("\n") : "No invitations.", answer);
  });

  server.registerTool("answer-invitation", {
    title: "Accept or decline an invitation",
    description: "Accept an invitation waiting for you (you join the list with the invited role) or decline it (it is gone; only the owner can invite you again).",
    inputSchema: { id: z.string().min(1).max(100).describe("invitation id (my-invitations)"), answer: z.enum(["accept", "decline"]) },
    outputSchema: { answer: z.enum(["accept", "decline"]), list: listBodySchema.optional().describe("the list joined (accept)") },
    // A decline discards the invitation.
    annotations: { ...WRITE, destructiveHint: true },
  }, async ({ id, answer }) => {
    const path = `/api/v1/me/invitations/${encodeURIComponent(id)}/${answer}`;
    if (answer === "decline") {
      await expectOk(rest.call("POST", path));
      return toolResult("Declined.", { answer });
    }
    const list = await expectOk<ListBody>(rest.call("POST", path));
    return toolResult(`Joined:\n${listLine(list)}`, { answer, list });
  });
}
