/**
 * ListActor: one virtual actor per list, a shell around the pure
 * `decideList`. It owns the list and who may do what with it, so a check
 * asked of it sees every change committed before (one turn at a time): that
 * is what makes a revocation take effect on the next request.
 */
import { AbstractActor } from "@dapr/dapr";
import { audienceOf, authorizedList, decideList, DomainError, listEventOf, pendingInvitations, type Invitation, type List, type ListAction, type ListCommand, type ListEvent, type ListRecord } from "../domain/index.js";
import type { Logger } from "../infra/logger.js";
import type { ActorReply } from "./taskActorDeps.js";
import type { ActorStateStore } from "./taskState.js";

/** Persisted names: renaming either orphans stored lists. */
export const LIST_ACTOR_TYPE = "ListActor";
export const LIST_STATE_KEY = "list";

export interface ListView {
  list: List;
  /** Invitations waiting for an answer (for the lists view's "my invitations"). */
  invitations: Invitation[];
  deleted: boolean;
  /** False when the command changed nothing. */
  changed: boolean;
}

export interface ListActorDeps {
  state: ActorStateStore;
  /** The Inbox id of a user (src/infra/ids.ts): only that id may become their Inbox. */
  inboxIdOf(userId: string): string;
  now(): Date;
  log: Logger;
  /** Publishes the list's events (src/infra/publisher.ts); absent: none are made. */
  publish?(events: ListEvent[]): Promise<void>;
}

interface StoredList {
  v: 1;
  record: ListRecord | null;
  /** Events committed with the change and not published yet (the list's outbox); published at the next turn if the first try failed. */
  pending?: ListEvent[];
}

const failure = (err: DomainError) => ({ ok: false as const, error: { code: err.code, message: err.message, field: err.field } });

export function defineListActor(deps: ListActorDeps) {
  class ListActor extends AbstractActor {
    static readonly callable = new Set(["handle", "authorize", "audience", "invitations"]);
    /** This activation's copy of the stored record (undefined: not loaded yet). */
    private record: ListRecord | null | undefined;
    private pending: ListEvent[] = [];

    async handle(command: ListCommand): Promise<ActorReply<ListView>> {
      const current = await this.load();
      try {
        if (command.kind === "ensureInbox" && deps.inboxIdOf(command.userId) !== this.listId) {
          throw new DomainError("not_found", `list ${this.listId} is not your Inbox`, "listId");
        }
        const { record, changed } = decideList(current, command, deps.now());
        if (changed) {
          // The event is committed with the change (one save), so a crash before its publish loses nothing.
          const pending = deps.publish ? [...this.pending, listEventOf(current, record, command)] : [];
          await deps.state.save(this.listId, { [LIST_STATE_KEY]: { v: 1, record, pending } satisfies StoredList });
          this.record = record;
          this.pending = pending;
          deps.log.info({ listId: this.listId, command: command.kind, version: record.list.version }, "list changed");
        }
        await this.flush();
        return { ok: true, value: { list: record.list, invitations: record.invitations ?? [], deleted: record.deletedAt !== null, changed } };
      } catch (err) {
        if (err instanceof DomainError) return failure(err);
        throw err;
      }
    }

    /** The list, if `userId` may do `action` with it (src/domain/access.ts); else not_found or forbidden. */
    async authorize(userId: string, action: ListAction): Promise<ActorReply<List>> {
      try {
        return { ok: true, value: authorizedList(await this.load(), userId, action) };
      } catch (err) {
        if (err instanceof DomainError) return failure(err);
        throw err;
      }
    }

    /** The invitations waiting for an answer, newest first, if `userId` may manage the members; else not_found or forbidden. */
    async invitations(userId: string): Promise<ActorReply<Invitation[]>> {
      try {
        return { ok: true, value: pendingInvitations(await this.load(), userId) };
      } catch (err) {
        if (err instanceof DomainError) return failure(err);
        throw err;
      }
    }

    /** Who may read the list now (its owner and members; src/domain/access.ts), or none when it does not exist. */
    async audience(): Promise<string[]> {
      const record = await this.load();
      return record && record.deletedAt === null ? audienceOf(record.list) : [];
    }

    /** Publishes the events waiting in the list's outbox and clears it; a failure leaves them for the next turn. */
    private async flush(): Promise<void> {
      if (!deps.publish || this.pending.length === 0 || this.record === undefined) return;
      try {
        await deps.publish(this.pending);
      } catch (err) {
        deps.log.warn({ err, listId: this.listId, pending: this.pending.length }, "list events not published yet; retried at the list's next command");
        return;
      }
      await deps.state.save(this.listId, { [LIST_STATE_KEY]: { v: 1, record: this.record, pending: [] } satisfies StoredList });
      this.pending = [];
    }

    /** A failed call may have left this activation's copy ahead of the store: load it again. */
    override async resetStateInternal(): Promise<void> {
      this.record = undefined;
      this.pending = [];
      await super.resetStateInternal();
    }

    private async load(): Promise<ListRecord | null> {
      if (this.record === undefined) {
        const stored = await deps.state.get<StoredList>(this.listId, LIST_STATE_KEY);
        const record = stored?.record ?? null;
        this.pending = stored?.pending ?? [];
        // Lists stored before sharing have no members field: only their owner.
        this.record = record && !record.list.members ? { ...record, list: { ...record.list, members: [] } } : record;
      }
      return this.record;
    }

    private get listId(): string {
      return this.getActorId().getId();
    }
  }
  return ListActor;
}
