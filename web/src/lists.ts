/** Pure helpers of the lists in the app: shared or not, the live stream's list frames, activity entries in words. */
import { can, roleOf, type Role } from "../../src/domain/access.js";
import type { ActivityEntry, List } from "./types.js";

/**
 * A list as the live stream's `list.changed` frame left it, applied to the
 * sidebar's lists: newer versions only; gone when deleted, archived or no
 * longer the user's (removed, left). The frame can arrive before GET /lists
 * reflects the change, so the frame itself is the newer truth.
 */
export function withListFrame(lists: List[], frame: List & { deleted?: boolean }, user: string): List[] {
  const known = lists.find((l) => l.id === frame.id);
  if (known && known.version >= frame.version) return lists;
  const others = lists.filter((l) => l.id !== frame.id);
  const mine = frame.ownerId === user || frame.members.some((m) => m.userId === user);
  if (frame.deleted || frame.archived || !mine) return others;
  const { id, ownerId, name, colour, archived, position, inbox, members, createdAt, updatedAt, version } = frame;
  const list: List = { id, ownerId, name, colour, archived, position, inbox, members, createdAt, updatedAt, version };
  return [...others, list].sort((x, y) => (x.position === y.position ? (x.id < y.id ? -1 : 1) : x.position < y.position ? -1 : 1));
}

/**
 * May `user` change the tasks of `list` (edit, complete, move, delete)? The
 * access policy's own rule. A list the sidebar does not know (not loaded yet)
 * counts as editable: the API still decides, and a refusal is shown.
 */
export const mayEditTasks = (list: List | null | undefined, user: string): boolean =>
  !list || can(list, user, "editTasks") === "allowed";

/** The user's role in `list`, for words such as "you are a viewer". */
export const roleIn = (list: List, user: string): Role | null => roleOf(list, user);

/** Shared: someone else owns it, or it has members (`members` leaves out the owner). */
export const isShared = (list: List, user: string) => list.ownerId !== user || list.members.length > 0;

/** One line for an entry: who did what to which task, or to the list and its members. */
export function describeActivity(a: ActivityEntry): string {
  // A comment on one of the list's tasks (docs/comments.md#events): its text, short.
  if (a.comment) {
    const text = typeof a.comment.text === "string" ? a.comment.text.replace(/\s+/g, " ") : "";
    const quoted = `“${text.length > 80 ? `${text.slice(0, 79)}…` : text}”`;
    if (a.kind === "deleted") return `${a.actor} deleted a comment`;
    return `${a.actor} ${a.kind === "edited" ? "edited a comment:" : "commented:"} ${quoted}`;
  }
  if (a.taskId) {
    const kind = a.type.replace(/^tickler\.task\.|\.v\d+$/g, "");
    const title = typeof a.task?.title === "string" ? `“${a.task.title}”` : "a task";
    const fields = a.changed.length > 0 && kind === "updated" ? ` (${a.changed.join(", ")})` : "";
    return `${a.actor}: ${title} ${kind}${fields}`;
  }
  const members = Array.isArray(a.list?.members) ? (a.list.members as { userId: string; role: string }[]) : [];
  const roleOfMember = a.list?.ownerId === a.memberId ? "owner" : members.find((m) => m.userId === a.memberId)?.role;
  switch (a.kind) {
    case "create": return `${a.actor} made the list`;
    case "update": return `${a.actor} changed the list${a.changed.length ? ` (${a.changed.join(", ")})` : ""}`;
    case "delete": return `${a.actor} deleted the list`;
    case "invite": return `${a.actor} invited ${a.memberId ?? "someone"}`;
    case "answer": return roleOfMember ? `${a.actor} joined as ${roleOfMember}` : `${a.actor} declined an invitation`;
    case "setRole": return `${a.actor} made ${a.memberId ?? "a member"} ${roleOfMember ?? "a member"}`;
    case "removeMember": return a.actor === a.memberId ? `${a.actor} left the list` : `${a.actor} removed ${a.memberId ?? "a member"}`;
    case "withdraw": return `${a.actor} withdrew the invitation of ${a.memberId ?? "someone"}`;
    default: return `${a.actor}: ${a.kind ?? a.type}`;
  }
}
