/**
 * A task assigned to someone by someone else → "assigned to you" in the
 * assignee's inbox (docs/lists.md#assignees). Whom is pure
 * (`assignmentNotice`, src/domain/assignment.ts); they are told only if they
 * may read the task now (asked of its list's actor, as for a mention), once
 * per task version (the notification's id), on their `channels.assignments`
 * (none at all when they turned them off) with quiet hours holding the
 * webhook and email deliveries.
 */
import { assignmentNotice } from "../domain/index.js";
import type { ParsedTaskEvent } from "../events/envelope.js";
import { presentTask } from "../events/taskBody.js";
import type { ListAccessChecks } from "../infra/listAccess.js";
import type { Logger } from "../infra/logger.js";
import { deliveriesFor } from "./channels.js";
import type { NotificationStore } from "./store.js";
import type { RecordedDispatch, ReminderChannels } from "./subscribers.js";

export function assignmentNotifier(
  store: Pick<NotificationStore, "record" | "webhooksOf">,
  log: Logger,
  now: () => Date,
  access: Pick<ListAccessChecks, "may">,
  channels?: ReminderChannels,
  dispatch?: Pick<RecordedDispatch, "kick">,
) {
  return async (event: ParsedTaskEvent): Promise<"applied" | "duplicate" | "none"> => {
    const notice = assignmentNotice(event);
    if (notice === null) return "none";
    const { task } = event;
    if (!(await access.may(notice.userId, event.ownerId, task.listId, "read"))) {
      log.info({ taskId: event.taskId, listId: task.listId }, "assignment not notified: the assignee may not read the task");
      return "applied";
    }
    const at = now();
    const { deliveries, heldUntil, off } = await deliveriesFor(store, channels, notice.userId, at, "assignments");
    if (off) {
      log.info({ taskId: event.taskId, version: event.version }, "assignment not notified: the assignee turned assignment notices off");
      return "applied";
    }
    const id = notice.notificationId;
    const isNew = await store.record({
      _id: id,
      ownerId: notice.userId,
      taskId: event.taskId,
      title: task.title,
      remindAt: event.occurredAt,
      firedAt: event.occurredAt,
      receivedAt: at.toISOString(),
      kind: "assignment",
      heldUntil,
      state: deliveries.length === 0 ? "delivered" : "fired",
      payload: { type: "task.assigned", deliveryId: id, taskId: event.taskId, taskTitle: task.title, listId: task.listId, assignedBy: notice.assignedBy, task: presentTask(task) },
      deliveries,
    });
    if (!isNew) return "duplicate";
    log.info({ taskId: event.taskId, version: event.version }, "assignment notified");
    if (deliveries.length > 0 && heldUntil === null) dispatch?.kick();
    return "applied";
  };
}
