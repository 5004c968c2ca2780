/**
 * The lists use cases the other features share: which list a new or moved
 * task goes to (the caller's Inbox by default, made on first use) and
 * whether the caller may read or edit a list's tasks. Every answer comes
 * from the list's actor, which applies src/domain/access.ts.
 */
import type { ListActors } from "../../actors/client.js";
import { ownInboxAllows, type List, type ListAction } from "../../domain/index.js";
import { inboxIdOf } from "../../infra/ids.js";
import type { ListsView } from "../../infra/listsView.js";

/** How many users' Inboxes a process remembers as made (an Inbox is never deleted). */
const KNOWN_INBOXES_MAX = 10_000;

/** How long a create waits for the read store to show a new Inbox. */
const VIEW_WAIT_MS = 1000;

/** Waits for `work` at most VIEW_WAIT_MS; its failure is dropped (the view is repaired where it is read). */
async function bestEffort(work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, VIEW_WAIT_MS)))]);
  clearTimeout(timer);
}

export class Lists {
  /** Users whose Inbox this process has seen made: a create in it need not ask its actor again. */
  private readonly knownInboxes = new Set<string>();

  constructor(
    private readonly actors: Pick<ListActors, "handle" | "authorize">,
    private readonly view: Pick<ListsView, "apply">,
  ) {}

  /**
   * The user's Inbox, made the first time it is asked for. Showing it in
   * their lists (the read store) is best effort, at most VIEW_WAIT_MS: the
   * list's actor is the authority, so a read store that is down or slow must
   * not refuse a task's create; GET /lists puts a missing Inbox in the view
   * (`showInView`).
   */
  async inbox(userId: string, showInView = false): Promise<List> {
    const view = await this.actors.handle(inboxIdOf(userId), { kind: "ensureInbox", userId, listId: inboxIdOf(userId) });
    if (showInView) await this.view.apply(view.list, false, view.invitations);
    else if (view.changed) await bestEffort(this.view.apply(view.list, false, view.invitations));
    return view.list;
  }

  /**
   * Resolves if `userId` may do `action` with the tasks of `listId` (throws
   * as `authorize` does if not). Their own Inbox is decided by the policy
   * (`ownInboxAllows`) without asking its actor: a task in it exists, so the Inbox does.
   */
  async check(listId: string, userId: string, action: ListAction): Promise<void> {
    if (ownInboxAllows(listId, inboxIdOf(userId), action)) return;
    await this.actors.authorize(listId, userId, action);
  }

  /** The list if `userId` may do `action` in it; the caller's own Inbox id always answers (made if needed). */
  async authorize(listId: string, userId: string, action: ListAction): Promise<List> {
    if (listId === inboxIdOf(userId)) await this.inbox(userId);
    return this.actors.authorize(listId, userId, action);
  }

  /**
   * The list a task created by `userId` goes to: the one asked for (which
   * they must be able to edit), else their Inbox, made the first time.
   */
  async forNewTask(userId: string, listId: string | undefined): Promise<string> {
    const id = listId ?? inboxIdOf(userId);
    if (id !== inboxIdOf(userId)) return (await this.authorize(id, userId, "editTasks")).id;
    if (!this.knownInboxes.has(userId)) {
      await this.inbox(userId);
      if (this.knownInboxes.size >= KNOWN_INBOXES_MAX) this.knownInboxes.delete(this.knownInboxes.values().next().value!);
      this.knownInboxes.add(userId);
    }
    return id;
  }
}
