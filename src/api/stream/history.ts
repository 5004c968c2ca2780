/**
 * Where a live-stream resume reads the durable history: the audit app's
 * per-user feed (task events) and the notification app's inbox (reminder
 * firings), both through Dapr service invocation, as GET /history does.
 */
import { TASK_EVENT_KINDS, type Task } from "../../domain/index.js";
import { taskEventType } from "../../events/envelope.js";
import type { AuditClient } from "../../infra/clients/audit.js";
import type { NotificationsClient } from "../../infra/clients/notifications.js";
import type { ListAccessChecks } from "../../infra/listAccess.js";
import { sseFrame } from "./ids.js";
import { replayFromHistory, type FrameMaker, type Replay, type ResumeLimits, type ResumeSource } from "./resume.js";
import { presentTask } from "../tasks/presenter.js";

export function resumeSourceVia(audit: Pick<AuditClient, "entry" | "history">, notifications: Pick<NotificationsClient, "fired">): ResumeSource {
  return {
    taskEvent: (ownerId, eventId) => audit.entry(ownerId, eventId),
    taskEventsAfter: (ownerId, after, limit) => audit.history(ownerId, after, limit, true),
    firing: async (ownerId, deliveryId) => (await notifications.fired(ownerId, { deliveryId }))[0] ?? null,
    firingsSince: (ownerId, since, limit) => notifications.fired(ownerId, { since, limit }),
  };
}

/** The frames the live path sends (./subscribers.ts), from history. */
export const historyFrames: FrameMaker = {
  taskFrame(entry) {
    const kind = TASK_EVENT_KINDS.find((k) => taskEventType(k) === entry.type) ?? "updated";
    return { id: entry.eventId, text: sseFrame(`task.${kind}`, entry.eventId, presentTask(entry.task as unknown as Task)) };
  },
  reminderFrame(f) {
    return { id: f.deliveryId, text: sseFrame("reminder.due", f.deliveryId, { deliveryId: f.deliveryId, remindAt: f.remindAt, firedAt: f.firedAt, task: f.task }) };
  },
};

/** What a resume keeps of the user's history: the tasks of lists they may read now (from the lists view). */
export type ResumeAccess = Pick<ListAccessChecks, "readable" | "visible">;

export function historyResume(source: ResumeSource, limits: ResumeLimits, access?: ResumeAccess): (userId: string, lastId: string) => Promise<Replay | null> {
  return async (userId, lastId) => {
    if (!access) return replayFromHistory(source, userId, lastId, limits, historyFrames);
    const visible = access.visible(await access.readable(userId), userId);
    // Both histories are the user's own (audit by owner, firings by owner): the user made every task in them.
    const keep = (task: unknown) => {
      const listId = (task as { listId?: unknown } | null)?.listId;
      return visible({ ownerId: userId, listId: typeof listId === "string" ? listId : null });
    };
    return replayFromHistory(source, userId, lastId, limits, historyFrames, keep);
  };
}
