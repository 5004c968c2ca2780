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
