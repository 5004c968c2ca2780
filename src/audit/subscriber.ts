/** task-events → the append-only audit log, one entry per event id. */
import { TASK_EVENT_TYPES, taskEventDataSchema, type ParsedTaskEvent } from "../events/envelope.js";
import { TOPICS } from "../events/topics.js";
import type { AuditLog } from "./store.js";
import type { TopicSubscriber } from "../http/subscriptions/adapter.js";

export function auditSubscriber(audit: AuditLog, now: () => Date): TopicSubscriber<ParsedTaskEvent> {
  return {
    topic: TOPICS.taskEvents,
    consumer: "audit",
    types: TASK_EVENT_TYPES,
    schema: taskEventDataSchema,
    async handle(event) {
      return (await audit.append(event, now())) ? "applied" : "duplicate";
    },
  };
}
