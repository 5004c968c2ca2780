/**
 * The I/O side of src/domain/access.ts for the surfaces other than the REST
 * routes (live stream, reminders, email action links, calendar feed,
 * export): it asks the list's actor or reads the lists view, as
 * `SURFACE_CHECKS` says for each surface; the decisions stay in the domain.
 */
import { DomainError, isPrivateToMaker, visibleIn, type ListAction } from "../domain/index.js";
import { reminderRecipient } from "../domain/access.js";
import { inboxIdOf } from "./ids.js";
import type { ListsView } from "./listsView.js";

/** What is asked of a list's actor (src/actors/client.ts `ListActors` answers it). */
export interface ListAccessActors {
  /** Who may read the list now; none when it does not exist. */
  audience(listId: string): Promise<string[]>;
  /** Resolves if `userId` may do `action`; throws not_found or forbidden (DomainError) if not. */
  authorize(listId: string, userId: string, action: ListAction): Promise<unknown>;
}

export class ListAccessChecks {
  constructor(
    private readonly actors: ListAccessActors,
    /** Only the surfaces that read the view need it (the api app). */
    private readonly view?: Pick<ListsView, "idsOf">,
  ) {}

  /** Who receives an event of a task of `listId` made by `makerId` (actor: asked per event). */
  async recipients(makerId: string, listId: string | null | undefined): Promise<string[]> {
    if (isPrivateToMaker(listId, inboxIdOf(makerId))) return [makerId];
    return this.actors.audience(listId!);
  }

  /** Whether `userId` may do `action` with a task of `listId` made by `makerId`, asked of the list's actor now. */
  async may(userId: string, makerId: string, listId: string | null | undefined, action: ListAction): Promise<boolean> {
    if (isPrivateToMaker(listId, inboxIdOf(makerId))) return userId === makerId;
    try {
      await this.actors.authorize(listId!, userId, action);
      return true;
    } catch (err) {
      if (err instanceof DomainError && (err.code === "not_found" || err.code === "forbidden")) return false;
      throw err;
    }
  }

  /**
   * Who gets a reminder of a task made by `makerId`: its assignee while they
   * may read its list, else its maker while they may; null: nobody any more
   * (src/domain/access.ts `reminderRecipient`).
   */
  async reminderRecipient(makerId: string, task: { listId?: string | null; assigneeId?: string | null }): Promise<string | null> {
    const assignee = task.assigneeId ?? null;
    const assigneeMayRead = assignee !== null && assignee !== makerId && (await this.may(assignee, makerId, task.listId, "read"));
    const recipient = reminderRecipient(makerId, assignee, assigneeMayRead);
    if (recipient !== makerId) return recipient;
    return (await this.may(makerId, makerId, task.listId, "read")) ? makerId : null;
  }

  /** The lists `userId` may read now, from the lists view (written before every membership change's 2xx), with their Inbox. */
  async readable(userId: string): Promise<Set<string>> {
    if (!this.view) throw new Error("ListAccessChecks.readable needs the lists view");
    return new Set([inboxIdOf(userId), ...(await this.view.idsOf(userId))]);
  }

  /** A filter over tasks for `userId` from `readable` (the resume of a stream). */
  visible(readable: ReadonlySet<string>, userId: string): (task: { ownerId: string; listId?: string | null }) => boolean {
    return (task) => visibleIn(readable, userId, task.ownerId, task.listId, inboxIdOf(task.ownerId));
  }
}
