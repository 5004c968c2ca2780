/**
 * List events on the plan's topics (docs/events.md): `task-events` (audit)
 * and `task-updates` (the lists view's projection, the live stream), keyed by
 * list id so one list's events keep their order. Every consumer of those
 * topics routes `tickler.list.changed.v1` (an unknown type is dead-lettered).
 */
import { z } from "zod";
import { LIST_EVENT_KINDS, LIST_ROLES, listSchema, tolerant, type ListEvent } from "../domain/index.js";
import type { CloudEvent } from "./envelope.js";

export const LIST_CHANGED_TYPE = "tickler.list.changed.v1";
export const LIST_EVENT_TYPES = [LIST_CHANGED_TYPE] as const;

export interface ListEventData extends ListEvent {
  type: typeof LIST_CHANGED_TYPE;
}

export function listEventEnvelope(event: ListEvent, source: string): CloudEvent<ListEventData> {
  return {
    specversion: "1.0",
    id: event.eventId,
    source,
    type: LIST_CHANGED_TYPE,
    subject: event.listId,
    time: event.occurredAt,
    datacontenttype: "application/json",
    data: { type: LIST_CHANGED_TYPE, ...event },
  };
}

const invitationSchema = z.object({
  id: z.string().min(1),
  listId: z.string().min(1),
  userId: z.string().min(1),
  role: z.enum(LIST_ROLES).exclude(["owner"]),
  invitedBy: z.string().min(1),
  createdAt: z.string(),
});

export const listEventDataSchema = z.object({
  type: z.literal(LIST_CHANGED_TYPE),
  eventId: z.string().min(1),
  listId: z.string().min(1),
  kind: z.enum(LIST_EVENT_KINDS),
  actorId: z.string().min(1),
  memberId: z.string().nullable(),
  version: z.number().int().positive(),
  occurredAt: z.string().datetime({ offset: true }),
  // Read tolerantly, as a task's snapshot is: a later version of the list may carry fields this one does not know.
  list: tolerant(listSchema),
  deleted: z.boolean(),
  invitations: z.array(invitationSchema),
  removed: z.array(z.string()),
});

export type ParsedListEvent = z.infer<typeof listEventDataSchema>;

export const isListEvent = (data: { type: string }): data is ParsedListEvent => data.type === LIST_CHANGED_TYPE;
