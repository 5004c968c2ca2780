/**
 * Rename, merge or remove a tag across one user's tasks. Each affected task
 * gets an ordinary `update` command through its own actor, so every change is
 * versioned, published and audited like any other edit. Running it again
 * finds nothing left to change (idempotent).
 */
import type { TaskActors } from "../../actors/client.js";
import { DomainError, type Task } from "../../domain/index.js";
import type { ReadModel } from "../../infra/readModel.js";
import { planList, type Cursor } from "../../infra/taskQuery.js";
import { retagged } from "../../domain/tags.js";

export interface RetagDeps {
  actors: TaskActors;
  readModel: Pick<ReadModel, "list" | "applyAfterWrite">;
  now?: () => Date;
}

const PAGE = 100;
/** A task edited between our read and our write is read again and retried this often. */
const ATTEMPTS = 4;

/** `to` null removes the tag; otherwise it replaces `from` (a merge when the task already has `to`). */
export async function retag(deps: RetagDeps, ownerId: string, from: string, to: string | null): Promise<{ changed: number }> {
  let changed = 0;
  let after: Cursor | undefined;
  for (;;) {
    const query = planList({ ownerId, status: "all", tags: [from], sort: "createdAt", limit: PAGE, after }, (deps.now ?? (() => new Date()))());
    const page = await deps.readModel.list(query, "createdAt");
    for (const task of page.items) if (await retagOne(deps, ownerId, task, from, to)) changed++;
    if (!page.next) return { changed };
    after = page.next;
  }
}

async function retagOne(deps: RetagDeps, ownerId: string, seen: Task, from: string, to: string | null): Promise<boolean> {
  let task = seen;
  for (let attempt = 1; ; attempt++) {
    if (!task.tags.includes(from)) return false;
    const tags = [...retagged(task.tags, from, to)];
    try {
      const view = await deps.actors.handle(task.id, { kind: "update", ownerId, patch: { tags }, expectedVersion: task.version });
      if (view.changed) await deps.readModel.applyAfterWrite(view.task, view.deleted);
      return view.changed;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      // Deleted meanwhile: nothing to retag.
      if (err.code === "not_found") return false;
      if (err.code !== "version_mismatch" || attempt >= ATTEMPTS) throw err;
      // The read model lagged behind, or someone edited the task: ask its actor.
      task = await deps.actors.read(task.id, ownerId);
    }
  }
}
