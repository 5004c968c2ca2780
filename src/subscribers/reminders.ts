/**
 * reminders → the notification service. Delivery channels (webhooks, live
 * stream, inbox) arrive with reminder planning; for now the service accepts
 * and logs well-formed `reminder.due` events so the subscription, routing and
 * dead-lettering are exercised end to end.
 */
import { z } from "zod";
import { TOPICS } from "../events/topics.js";
import type { Logger } from "../infra/logger.js";
import type { TopicSubscriber } from "./adapter.js";

export const REMINDER_DUE_TYPE = "tickler.reminder.due.v1";

const reminderDueSchema = z.object({
  type: z.literal(REMINDER_DUE_TYPE),
  deliveryId: z.string().min(1),
  taskId: z.string().min(1),
  ownerId: z.string().min(1),
});

export function reminderSubscriber(log: Logger): TopicSubscriber<z.infer<typeof reminderDueSchema>> {
  return {
    topic: TOPICS.reminders,
    types: [REMINDER_DUE_TYPE],
    schema: reminderDueSchema,
    async handle(event) {
      log.info({ taskId: event.taskId, deliveryId: event.deliveryId }, "reminder due received");
    },
  };
}
