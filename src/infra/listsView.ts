/**
 * The lists a user sees (GET /lists): one document per list with who may
 * see it, written after each change its ListActor committed through the same
 * version guard as the tasks' read model, so repeats and reordering change
 * nothing. The actor stays the authority for access; this is only the index
 * of "my lists".
 */
import { Schema, type Connection, type Model } from "mongoose";
import { MAX_LISTS_PER_USER, type List } from "../domain/index.js";
import { saveIfNewer } from "./mongo.js";

export const LISTS_VIEW_COLLECTION = "lists_view";

interface ListDoc extends Omit<List, "id"> {
  _id: string;
  /** Who sees the list in GET /lists. */
  memberIds: string[];
  deleted: boolean;
}

const listDocSchema = new Schema<ListDoc>(
  {
    _id: { type: String, required: true },
    ownerId: { type: String, required: true },
    name: String,
    colour: { type: String, default: null },
    archived: Boolean,
    position: String,
    inbox: Boolean,
    createdAt: String,
    updatedAt: String,
    version: { type: Number, required: true },
    memberIds: [String],
    deleted: { type: Boolean, default: false },
  },
  { collection: LISTS_VIEW_COLLECTION, versionKey: false, timestamps: false },
);
// "My lists" in their order; the owner's count of live lists (the per-user cap).
listDocSchema.index({ memberIds: 1, deleted: 1, position: 1, _id: 1 });
listDocSchema.index({ ownerId: 1, deleted: 1 });

export class ListsView {
  private readonly lists: Model<ListDoc>;

  constructor(conn: Connection) {
    this.lists = (conn.models.ListView as Model<ListDoc> | undefined) ?? conn.model<ListDoc>("ListView", listDocSchema);
  }

  /** Store the list unless an equal or newer version is stored. */
  async apply(list: List, deleted: boolean): Promise<void> {
    const { id, ...fields } = list;
    await saveIfNewer(this.lists, id, { ...fields, memberIds: [list.ownerId], deleted });
  }

  /** The user's live lists in their order (at most the per-user cap). */
  async of(userId: string): Promise<List[]> {
    const docs = await this.lists.find({ memberIds: userId, deleted: false }).sort({ position: 1, _id: 1 }).limit(MAX_LISTS_PER_USER).lean<ListDoc[]>();
    return docs.map(({ _id, memberIds: _m, deleted: _d, ...rest }) => ({ id: _id, ...rest }));
  }

  async countOwned(ownerId: string): Promise<number> {
    return this.lists.countDocuments({ ownerId, deleted: false });
  }
}
