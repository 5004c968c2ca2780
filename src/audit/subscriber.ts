/** task-events → the append-only audit log, one entry per event id: the tasks' events, the lists' (src/events/listEnvelope.ts) and the comments' (src/events/commentEnvelope.ts). */
import { z } from "zod";
import { TASK_EVENT_TYPES, taskEventDataSchema, type ParsedTaskEvent } from "../events/envelope.js";
import { isListEvent, LIST_EVENT_TYPES, listEventDataSchema, type ParsedListEvent } from "../events/listEnvelope.js";
import { COMMENT_EVENT_TYPES, commentEventDataSchema, isCommentEvent, type ParsedCommentEvent } from "../events/commentEnvelope.js";
import { TOPICS } from "../events/topics.js";
import type { AuditLog } from "./store.js";
import type { TopicSubscriber } from "../http/subscriptions/adapter.js";

export function auditSubscriber(audit: AuditLog, now: () => Date): TopicSubscriber<ParsedTaskEvent | ParsedListEvent | ParsedCommentEvent> {
  return {
    topic: TOPICS.taskEvents,
    consumer: "audit",
    types: [...TASK_EVENT_TYPES, ...LIST_EVENT_TYPES, ...COMMENT_EVENT_TYPES],
    schema: z.union([taskEventDataSchema, listEventDataSchema, commentEventDataSchema]),
    async handle(event) {
      const added = isCommentEvent(event)
        ? await audit.appendComment(event, now())
        : isListEvent(event) ? await audit.appendList(event, now()) : await audit.append(event, now());
      return added ? "applied" : "duplicate";
    },
  };
}
