/**
 * Every access decision about lists and the tasks in them, in one place:
 * the routes, MCP tools, live stream, calendar feed and export all ask here.
 * Pure: the caller brings the list as its actor holds it.
 */

/** What can be done with a list or the tasks in it. */
export const LIST_ACTIONS = ["read", "editTasks", "editList", "deleteList"] as const;
export type ListAction = (typeof LIST_ACTIONS)[number];

export const LIST_ROLES = ["owner"] as const;
export type Role = (typeof LIST_ROLES)[number];

const GRANTS: Record<Role, readonly ListAction[]> = {
  owner: LIST_ACTIONS,
};

/** The parts of a list access depends on. */
export interface ListAccess {
  ownerId: string;
}

export function roleOf(list: ListAccess, userId: string): Role | null {
  return list.ownerId === userId ? "owner" : null;
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
