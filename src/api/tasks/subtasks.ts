/**
 * The API's side of subtasks: reads the tree around a task from the read
 * model (a level at a time, bounded), asks the pure rules
 * (src/domain/subtasks.ts), and lists the subtasks a parent's delete, move,
 * completion or restore takes along.
 */
import { CHAIN_LIMIT, DomainError, MAX_SUBTASK_DEPTH, parentProblem, type Task, type TreeNode } from "../../domain/index.js";
import type { ReadModel } from "../../infra/readModel.js";

export type TreeReads = Pick<ReadModel, "get" | "children">;

/**
 * Subtasks one operation takes along at most (4 levels of a tree could hold
 * more): past it the operation is refused before anything is written.
 */
export const MAX_SUBTREE = 500;

/** The proposed parent and its ancestors (null where one is missing or deleted). */
async function chainFrom(reads: TreeReads, parentId: string): Promise<(TreeNode | null)[]> {
  const chain: (TreeNode | null)[] = [];
  let next: string | null = parentId;
  while (next !== null && chain.length < CHAIN_LIMIT) {
    const task = await reads.get(next);
    if (!task || task.deleted) {
      chain.push(null);
      break;
    }
    chain.push({ id: task.id, listId: task.listId, parentId: task.parentId });
    next = task.parentId;
  }
  return chain;
}

/** The task's subtasks by level (children first), live or in the trash; refuses a subtree over MAX_SUBTREE. */
export async function subtreeOf(reads: TreeReads, taskId: string, deleted = false): Promise<Task[][]> {
  const levels: Task[][] = [];
  let ids = [taskId];
  let count = 0;
  for (let depth = 1; depth < MAX_SUBTASK_DEPTH && ids.length > 0; depth++) {
    const level = await reads.children(ids, deleted, MAX_SUBTREE + 1 - count);
    count += level.length;
    if (count > MAX_SUBTREE) throw new DomainError("limit_reached", `the task has more than ${MAX_SUBTREE} subtasks to take along`, "parentId");
    if (level.length > 0) levels.push(level);
    ids = level.map((t) => t.id);
  }
  return levels;
}

/** Throws 400 naming parentId unless the task (`taskId`, absent on create) may be a subtask of `parentId` in `listId`. */
export async function checkParent(reads: TreeReads, p: { taskId?: string; listId: string; parentId: string }): Promise<void> {
  const [chain, subtree] = await Promise.all([chainFrom(reads, p.parentId), p.taskId === undefined ? [] : subtreeOf(reads, p.taskId)]);
  const problem = parentProblem({ ...(p.taskId === undefined ? {} : { taskId: p.taskId }), listId: p.listId, chain, subtreeHeight: subtree.length + 1 });
  if (problem) throw new DomainError("invalid_task", problem.message, problem.field);
}

/** The list a new subtask goes to when the request names none: its parent's (checked again by checkParent). */
export async function parentListOf(reads: TreeReads, parentId: string): Promise<string | undefined> {
  const parent = await reads.get(parentId);
  return parent && !parent.deleted ? parent.listId : undefined;
}
