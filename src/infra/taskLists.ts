/**
 * Tasks from before lists: each lands in its owner's Inbox, in creation
 * order. Applied where an old task can still appear: an actor's stored
 * record (at load), an older event or a redriven dead letter (at the read
 * model), and the read model's stored documents (`assignLegacyTasks`, once at start).
 */
import type { Model } from "mongoose";
import { positionAt, type Task } from "../domain/index.js";
import { inboxIdOf } from "./ids.js";

/** The task with its list; a task that has one is returned as it is. */
export function withList(task: Task): Task {
  // A task from before subtasks is a top-level one; from before assignees, unassigned.
  if (task.listId && task.position && task.parentId !== undefined && task.assigneeId !== undefined) return task;
  return { ...task, listId: task.listId || inboxIdOf(task.ownerId), position: task.position || positionAt(task.createdAt), parentId: task.parentId ?? null, assigneeId: task.assigneeId ?? null };
}

/** Documents updated per round trip of the migration. */
const BATCH = 500;

/**
 * Gives every stored task without a list its owner's Inbox, a batch at a
 * time; safe to run on every start and from several replicas at once (each
 * update is conditional on the list still missing). Answers how many it moved.
 */
export async function assignLegacyTasks(tasks: Model<{ _id: string; ownerId: string; createdAt: string; listId?: string }>): Promise<number> {
  let moved = 0;
  for (;;) {
    const batch = await tasks.find({ listId: null }, { _id: 1, ownerId: 1, createdAt: 1 }).limit(BATCH).lean();
    if (batch.length === 0) return moved;
    const res = await tasks.bulkWrite(batch.map((doc) => ({
      updateOne: { filter: { _id: doc._id, listId: null }, update: { $set: { listId: inboxIdOf(doc.ownerId), position: positionAt(doc.createdAt) } } },
    })), { ordered: false });
    moved += res.modifiedCount;
  }
}
