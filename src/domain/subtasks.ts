/**
 * Subtasks (docs/subtasks.md): a task may have a parent in the same list, to
 * at most MAX_SUBTASK_DEPTH levels, without cycles. Pure: the API brings the
 * proposed parent's chain of ancestors and the height of the task's own
 * subtree from the read model, and asks here before it writes.
 */

/** A top-level task is level 1; its subtasks level 2, and so on down to this. */
export const MAX_SUBTASK_DEPTH = 4;

/** What the check needs of a task in the chain. */
export interface TreeNode {
  id: string;
  listId: string;
  parentId: string | null;
}

export interface ParentProposal {
  /** The task getting the parent (absent: one being created). */
  taskId?: string;
  /** The list the task will be in. */
  listId: string;
  /**
   * The proposed parent first, then its parent, and so on up to a top-level
   * task (or MAX_SUBTASK_DEPTH + 1 entries, enough to see a chain too deep);
   * `null` where a task in the chain does not exist (or is deleted).
   */
  chain: (TreeNode | null)[];
  /** Levels of the task's own subtree: 1 for a task without subtasks. */
  subtreeHeight: number;
}

/** What is wrong with giving the task that parent (always about `parentId`), or null if nothing. */
export function parentProblem(p: ParentProposal): { field: "parentId"; message: string } | null {
  const problem = (message: string) => ({ field: "parentId" as const, message });
  const [parent] = p.chain;
  if (!parent) return problem("is not a task you can see (it does not exist or was deleted)");
  if (parent.listId !== p.listId) return problem("must be a task in the same list (a subtask stays in its parent's list)");
  if (p.taskId !== undefined && p.chain.some((node) => node?.id === p.taskId)) return problem("would make a cycle: the parent is this task or one of its subtasks");
  const parentLevel = levelOf(p.chain);
  if (parentLevel === null || parentLevel + p.subtreeHeight > MAX_SUBTASK_DEPTH) {
    return problem(`would nest deeper than ${MAX_SUBTASK_DEPTH} levels (a task, its subtasks and theirs, down to ${MAX_SUBTASK_DEPTH})`);
  }
  return null;
}

/** The level of the chain's first task (1: top level), or null if the chain is deeper than any allowed tree or broken. */
function levelOf(chain: (TreeNode | null)[]): number | null {
  for (let i = 0; i < chain.length && i < MAX_SUBTASK_DEPTH; i++) {
    const node = chain[i];
    if (!node) return null;
    if (node.parentId === null) return i + 1;
  }
  return null;
}

/** The ids to fetch next while walking up from `parentId`: used by the API's chain reader to stop in time. */
export const CHAIN_LIMIT = MAX_SUBTASK_DEPTH + 1;
