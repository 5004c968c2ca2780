/**
 * Where a live-stream resume reads the durable history: the audit app's
 * per-user feed (task events) and the notification app's inbox (reminder
 * firings), both through Dapr service invocation, as GET /history does.
 */
import { TASK_EVENT_KINDS, type Task } from "../../domain/index.js";
import { taskEventType } from "../../events/envelope.js";
import type { Sidecar } from "../../infra/sidecar.js";
import { sseFrame } from "./ids.js";
import { replayFromHistory, type FrameMaker, type HistoryTaskEvent, type RecordedFiring, type Replay, type ResumeLimits, type ResumeSource } from "./resume.js";
import { presentTask } from "../tasks/presenter.js";

export function resumeSourceVia(sidecar: Pick<Sidecar, "invokeApp">, apps: { audit: string; notifications: string }): ResumeSource {
  const audit = async <T>(path: string, query: Record<string, string>) =>
    sidecar.invokeApp<T>(apps.audit, "GET", `internal/${path}?${new URLSearchParams(query)}`);
  const inbox = async (query: Record<string, string>) =>
    (await sidecar.invokeApp<{ items: RecordedFiring[] }>(apps.notifications, "GET", `internal/notifications/fired?${new URLSearchParams(query)}`))?.items ?? [];
  return {
    taskEvent: async (ownerId, eventId) => (await audit<{ item: HistoryTaskEvent | null }>("history-entry", { ownerId, eventId }))?.item ?? null,
    taskEventsAfter: async (ownerId, after, limit) =>
      (await audit<{ items: HistoryTaskEvent[] }>("history", { ownerId, limit: String(limit), afterRecordedAt: after.recordedAt, afterId: after.id, fresh: "1" }))
        ?.items ?? [],
    firing: async (ownerId, deliveryId) => (await inbox({ ownerId, deliveryId }))[0] ?? null,
    firingsSince: (ownerId, since, limit) => inbox({ ownerId, since, limit: String(limit) }),
  };
}

/** The frames the live path sends (subscribers/projection.ts, notifications/subscribers.ts), from history. */
export const historyFrames: FrameMaker = {
  taskFrame(entry) {
    const kind = TASK_EVENT_KINDS.find((k) => taskEventType(k) === entry.type) ?? "updated";
    return { id: entry.eventId, text: sseFrame(`task.${kind}`, entry.eventId, presentTask(entry.task as unknown as Task)) };
  },
  reminderFrame(f) {
    return { id: f.deliveryId, text: sseFrame("reminder.due", f.deliveryId, { deliveryId: f.deliveryId, remindAt: f.remindAt, firedAt: f.firedAt, task: f.task }) };
  },
};

export function historyResume(source: ResumeSource, limits: ResumeLimits): (userId: string, lastId: string) => Promise<Replay | null> {
  return (userId, lastId) => replayFromHistory(source, userId, lastId, limits, historyFrames);
}
