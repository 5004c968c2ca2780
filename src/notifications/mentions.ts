/**
 * A comment's mentions → notifications (docs/comments.md#mentions). Each
 * user the event names as newly mentioned is notified if they may read the
 * task now (asked of its list's actor, as for a reminder: src/domain/access.ts),
 * and is not its author: once per comment and user (the notification's id),
 * so a redelivered event or a later edit naming them again notifies nobody
 * twice. Channels are the user's `channels.reminders`; quiet hours hold the
 * webhook and email deliveries as they hold a reminder's.
 */
import { MAX_MENTIONS_PER_COMMENT } from "../domain/index.js";
import type { ParsedCommentEvent } from "../events/commentEnvelope.js";
import type { ListAccessChecks } from "../infra/listAccess.js";
import type { Logger } from "../infra/logger.js";
import { deliveriesFor } from "./channels.js";
import type { NotificationStore } from "./store.js";
import type { RecordedDispatch, ReminderChannels } from "./subscribers.js";

/** One notification per comment and mentioned user. */
export const mentionNotificationId = (commentId: string, userId: string): string => `mention:${commentId}:${userId}`;

export function mentionNotifier(
  store: Pick<NotificationStore, "record" | "webhooksOf">,
  log: Logger,
  now: () => Date,
  access: Pick<ListAccessChecks, "may">,
  channels?: ReminderChannels,
  dispatch?: Pick<RecordedDispatch, "kick">,
) {
  return async (event: ParsedCommentEvent): Promise<"applied" | "duplicate"> => {
    if (event.kind === "deleted") return "applied";
    let recorded = 0;
    let repeated = 0;
    // The producer bounds mentions; a consumer does not trust an event to.
    for (const userId of event.mentioned.slice(0, MAX_MENTIONS_PER_COMMENT)) {
      if (userId === event.comment.authorId) continue;
      if (!(await access.may(userId, event.ownerId, event.listId, "read"))) {
        log.info({ commentId: event.commentId, listId: event.listId }, "mention not notified: the user may not read the task");
        continue;
      }
      const at = now();
      const { deliveries, heldUntil } = await deliveriesFor(store, channels, userId, at);
      const id = mentionNotificationId(event.commentId, userId);
      const isNew = await store.record({
        _id: id,
        ownerId: userId,
        taskId: event.taskId,
        title: event.taskTitle,
        remindAt: event.occurredAt,
        firedAt: event.occurredAt,
        receivedAt: at.toISOString(),
        kind: "mention",
        heldUntil,
        state: deliveries.length === 0 ? "delivered" : "fired",
        payload: { type: "comment.mention", deliveryId: id, taskId: event.taskId, taskTitle: event.taskTitle, listId: event.listId, comment: event.comment },
        deliveries,
      });
      if (!isNew) {
        repeated++;
        continue;
      }
      recorded++;
      if (deliveries.length > 0 && heldUntil === null) dispatch?.kick();
    }
    if (recorded > 0) log.info({ commentId: event.commentId, recorded }, "mentions notified");
    // A redelivery (or an edit naming only users notified already) notifies nobody again.
    return recorded === 0 && repeated > 0 ? "duplicate" : "applied";
  };
}
