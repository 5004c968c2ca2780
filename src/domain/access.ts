/**
 * Every access decision about lists and the tasks in them, in one place:
 * the routes, MCP tools, live stream, calendar feed and export all ask here.
 * Pure: the caller brings the list as its actor holds it.
 */

/** What can be done with a list or the tasks in it. */
export const LIST_ACTIONS = ["read", "comment", "editTasks", "editList", "manageMembers", "deleteList"] as const;
export type ListAction = (typeof LIST_ACTIONS)[number];

/** Roles from most to least able; each can do what the next can and more. */
export const LIST_ROLES = ["owner", "editor", "commenter", "viewer"] as const;
export type Role = (typeof LIST_ROLES)[number];

const GRANTS: Record<Role, readonly ListAction[]> = {
  owner: LIST_ACTIONS,
  // Create, edit, complete, move and comment on tasks; not the list itself or its members.
  editor: ["read", "comment", "editTasks"],
  commenter: ["read", "comment"],
  viewer: ["read"],
};

export interface Member {
  userId: string;
  role: Role;
}

/** The parts of a list access depends on: its one owner and the other members. */
export interface ListAccess {
  ownerId: string;
  members: readonly Member[];
}

export function roleOf(list: ListAccess, userId: string): Role | null {
  if (list.ownerId === userId) return "owner";
  return list.members.find((m) => m.userId === userId)?.role ?? null;
}

/**
 * "allowed"; "refused" for a member without the right (403); "hidden" for
 * anyone else, who must not learn that the list exists (404).
 */
export function can(list: ListAccess, userId: string, action: ListAction): "allowed" | "refused" | "hidden" {
  const role = roleOf(list, userId);
  if (role === null) return "hidden";
  return GRANTS[role].includes(action) ? "allowed" : "refused";
}

/**
 * The surfaces that show or act on a list's tasks, and how each learns of a
 * membership change before the change's 2xx is answered (docs/adr/0012-access-on-every-surface.md):
 * - `actor`: asks the list's actor at the moment it acts, which has committed
 *   every change answered before (one turn at a time);
 * - `view`: reads the lists view (src/infra/listsView.ts), which every
 *   membership change writes before its 2xx, for reads over all of a user's
 *   lists at once (asking each list's actor would be one call per list).
 * Shells ask `checkOf(surface)` so a surface's choice is made here only.
 */
export const SURFACE_CHECKS = {
  /** REST routes on one list or task (and MCP, which calls them). */
  rest: "actor",
  /** GET /tasks without `list`: the caller's lists. */
  taskList: "view",
  /** A live-stream frame of a task or reminder: who may receive it now. */
  stream: "actor",
  /** The stream's resume from durable history. */
  streamResume: "view",
  /** A task's history and the caller's history feed (src/api/history/visible.ts): entries of lists they may read now. */
  history: "view",
  calendarFeed: "view",
  export: "view",
  /** A reminder email's Complete / Snooze link, when pressed. */
  actionLink: "actor",
  /** A reminder (inbox, webhooks, email), when the notification service records it. */
  reminder: "actor",
  /** CalDAV (src/api/dav/): the calendar home lists the user's lists from the view; a collection or object asks its list's actor on every request. */
  caldavHome: "view",
  caldav: "actor",
} as const satisfies Record<string, "actor" | "view">;
export type Surface = keyof typeof SURFACE_CHECKS;

export const checkOf = (surface: Surface): "actor" | "view" => SURFACE_CHECKS[surface];

/**
 * Whether a task in `listId` made by `makerId` is in a list that can be
 * shared at all: a maker's Inbox (never shared) or no list (stored before
 * lists, read as the maker's Inbox) is the maker's alone, so no list needs
 * asking. `inboxOfMaker` is the maker's Inbox id (src/infra/ids.ts).
 */
export function isPrivateToMaker(listId: string | null | undefined, inboxOfMaker: string): boolean {
  return !listId || listId === inboxOfMaker;
}

/** What a user does with the tasks of a list: in their own Inbox they always may (its owner, and it is never shared). */
const OWN_INBOX_TASK_ACTIONS: readonly ListAction[] = ["read", "comment", "editTasks"];

/**
 * Whether `userId` may do `action` with the tasks of `listId` without asking
 * the list's actor: only in their own Inbox (`inboxOfUser`), whose owner
 * they are by construction, for the task actions. Anything else asks the
 * actor. So a user's work in their Inbox does not wait on that list's
 * actor (one more hop, and one more replica to fail over).
 */
export function ownInboxAllows(listId: string, inboxOfUser: string, action: ListAction): boolean {
  return listId === inboxOfUser && OWN_INBOX_TASK_ACTIONS.includes(action);
}

/**
 * Whether a task in `list` may be assigned to `userId`: anyone the list has
 * (its owner or a member, whatever the role; docs/lists.md#assignees). In an
 * Inbox, which is never shared, that is its owner alone.
 */
export function mayBeAssigned(list: ListAccess, userId: string): boolean {
  return roleOf(list, userId) !== null;
}

/**
 * Who gets a task's reminders: its assignee while they may still read its
 * list, else its maker (an assignee removed before the api unassigned them
 * must not leave the reminder with nobody).
 */
export function reminderRecipient(makerId: string, assigneeId: string | null | undefined, assigneeMayRead: boolean): string {
  return assigneeId && assigneeMayRead ? assigneeId : makerId;
}

/** Who receives a list's events (live stream): its owner and every member, whatever the role. */
export function audienceOf(list: ListAccess): string[] {
  return [list.ownerId, ...list.members.map((m) => m.userId)];
}

/** From the lists a user may read now, whether a task of `listId` made by `makerId` is theirs to see. */
export function visibleIn(readable: ReadonlySet<string>, userId: string, makerId: string, listId: string | null | undefined, inboxOfMaker: string): boolean {
  if (isPrivateToMaker(listId, inboxOfMaker)) return makerId === userId;
  return readable.has(listId!);
}
