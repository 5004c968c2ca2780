/**
 * The query side: one document per task, fed by `task-updates` (the source of
 * truth) and, for read-your-writes, by the API right after a successful write.
 * Both go through `apply`, which is version-guarded and idempotent, so the two
 * feeds can arrive in any order and any number of times.
 */
import { Schema, type Connection, type Model, type SchemaDefinition, type SchemaDefinitionProperty } from "mongoose";
import type { z } from "zod";
import { taskSchema as domainTaskSchema, TRASH_DAYS, type Task } from "../domain/index.js";
import { assignLegacyTasks, withList } from "./taskLists.js";
import { scopedWordsOf, searchTextOf, searchWordsOf } from "../domain/search.js";
import { AppliedVersions, WritesUnderWay } from "./appliedVersions.js";
import type { Logger } from "./logger.js";
import { saveIfNewerSeeing, trustOperators } from "./mongo.js";
import { liveTagsTouched, OwnerTags, type TagCount } from "./ownerTags.js";
import { TRASH_INDEX } from "./trashQuery.js";
import { PageEnds } from "./pageEnds.js";
import { cursorAfter, LIST_SEARCH_INDEX, MONTH_SEARCH_INDEX, narrowed, OWNER_SEARCH_INDEX, pageKey, routed, searchScopeOf, sortKeysOf, windowOf, type Cursor, type Filter, type PageWindow, type PlannedQuery, type SortKeys, type SortName } from "./taskQuery.js";

export const READ_MODEL_COLLECTION = "tasks_view";

/** Read-model fields that exist only to search by (src/domain/search.ts). */
export interface SearchKeys {
  /** The task's distinct folded words: a multikey index walked by prefix ranges. */
  searchWords: string[];
  /** Its folded words in a row, for phrases (matched only on what the index found). */
  searchText: string;
  /** The same words each after the owner's search scope: a search of one's own tasks reads one range (docs/adr/0029-search-by-month.md). */
  searchByOwner: string[];
  /** The same words each after the scope and the month the task was created in: a search newest first reads by month. */
  searchByMonth: string[];
}

export interface TaskDoc extends Omit<Task, "id">, SortKeys, SearchKeys {
  _id: string;
  deleted: boolean;
  /** Tombstones only: when the store may drop the document (TTL index). */
  purgeAt: Date | null;
}

/**
 * How long a deleted task's tombstone stays in the read model. While it is
 * there, a late or redelivered older event of that task is refused by the
 * version guard; after it is gone, such an event would bring the task back
 * into lists. So it must outlive every way an old event can still arrive:
 * the broker's retention (Kafka's default, 7 days) and the dead-letter
 * redrive (docs/architecture.md: redrive letters younger than this).
 */
// It is also the trash's 30 days (src/domain/undo.ts): a task is listed in GET /trash until its tombstone goes.
export const TOMBSTONE_TTL_DAYS = TRASH_DAYS;

/**
 * How a field of the domain's task schema is stored: strings and enums as
 * String, numbers as Number, a list of strings as [String], structured values
 * as Mixed; a nullable field defaults to null, a structured list to [].
 * A kind not listed here throws at start-up, so a new field is mapped on purpose.
 */
export function storedField(field: z.ZodType): SchemaDefinitionProperty {
  const def = field.def;
  switch (def.type) {
    case "string":
    case "enum":
      return String;
    case "number":
      return Number;
    case "object":
    case "union":
      return Schema.Types.Mixed;
    case "array":
      return (field as z.ZodArray<z.ZodType>).element.def.type === "string" ? [String] : { type: Schema.Types.Mixed, default: [] };
    case "nullable": {
      const inner = storedField((field as z.ZodNullable<z.ZodType>).unwrap());
      return { type: inner === String || inner === Number ? inner : Schema.Types.Mixed, default: null };
    }
    default:
      throw new Error(`the read model does not know how to store a zod ${def.type}`);
  }
}

/** Every field of the task (src/domain/task.ts) but `id`, which is the document's `_id`. */
const { id: _taskId, ...storedTaskFields } = domainTaskSchema.shape;

/**
 * The stored document: the task's fields as its schema has them, plus what
 * the read model adds (the owner and version every query and the version
 * guard key on are required, the tombstone, the sort keys of taskQuery.ts).
 */
export const TASK_DOC_DEFINITION: SchemaDefinition<TaskDoc> = {
  _id: { type: String, required: true },
  ...(Object.fromEntries(Object.entries(storedTaskFields).map(([name, field]) => [name, storedField(field)])) as SchemaDefinition<TaskDoc>),
  ownerId: { type: String, required: true },
  version: { type: Number, required: true },
  deleted: { type: Boolean, default: false },
  purgeAt: { type: Date, default: null },
  titleKey: String,
  priorityRank: Number,
  hasDue: Boolean,
  dueKey: String,
  // What a task is searched by: queried, never read back, so no read fetches
  // it (`select: false`: half of a document's bytes on the read bench's tasks, 2.7 → 1.35 KB).
  searchWords: { type: [String], select: false },
  searchText: { type: String, select: false },
  searchByOwner: { type: [String], select: false },
  searchByMonth: { type: [String], select: false },
};

export const taskDocSchema = new Schema<TaskDoc>(TASK_DOC_DEFINITION, { collection: READ_MODEL_COLLECTION, versionKey: false, timestamps: false });

// Every list is "this owner's live tasks" in one of the sort orders of
// taskQuery.ts, after an equality (or, for `all`, an $in) on status. Each
// index below serves a sort order walked forwards and its reverse walked
// backwards; the due-date orders keep undated tasks last both ways, so each
// has its own. String keys are ascending: the local store widens a range on a
// descending string key to the whole scope, so a page window would not bound
// it (docs/adr/0027-page-windows.md). Tags are multikey and also serve GET /tags.
// test/integration/queryPlans.test.ts checks the store's plans against these.
taskDocSchema.index({ ownerId: 1, deleted: 1, status: 1, createdAt: 1, _id: -1 });
taskDocSchema.index({ ownerId: 1, deleted: 1, status: 1, hasDue: -1, dueKey: 1, _id: 1 });
taskDocSchema.index({ ownerId: 1, deleted: 1, status: 1, hasDue: 1, dueKey: 1, _id: -1 });
taskDocSchema.index({ ownerId: 1, deleted: 1, status: 1, priorityRank: 1, createdAt: 1, _id: -1 });
taskDocSchema.index({ ownerId: 1, deleted: 1, status: 1, titleKey: 1, _id: 1 });
taskDocSchema.index({ ownerId: 1, deleted: 1, tags: 1 });
// One list's tasks (any owner's, access checked before): its manual order; sorts other than these two sort the list's tasks.
taskDocSchema.index({ listId: 1, deleted: 1, status: 1, position: 1, _id: 1 });
// One list's tasks newest first (its default page) or oldest first.
taskDocSchema.index({ listId: 1, deleted: 1, status: 1, createdAt: 1, _id: -1 });
// A search walks the range of its longest word here, then sorts what it found
// (docs/adr/0010-search-index.md); taskQuery.ts hints it.
taskDocSchema.index(LIST_SEARCH_INDEX);
// A search of one's own tasks reads the range of its longest word among the
// owner's keyed words here, newest first its newest months' range (docs/adr/0029-search-by-month.md).
taskDocSchema.index(OWNER_SEARCH_INDEX);
taskDocSchema.index(MONTH_SEARCH_INDEX);
// A task's subtasks (src/api/tasks/subtasks.ts walks the tree a level at a time).
taskDocSchema.index({ parentId: 1, deleted: 1 });
// Tasks assigned to someone (GET /tasks?assignee=me), and a departed member's in one list (src/api/tasks/unassign.ts).
taskDocSchema.index({ assigneeId: 1, deleted: 1, status: 1, createdAt: 1, _id: -1 });
taskDocSchema.index({ listId: 1, assigneeId: 1, deleted: 1 });
// The trash (src/infra/trashQuery.ts): the owner's tombstones, newest deletion first.
taskDocSchema.index(TRASH_INDEX);
// Tombstones expire at their purgeAt (live documents have none, so they never do).
taskDocSchema.index({ purgeAt: 1 }, { expireAfterSeconds: 0 });

/** Indexes an earlier version declared, the same orders with descending string keys: dropped at start (dropRetiredIndexes). */
export const RETIRED_INDEXES = [
  "ownerId_1_deleted_1_status_1_createdAt_-1__id_1",
  "ownerId_1_deleted_1_status_1_hasDue_-1_dueKey_-1__id_1",
  "ownerId_1_deleted_1_status_1_priorityRank_-1_createdAt_-1__id_1",
  "assigneeId_1_deleted_1_status_1_createdAt_-1__id_1",
  // The owner's words: the local store does not read it by itself (docs/adr/0029-search-by-month.md); the keyed words replace it.
  "ownerId_1_deleted_1_searchWords_1",
];

/** The stored form of a task snapshot: its fields, the tombstone flag and the sort keys. */
export function documentOf(snapshot: Task, deleted: boolean): TaskDoc {
  const task = withList(snapshot);
  const { id, ...fields } = task;
  const purgeAt = deleted ? new Date(Date.parse(task.updatedAt) + TOMBSTONE_TTL_DAYS * 86_400_000) : null;
  return { ...fields, ...sortKeysOf(task), ...searchKeysOf(task), _id: id, deleted, purgeAt };
}

/** What a task is searched by (src/domain/search.ts). */
function searchKeysOf(task: Task): SearchKeys {
  const words = searchWordsOf(task);
  const keyed = scopedWordsOf(searchScopeOf(task.ownerId), words, task.createdAt);
  return { searchWords: words, searchText: searchTextOf(task), searchByOwner: keyed.byOwner, searchByMonth: keyed.byMonth };
}

export class ReadModel {
  private readonly tasks: Model<TaskDoc>;
  private readonly applied = new AppliedVersions();
  private readonly pageEnds = new PageEnds();
  private readonly writing = new WritesUnderWay();
  /** Whether every stored document has its keyed words (searchBackfill.ts): until then a search reads as the store plans it. */
  private keyedWordsEverywhere = false;
  /** The owners' tag counts, kept and stamped (the live collection's only: a rebuild target is not read). */
  private readonly ownerTags: OwnerTags | undefined;

  /** `collection` other than the live one: a rebuild target (see rebuildReadModel). */
  constructor(
    conn: Connection,
    collection = READ_MODEL_COLLECTION,
    private readonly log?: Logger,
  ) {
    // One model per collection and connection: a second ReadModel (another
    // rebuild into the same target) reuses it, as mongoose refuses a redefinition.
    const name = collection === READ_MODEL_COLLECTION ? "TaskView" : `TaskView_${collection}`;
    this.tasks =
      (conn.models[name] as Model<TaskDoc> | undefined) ??
      conn.model<TaskDoc>(name, collection === READ_MODEL_COLLECTION ? taskDocSchema : taskDocSchema.clone().set("collection", collection));
    this.ownerTags = collection === READ_MODEL_COLLECTION ? new OwnerTags(conn, (ownerId) => this.countTags(ownerId), (ownerId, tag) => this.countTag(ownerId, tag)) : undefined;
  }

  /**
   * Store the snapshot unless an equal or newer version is stored; true if
   * applied. A write that changes the owner's live tags sets their tag stamp
   * once stored (ownerTags.ts). `tagsChanged` (an event's word: it changed
   * them) sets it also when the store held this version already: the process
   * that stored it may have stopped before setting it.
   */
  async apply(task: Task, deleted: boolean, tagsChanged = false): Promise<boolean> {
    if (this.applied.covers(task.id, task.version)) return false;
    // The same snapshot (or a newer one) being written now: wait for that write rather than race it (WritesUnderWay).
    const under = this.writing.covering(task.id, task.version);
    if (under) {
      await under;
      if (this.applied.covers(task.id, task.version)) return false;
    }
    const { _id: id, ...doc } = documentOf(task, deleted);
    // The stamp is set inside the write under way, so whoever waits for the write waits for it too.
    const stored = await this.writing.run(id, task.version, async () => {
      const saved = await saveIfNewerSeeing<Pick<TaskDoc, "tags" | "deleted">>(this.tasks, id, doc, { tags: 1, deleted: 1 });
      if (saved.stored) {
        const touched = liveTagsTouched(saved.before, doc);
        if (touched.length > 0) await this.ownerTags?.changed(task.ownerId, touched);
      } else if (tagsChanged) {
        // What the stored write touched is no longer known: the next read counts every tag.
        await this.ownerTags?.changed(task.ownerId, null);
      }
      return saved.stored;
    });
    // Stored now, or the store already held this version or a newer one.
    this.applied.record(id, task.version);
    return stored;
  }

  /**
   * Inserts snapshots of tasks this collection does not hold (a rebuild into
   * a cleared collection: no version guard needed), in one round trip.
   */
  async insertSnapshots(items: { task: Task; deleted: boolean }[]): Promise<void> {
    await this.tasks.insertMany(items.map(({ task, deleted }) => documentOf(task, deleted)), { ordered: false });
  }

  /**
   * Read-your-writes after a change its actor has committed: best effort.
   * The projection of `task-updates` applies the same snapshot anyway, so a
   * read store that is down or slow must not turn a committed change into an
   * error (a client retrying it would create a duplicate). Waits at most
   * `waitMs`; a slower apply finishes in the background.
   */
  async applyAfterWrite(task: Task, deleted: boolean, waitMs = 1000): Promise<void> {
    const applied = this.apply(task, deleted).catch((err: unknown) => {
      this.log?.warn({ taskId: task.id, err: (err as Error).message }, "read-your-writes apply failed; the projection will apply it");
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([applied, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
  }

  /**
   * Runs a planned query. The filter is built by taskQuery.ts from validated
   * values, with operators on purpose, so they are marked as trusted.
   */
  async list(q: PlannedQuery, sort: SortName): Promise<{ items: Task[]; next: Cursor | null }> {
    const want = q.limit + 1;
    const key = q.windowed ? PageEnds.digest(pageKey(q, sort)) : undefined;
    const known = key === undefined ? undefined : this.pageEnds.get(key);
    const search = this.keyedWordsEverywhere ? q.search : undefined;
    // A page that was the last holds the whole rest of its query: one plain read (known === null).
    const docs = known
      ? await this.windowed(q, windowOf(sort, known), want)
      : q.firstRead && known === undefined
        ? await this.windowed(q, q.firstRead, want)
        : search?.byMonth
        ? await this.inOrder(q, [...search.byMonth.pieces, search.byMonth.rest], want)
        : await this.find(q, search?.filter ?? q.filter, want);
    if (key !== undefined) {
      const end = docs[want - 1];
      this.pageEnds.remember(key, end ? cursorAfter(sort, end).values : null);
    }
    const page = docs.slice(0, q.limit);
    const last = page[page.length - 1];
    return { items: page.map(toTask), next: docs.length > q.limit && last ? cursorAfter(sort, last) : null };
  }

  /** The subtasks of these tasks, live or (`deleted`) in the trash; at most `limit`. */
  /** Live tasks of `listId` assigned to `userId`, after task id `afterId`, in id order; at most `limit`. */
  async assignedIn(listId: string, userId: string, afterId: string, limit: number): Promise<Task[]> {
    const docs = await this.tasks.find(trustOperators({ listId, assigneeId: userId, deleted: false, _id: { $gt: afterId } }) as Record<string, unknown>).sort({ _id: 1 }).limit(limit).lean<TaskDoc[]>();
    return docs.map(toTask);
  }

  async children(parentIds: string[], deleted: boolean, limit: number): Promise<(Task & { deleted: boolean })[]> {
    if (parentIds.length === 0) return [];
    const docs = await this.tasks.find(trustOperators({ parentId: { $in: parentIds }, deleted }) as Record<string, unknown>).limit(limit).lean<TaskDoc[]>();
    return docs.map((doc) => ({ ...toTask(doc), deleted: doc.deleted }));
  }

  /**
   * A page read through its last known end (docs/adr/0027-page-windows.md):
   * the pieces in order, each a walk that stops at the end, then what lies
   * after them only if they came back short (tasks completed, moved or
   * deleted since).
   */
  private windowed(q: PlannedQuery, window: PageWindow, want: number): Promise<TaskDoc[]> {
    return this.inOrder(q, [...window.pieces, window.rest].map((piece) => routed(narrowed(q.filter, piece))), want);
  }

  /** Filters read in order, each only while the page is short (a window's pieces, a search's months, then the rest). */
  private async inOrder(q: PlannedQuery, filters: Filter[], want: number): Promise<TaskDoc[]> {
    const docs: TaskDoc[] = [];
    for (const filter of filters) {
      if (docs.length >= want) break;
      docs.push(...(await this.find(q, filter, want - docs.length)));
    }
    return docs;
  }

  private find(q: PlannedQuery, filter: Filter, limit: number): Promise<TaskDoc[]> {
    const find = this.tasks.find(trustOperators(filter) as Record<string, unknown>);
    return find.sort(Object.fromEntries(q.sort)).limit(limit).lean<TaskDoc[]>().exec();
  }

  /** Drops the indexes an earlier version declared (RETIRED_INDEXES); idempotent, so racing replicas are harmless. */
  async dropRetiredIndexes(): Promise<string[]> {
    const indexes = await this.tasks.collection.indexes().catch((err: unknown) => {
      // A new store: no collection yet, so nothing to drop.
      if ((err as { codeName?: string }).codeName === "NamespaceNotFound") return [];
      throw err;
    });
    const present = new Set(indexes.map((index) => index.name));
    const dropped: string[] = [];
    for (const name of RETIRED_INDEXES.filter((n) => present.has(n))) {
      try {
        await this.tasks.collection.dropIndex(name);
        dropped.push(name);
      } catch (err) {
        // Another replica dropped it first.
        if ((err as { codeName?: string }).codeName !== "IndexNotFound") throw err;
      }
    }
    return dropped;
  }

  /** A trash page (planTrash): the tombstones as tasks, and whether another page follows. */
  async trash(q: PlannedQuery): Promise<{ items: Task[]; more: boolean }> {
    const find = this.tasks.find(trustOperators(q.filter) as Record<string, unknown>);
    const docs = await find.sort(Object.fromEntries(q.sort)).limit(q.limit + 1).lean<TaskDoc[]>();
    return { items: docs.slice(0, q.limit).map(toTask), more: docs.length > q.limit };
  }

  /** The owner's tags on live tasks, with how many tasks carry each, most used first. */
  async tags(ownerId: string): Promise<TagCount[]> {
    return this.ownerTags ? this.ownerTags.of(ownerId) : this.countTags(ownerId);
  }

  private async countTags(ownerId: string): Promise<TagCount[]> {
    const rows = await this.tasks.aggregate<{ _id: string; count: number }>([
      { $match: { ownerId, deleted: false } },
      { $unwind: "$tags" },
      { $group: { _id: "$tags", count: { $sum: 1 } } },
      { $sort: { count: -1, _id: 1 } },
    ]);
    return rows.map((r) => ({ tag: r._id, count: r.count }));
  }

  /**
   * How many of the owner's live tasks carry `tag`: a point range of the
   * { ownerId, deleted, tags } index. The `count` command, not
   * countDocuments: that is an aggregation, which costs the local store
   * 3 ms before it reads anything, against 0.9 ms (results/2026-12-07-recount-touched-tags.md).
   */
  private async countTag(ownerId: string, tag: string): Promise<number> {
    const answer = await this.tasks.db.db!.command({ count: this.tasks.collection.collectionName, query: { ownerId, deleted: false, tags: tag } });
    return Number(answer.n);
  }

  /** Tasks stored before lists get their owner's Inbox (src/infra/taskLists.ts); how many did. */
  async assignLegacyTasks(): Promise<number> {
    return assignLegacyTasks(this.tasks as never);
  }

  /** Whether a live task is in the list (a list is deleted only when empty). */
  async hasTasks(listId: string): Promise<boolean> {
    return (await this.tasks.exists({ listId, deleted: false })) !== null;
  }

  /**
   * Adds the search keys to up to `batch` documents stored before they
   * existed; the number it changed (0: none left). A document rewritten
   * meanwhile has them already, so the update is guarded by its version.
   */
  async backfillSearchKeys(batch: number): Promise<number> {
    const docs = await this.tasks.find(trustOperators({ searchByMonth: { $exists: false } }) as Record<string, unknown>).limit(batch).lean<TaskDoc[]>();
    if (docs.length === 0) return 0;
    await this.tasks.bulkWrite(
      docs.map((doc) => {
        const task = toTask(doc);
        return {
          updateOne: {
            filter: trustOperators({ _id: doc._id, version: doc.version, searchByMonth: { $exists: false } }) as Record<string, unknown>,
            update: { $set: searchKeysOf(task) },
          },
        };
      }),
      { ordered: false },
    );
    return docs.length;
  }

  /** Every stored document has its keyed words (the backfill is done): searches of one's own tasks read through them from now on. */
  keyedWordsStored(): void {
    this.keyedWordsEverywhere = true;
  }

  async get(id: string): Promise<(Task & { deleted: boolean }) | null> {
    const doc = await this.tasks.findById(id).lean<TaskDoc>();
    return doc ? { ...toTask(doc), deleted: doc.deleted } : null;
  }
}

/** The task a stored document holds (what the read model adds dropped). */
export function toTask(doc: TaskDoc): Task {
  const { _id, deleted: _deleted, purgeAt: _purgeAt, titleKey: _t, priorityRank: _p, hasDue: _h, dueKey: _d, searchWords: _w, searchText: _s, searchByOwner: _o, searchByMonth: _m, ...rest } = doc;
  // A document stored before subtasks has no parentId: a top-level task; before assignees, unassigned.
  return { id: _id, ...rest, parentId: rest.parentId ?? null, assigneeId: rest.assigneeId ?? null } as Task;
}
