/**
 * Comment events on the plan's topics (docs/events.md): `task-events`
 * (audit: the list's activity) and `task-updates` (live stream; mentions
 * notified by the notifications app), keyed by task id. Every consumer of
 * those topics routes `tickler.comment.changed.v1` (an unknown type is
 * dead-lettered), so deploy the consumers first.
 */
import { z } from "zod";
import { COMMENT_EVENT_KINDS, type CommentEvent } from "../domain/index.js";
import { UnpublishableEventError, type CloudEvent } from "./envelope.js";

export const COMMENT_CHANGED_TYPE = "tickler.comment.changed.v1";
export const COMMENT_EVENT_TYPES = [COMMENT_CHANGED_TYPE] as const;

export interface CommentEventData extends CommentEvent {
  type: typeof COMMENT_CHANGED_TYPE;
}

export function commentEventEnvelope(event: CommentEvent, source: string): CloudEvent<CommentEventData> {
  return {
    specversion: "1.0",
    id: event.eventId,
    source,
    type: COMMENT_CHANGED_TYPE,
    subject: event.taskId,
    time: event.occurredAt,
    datacontenttype: "application/json",
    data: { type: COMMENT_CHANGED_TYPE, ...event },
  };
}

const instant = z.string().datetime({ offset: true });

export const commentEventDataSchema = z.object({
  type: z.literal(COMMENT_CHANGED_TYPE),
  eventId: z.string().min(1),
  kind: z.enum(COMMENT_EVENT_KINDS),
  commentId: z.string().min(1),
  taskId: z.string().min(1),
  ownerId: z.string().min(1),
  listId: z.string(),
  taskTitle: z.string(),
  actorId: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: instant,
  comment: z.object({
    id: z.string().min(1),
    taskId: z.string().min(1),
    authorId: z.string().min(1),
    text: z.string(),
    createdAt: instant,
    editedAt: instant.nullable(),
    // An imported comment: what its file said (docs/comments.md#export-and-import).
    importedFrom: z.object({ authorId: z.string().min(1), createdAt: instant, editedAt: instant.nullable() }).optional(),
  }),
  mentioned: z.array(z.string().min(1)).max(50),
});

export type ParsedCommentEvent = z.infer<typeof commentEventDataSchema>;

export const isCommentEvent = (data: { type: string }): data is ParsedCommentEvent => data.type === COMMENT_CHANGED_TYPE;

/** The producer's side of the contract: an event consumers would refuse is never committed to a comment's outbox (the request fails with 500 instead). */
export function checkCommentPublishable(event: CommentEvent): void {
  const result = commentEventDataSchema.safeParse(commentEventEnvelope(event, "tickler/check").data);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new UnpublishableEventError(`event ${event.eventId} does not match its published schema: ${issues.join("; ")}`);
  }
}
