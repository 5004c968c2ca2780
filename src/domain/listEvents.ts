/**
 * A committed change of a list (its fields, its membership or invitations)
 * as an event: audited, projected into the lists view and streamed to the
 * list's members, like a task's events. Pure: the list's actor makes it
 * from the record before and after the change.
 */
import { audienceOf } from "./access.js";
import type { Invitation, List, ListCommand, ListRecord } from "./list.js";

export const LIST_EVENT_KINDS = ["create", "ensureInbox", "update", "delete", "invite", "answer", "setRole", "removeMember", "withdraw"] as const satisfies readonly ListCommand["kind"][];
export type ListEventKind = (typeof LIST_EVENT_KINDS)[number];

export interface ListEvent {
  /** `<listId>:l<version>`: one per version, the same on every re-publish (`l`: never a task event's `:v`). */
  eventId: string;
  listId: string;
  kind: ListEventKind;
  /** Who made the change. */
  actorId: string;
  /** The member a membership change is about (invited, answering, given a role, removed, their invitation withdrawn); else null. */
  memberId: string | null;
  version: number;
  occurredAt: string;
  list: List;
  deleted: boolean;
  invitations: Invitation[];
  /** Who could read the list before the change and cannot now (removed, left): told once, then nothing more. */
  removed: string[];
}

export const listEventId = (listId: string, version: number): string => `${listId}:l${version}`;

function memberOf(before: ListRecord | null, command: ListCommand): string | null {
  switch (command.kind) {
    case "withdraw":
      return before?.invitations?.find((i) => i.id === command.invitationId)?.userId ?? null;
    case "invite":
      return command.inviteeId;
    case "answer":
      return command.userId;
    case "setRole":
    case "removeMember":
      return command.memberId;
    default:
      return null;
  }
}

export function listEventOf(before: ListRecord | null, after: ListRecord, command: ListCommand): ListEvent {
  const now = new Set(after.deletedAt === null ? audienceOf(after.list) : []);
  const removed = before && before.deletedAt === null ? audienceOf(before.list).filter((u) => !now.has(u)) : [];
  return {
    eventId: listEventId(after.list.id, after.list.version),
    listId: after.list.id,
    kind: command.kind,
    actorId: command.userId,
    memberId: memberOf(before, command),
    version: after.list.version,
    occurredAt: after.list.updatedAt,
    list: after.list,
    deleted: after.deletedAt !== null,
    invitations: after.invitations ?? [],
    removed,
  };
}
