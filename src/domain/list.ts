/**
 * A list (a project): its contract, as one zod schema like the task's, and
 * its whole behaviour as a pure decision. Every task belongs to exactly one
 * list; each user has an Inbox, made the first time it is needed. Who may do
 * what with a list is decided by src/domain/access.ts, nowhere else.
 */
import { z } from "zod";
import { can, type ListAction } from "./access.js";
import { DomainError } from "./errors.js";
import { instantSchema } from "./task.js";

export const MAX_LIST_NAME = 100;
/** Lists a user may own (docs/api-limits.md); the Inbox counts. */
export const MAX_LISTS_PER_USER = 200;
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
  inbox: z.boolean().meta({ description: "the owner's Inbox: made on first use, never deleted or archived" }),
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
}

export type ListCommand =
  | { kind: "create"; userId: string; listId: string; input: ListInput; position: string }
  /** The caller's Inbox, made if it does not exist yet; the shell checks that the id is that user's Inbox id. */
  | { kind: "ensureInbox"; userId: string; listId: string }
  | { kind: "update"; userId: string; patch: ListPatch; expectedVersion?: number }
  | { kind: "delete"; userId: string };

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
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    checkInvariants(list);
    return { record: { list, deletedAt: null }, changed: true };
  }
  const list = authorizedList(current, command.userId, command.kind === "delete" ? "deleteList" : "editList");
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

export const listNotFound = (listId: string) => new DomainError("not_found", `list ${listId} does not exist`, "listId");

function checkInvariants(list: List): void {
  if (list.inbox && list.archived) throw new DomainError("invalid_task", "the Inbox cannot be archived", "archived");
}
