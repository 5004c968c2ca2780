/**
 * Subtasks in an imported file (docs/subtasks.md): which drafts are imported
 * under which, and in what order. Pure: a draft names its parent by the
 * parent's key in the same file (`parentKey`); a link to a key the file
 * lacks, a link in a cycle, and a link that would nest deeper than
 * MAX_SUBTASK_DEPTH are dropped (the draft is imported at the deepest level
 * the file's tree allows: under the ancestor at the last allowed level), so
 * one odd row never refuses a whole file. Linear in the number of drafts.
 */
import { MAX_SUBTASK_DEPTH } from "./subtasks.js";

export interface Nestable {
  key: string;
  parentKey?: string;
}

/** Per draft (same order as given): the key of its parent after the rules above (undefined: top level), and its level (1: top). */
export interface Nesting {
  parentKey: (string | undefined)[];
  level: number[];
}

export function nestImport(drafts: readonly Nestable[]): Nesting {
  const index = new Map<string, number>();
  drafts.forEach((d, i) => {
    if (!index.has(d.key)) index.set(d.key, i);
  });
  const parentOf = drafts.map((d) => (d.parentKey !== undefined && d.parentKey !== d.key ? index.get(d.parentKey) : undefined));
  // Depth of each draft from the top, following links; a draft in (or under) a cycle is cut loose at the cycle.
  const level: number[] = new Array(drafts.length).fill(0);
  const parentKey: (string | undefined)[] = new Array(drafts.length).fill(undefined);
  const state: number[] = new Array(drafts.length).fill(0); // 0 new, 1 on the current path, 2 done
  for (let start = 0; start < drafts.length; start++) {
    if (state[start] === 2) continue;
    // Walk up until a finished draft, a top-level one or a cycle; then settle the path top-down.
    const path: number[] = [];
    let at: number | undefined = start;
    while (at !== undefined && state[at] === 0) {
      state[at] = 1;
      path.push(at);
      at = parentOf[at];
    }
    // `at` on the path again: the link into it closes a cycle, cut at the draft whose parent it is.
    if (at !== undefined && state[at] === 1) parentOf[path[path.length - 1]!] = undefined;
    for (let i = path.length - 1; i >= 0; i--) {
      const d = path[i]!;
      const p = parentOf[d];
      if (p === undefined) {
        level[d] = 1;
      } else if (level[p]! < MAX_SUBTASK_DEPTH) {
        level[d] = level[p]! + 1;
        parentKey[d] = drafts[p]!.key;
      } else {
        // Too deep: beside its parent, under the parent's own parent.
        level[d] = level[p]!;
        parentKey[d] = parentKey[p];
        parentOf[d] = parentOf[p];
      }
      state[d] = 2;
    }
  }
  return { parentKey, level };
}
