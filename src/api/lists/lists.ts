/**
 * The lists use cases the other features share: which list a new or moved
 * task goes to (the caller's Inbox by default, made on first use) and
 * whether the caller may read or edit a list's tasks. Every answer comes
 * from the list's actor, which applies src/domain/access.ts.
 */
import type { ListActors } from "../../actors/client.js";
import type { List, ListAction } from "../../domain/index.js";
import { inboxIdOf } from "../../infra/ids.js";
import type { ListsView } from "../../infra/listsView.js";

export class Lists {
  constructor(
    private readonly actors: ListActors,
    private readonly view: Pick<ListsView, "apply">,
  ) {}

  /** The user's Inbox, made (and shown in their lists) the first time it is asked for. */
  async inbox(userId: string): Promise<List> {
    const view = await this.actors.handle(inboxIdOf(userId), { kind: "ensureInbox", userId, listId: inboxIdOf(userId) });
    if (view.changed) await this.view.apply(view.list, false, view.invitations);
    return view.list;
  }

  /** The list if `userId` may do `action` in it; the caller's own Inbox id always answers (made if needed). */
  async authorize(listId: string, userId: string, action: ListAction): Promise<List> {
    if (listId === inboxIdOf(userId)) await this.inbox(userId);
    return this.actors.authorize(listId, userId, action);
  }

  /** The list a task created by `userId` goes to: the one asked for (which they must be able to edit), else their Inbox. */
  async forNewTask(userId: string, listId: string | undefined): Promise<string> {
    return (listId === undefined ? await this.inbox(userId) : await this.authorize(listId, userId, "editTasks")).id;
  }
}
