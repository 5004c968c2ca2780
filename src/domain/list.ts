/**
 * A list (a project): its contract, as one zod schema like the task's, and
 * its whole behaviour as a pure decision. Every task belongs to exactly one
 * list; each user has an Inbox, made the first time it is needed. Who may do
 * what with a list is decided by src/domain/access.ts, nowhere else.
 */
import { z } from "zod";
import { can, LIST_ROLES, roleOf, type ListAction, type Member, type Role } from "./access.js";
import { DomainError } from "./errors.js";
import { instantSchema } from "./task.js";

export const MAX_LIST_NAME = 100;
/** Lists a user may own (docs/api-limits.md); the Inbox counts. */
export const MAX_LISTS_PER_USER = 200;
/** Members of one list besides its owner, and invitations waiting for an answer (docs/api-limits.md). */
export const MAX_LIST_MEMBERS = 50;
export const MAX_PENDING_INVITATIONS = 50;
/** Lists one user may be a member of (their own included): bounds "my lists" and every membership filter. */
export const MAX_MEMBERSHIPS_PER_USER = 500;
export const INBOX_NAME = "Inbox";
/** The Inbox stands first among a user's lists until moved (before every creation-time key, src/domain/position.ts). */
export const INBOX_POSITION = "01";

export const listSchema = z.strictObject({
  id: z.string().min(1),
  ownerId: z.string().min(1),
  name: z.string(),
  colour: z.string().nullable().meta({ description: "#rrggbb, or null" }),
  archived: z.boolean(),
  position: z.string().meta({ description: "the list's place among the caller's lists (a fractional key, see docs/lists.md)" }),
  inbox: z.boolean().meta({ description: "the owner's Inbox: made on first use, never deleted, archived or shared" }),
  members: z.array(z.strictObject({ userId: z.string().min(1), role: z.enum(LIST_ROLES) })).meta({ description: "everyone but the owner who accepted an invitation, with their role" }),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  version: z.number().int().min(1),
});

export type List = z.output<typeof listSchema>;

/** The fields a client may write; `name` is required on create. */
export const WRITABLE_LIST_FIELDS = ["name", "colour", "archived", "position"] as const satisfies readonly (keyof List)[];
export type WritableListField = (typeof WRITABLE_LIST_FIELDS)[number];
export type ListInput = Pick<List, "name"> & Partial<Pick<List, Exclude<WritableListField, "name">>>;
export type ListPatch = Partial<Pick<List, WritableListField>>;

/** What the list's actor stores: a deleted list stays as a tombstone, so its id is never reused and its version keeps counting. */
export interface ListRecord {
  list: List;
  deletedAt: string | null;
  /** Invitations waiting for the invitee's answer (nobody joins without consent). */
  invitations?: Invitation[];
}

export interface Invitation {
  id: string;
  listId: string;
  userId: string;
  role: Exclude<Role, "owner">;
  invitedBy: string;
  createdAt: string;
}

export type ListCommand =
  | { kind: "create"; userId: string; listId: string; input: ListInput; position: string }
  /** The caller's Inbox, made if it does not exist yet; the shell checks that the id is that user's Inbox id. */
  | { kind: "ensureInbox"; userId: string; listId: string }
  | { kind: "update"; userId: string; patch: ListPatch; expectedVersion?: number }
  | { kind: "delete"; userId: string }
  | { kind: "invite"; userId: string; invitationId: string; inviteeId: string; role: Exclude<Role, "owner"> }
  /** The invitee's answer: accept joins with the invited role, decline drops the invitation. */
  | { kind: "answer"; userId: string; invitationId: string; accept: boolean }
  /** `role: "owner"` transfers ownership: the member becomes the owner, the owner an editor. */
  | { kind: "setRole"; userId: string; memberId: string; role: Role }
  /** Removes a member; a member removing themselves leaves. */
  | { kind: "removeMember"; userId: string; memberId: string }
  /** Withdraws an invitation still waiting for an answer: the invitee can no longer accept it. */
  | { kind: "withdraw"; userId: string; invitationId: string };

export interface ListDecision {
  record: ListRecord;
  changed: boolean;
}

export function decideList(current: ListRecord | null, command: ListCommand, now: Date): ListDecision {
  const at = now.toISOString();
  if (command.kind === "create" || command.kind === "ensureInbox") {
    if (current) {
      if (command.kind === "ensureInbox" && current.list.ownerId === command.userId) return { record: current, changed: false };
      throw new DomainError("already_exists", `list ${command.listId} already exists`);
    }
    const input: ListInput = command.kind === "create" ? command.input : { name: INBOX_NAME };
    const list: List = {
      id: command.listId,
      ownerId: command.userId,
      name: input.name,
      colour: input.colour ?? null,
      archived: input.archived ?? false,
      position: input.position ?? (command.kind === "create" ? command.position : INBOX_POSITION),
      inbox: command.kind === "ensureInbox",
      members: [],
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    checkInvariants(list);
    return { record: { list, deletedAt: null }, changed: true };
  }
  if (command.kind === "answer") return answer(current, command, at);
  if (command.kind === "removeMember" && command.memberId === command.userId) return leave(current, command.userId, at);
  const list = authorizedList(current, command.userId, ACTION_OF[command.kind]);
  if (command.kind === "invite") return invite(current!, list, command, at);
  if (command.kind === "setRole") return setRole(current!, list, command, at);
  if (command.kind === "withdraw") return withdraw(current!, list, command.invitationId, at);
  if (command.kind === "removeMember") {
    // Looked up first: inside the filter it was never asked when the list had no members, so removing a non-member answered 204.
    const gone = memberOf(list, command.memberId).userId;
    return withMembers(current!, list, list.members.filter((m) => m.userId !== gone), at);
  }
  if (command.kind === "delete") {
    if (list.inbox) throw new DomainError("invalid_transition", "the Inbox cannot be deleted", "id");
    return { record: { list: { ...list, version: list.version + 1, updatedAt: at }, deletedAt: at }, changed: true };
  }
  if (command.expectedVersion !== undefined && command.expectedVersion !== list.version) {
    throw new DomainError("version_mismatch", `list is at version ${list.version}, not ${command.expectedVersion}`);
  }
  const changed = WRITABLE_LIST_FIELDS.filter((field) => command.patch[field] !== undefined && command.patch[field] !== list[field]);
  if (changed.length === 0) return { record: current!, changed: false };
  const next: List = { ...list, ...Object.fromEntries(changed.map((f) => [f, command.patch[f]])), version: list.version + 1, updatedAt: at };
  checkInvariants(next);
  return { record: { ...current!, list: next }, changed: true };
}

/**
 * The list, if `userId` may do `action` on it. A list the user is not a
 * member of (or a deleted one) does not exist for them (404); a member
 * without the right is refused (403).
 */
export function authorizedList(record: ListRecord | null, userId: string, action: ListAction): List {
  if (!record || record.deletedAt !== null) throw listNotFound(record?.list.id ?? "requested");
  const verdict = can(record.list, userId, action);
  if (verdict === "hidden") throw listNotFound(record.list.id);
  if (verdict === "refused") throw new DomainError("forbidden", `you may not ${action} in list ${record.list.id}`, "listId");
  return record.list;
}

const ACTION_OF: Record<"update" | "delete" | "invite" | "setRole" | "removeMember" | "withdraw", ListAction> = {
  update: "editList",
  delete: "deleteList",
  invite: "manageMembers",
  setRole: "manageMembers",
  removeMember: "manageMembers",
  withdraw: "manageMembers",
};

/**
 * The invitations waiting for an answer, newest first, to whoever may manage
 * the list's members (404 or 403 to anyone else, as `authorizedList`). At most
 * MAX_PENDING_INVITATIONS, so never paged.
 */
export function pendingInvitations(record: ListRecord | null, userId: string): Invitation[] {
  authorizedList(record, userId, "manageMembers");
  // Reversed first: of two made in the same millisecond, the later one (stored after) comes first; sort is stable.
  return [...(record!.invitations ?? [])].reverse().sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

function invite(current: ListRecord, list: List, command: Extract<ListCommand, { kind: "invite" }>, at: string): ListDecision {
  if (list.inbox) throw new DomainError("invalid_task", "an Inbox is not shared: invite to another list", "listId");
  if (command.inviteeId === command.userId) throw new DomainError("invalid_task", "you cannot invite yourself", "userId");
  if (roleOf(list, command.inviteeId) !== null) throw new DomainError("already_exists", `${command.inviteeId} is already a member`, "userId");
  const pending = current.invitations ?? [];
  const same = pending.find((i) => i.userId === command.inviteeId);
  // Inviting again answers the invitation already waiting (its role updated), so a retry makes no second one.
  if (same && same.role === command.role) return { record: current, changed: false };
  if (!same && pending.length >= MAX_PENDING_INVITATIONS) throw new DomainError("limit_reached", `at most ${MAX_PENDING_INVITATIONS} invitations may wait for an answer`, "userId");
  if (!same && list.members.length >= MAX_LIST_MEMBERS) throw new DomainError("limit_reached", `a list has at most ${MAX_LIST_MEMBERS} members besides its owner`, "userId");
  const invitation: Invitation = same
    ? { ...same, role: command.role }
    : { id: command.invitationId, listId: list.id, userId: command.inviteeId, role: command.role, invitedBy: command.userId, createdAt: at };
  const invitations = [...pending.filter((i) => i.userId !== command.inviteeId), invitation];
  return { record: { ...current, list: bumped(list, at), invitations }, changed: true };
}

function withdraw(current: ListRecord, list: List, invitationId: string, at: string): ListDecision {
  const pending = current.invitations ?? [];
  if (!pending.some((i) => i.id === invitationId)) throw new DomainError("not_found", `invitation ${invitationId} is not waiting for an answer in list ${list.id}`, "invitationId");
  return { record: { ...current, list: bumped(list, at), invitations: pending.filter((i) => i.id !== invitationId) }, changed: true };
}

function answer(current: ListRecord | null, command: Extract<ListCommand, { kind: "answer" }>, at: string): ListDecision {
  const invitation = current?.deletedAt === null ? current.invitations?.find((i) => i.id === command.invitationId && i.userId === command.userId) : undefined;
  if (!current || !invitation) throw new DomainError("not_found", `invitation ${command.invitationId} does not exist`, "id");
  const invitations = current.invitations!.filter((i) => i.id !== invitation.id);
  const members = command.accept ? [...current.list.members, { userId: invitation.userId, role: invitation.role }] : current.list.members;
  return { record: { ...current, list: { ...bumped(current.list, at), members }, invitations }, changed: true };
}

function leave(current: ListRecord | null, userId: string, at: string): ListDecision {
  const list = authorizedList(current, userId, "read");
  if (list.ownerId === userId) throw new DomainError("invalid_task", "the owner cannot leave: transfer ownership first", "userId");
  return withMembers(current!, list, list.members.filter((m) => m.userId !== userId), at);
}

function setRole(current: ListRecord, list: List, command: Extract<ListCommand, { kind: "setRole" }>, at: string): ListDecision {
  if (command.memberId === list.ownerId) {
    if (command.role === "owner") return { record: current, changed: false };
    throw new DomainError("invalid_task", "a list keeps an owner: make another member the owner instead", "role");
  }
  const member = memberOf(list, command.memberId);
  if (member.role === command.role) return { record: current, changed: false };
  if (command.role === "owner") {
    // Transfer: the member becomes the owner, the owner stays on as an editor.
    const members = [...list.members.filter((m) => m.userId !== member.userId), { userId: list.ownerId, role: "editor" as const }];
    return { record: { ...current, list: { ...bumped(list, at), ownerId: member.userId, members } }, changed: true };
  }
  const role = command.role;
  return withMembers(current, list, list.members.map((m) => (m.userId === member.userId ? { ...m, role } : m)), at);
}

function memberOf(list: List, userId: string): Member {
  const member = list.members.find((m) => m.userId === userId);
  if (!member) throw new DomainError("not_found", `${userId} is not a member of list ${list.id}`, "userId");
  return member;
}

function withMembers(current: ListRecord, list: List, members: Member[], at: string): ListDecision {
  return { record: { ...current, list: { ...bumped(list, at), members } }, changed: true };
}

const bumped = (list: List, at: string): List => ({ ...list, version: list.version + 1, updatedAt: at });

export const listNotFound = (listId: string) => new DomainError("not_found", `list ${listId} does not exist`, "listId");

function checkInvariants(list: List): void {
  if (list.inbox && list.archived) throw new DomainError("invalid_task", "the Inbox cannot be archived", "archived");
}
