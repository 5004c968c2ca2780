/**
 * The lists a user sees (GET /lists): one document per list with who may
 * see it, written after each change its ListActor committed through the same
 * version guard as the tasks' read model, so repeats and reordering change
 * nothing. The actor stays the authority for access; this is only the index
 * of "my lists".
 */
import { Schema, type Connection, type Model } from "mongoose";
import { LIST_ROLES, MAX_MEMBERSHIPS_PER_USER, type Invitation, type List } from "../domain/index.js";
import { saveIfNewer } from "./mongo.js";

export const LISTS_VIEW_COLLECTION = "lists_view";

interface ListDoc extends Omit<List, "id"> {
  _id: string;
  /** Who sees the list in GET /lists: the owner and every member. */
  memberIds: string[];
  /** Invitations waiting for an answer, and whom they are for (GET /me/invitations). */
  invitations: Invitation[];
  inviteeIds: string[];
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
    members: { type: [{ _id: false, userId: String, role: { type: String, enum: LIST_ROLES } }], default: [] },
    memberIds: [String],
    invitations: { type: [{ _id: false, id: String, listId: String, userId: String, role: String, invitedBy: String, createdAt: String }], default: [] },
    inviteeIds: [String],
    deleted: { type: Boolean, default: false },
  },
  { collection: LISTS_VIEW_COLLECTION, versionKey: false, timestamps: false },
);
// "My lists" in their order; the owner's count of live lists (the per-user cap).
listDocSchema.index({ memberIds: 1, deleted: 1, position: 1, _id: 1 });
listDocSchema.index({ ownerId: 1, deleted: 1 });
// "My invitations", and an invitation by its id (accept, decline).
listDocSchema.index({ inviteeIds: 1, deleted: 1 });
listDocSchema.index({ "invitations.id": 1 });

export class ListsView {
  private readonly lists: Model<ListDoc>;

  constructor(conn: Connection) {
    this.lists = (conn.models.ListView as Model<ListDoc> | undefined) ?? conn.model<ListDoc>("ListView", listDocSchema);
  }

  /** Store the list unless an equal or newer version is stored. */
  async apply(list: List, deleted: boolean, invitations: Invitation[] = []): Promise<void> {
    const { id, ...fields } = list;
    const memberIds = [list.ownerId, ...list.members.map((m) => m.userId)];
    await saveIfNewer(this.lists, id, { ...fields, memberIds, invitations, inviteeIds: invitations.map((i) => i.userId), deleted });
  }

  /** Invitations waiting for `userId`'s answer, with the list's name. */
  async invitationsOf(userId: string): Promise<(Invitation & { listName: string })[]> {
    const docs = await this.lists.find({ inviteeIds: userId, deleted: false }).limit(MAX_MEMBERSHIPS_PER_USER).lean<ListDoc[]>();
    return docs.flatMap((d) => d.invitations.filter((i) => i.userId === userId).map((i) => ({ ...i, listName: d.name })));
  }

  /** The list an invitation is to (the list's actor decides whether it still waits). */
  async listOfInvitation(invitationId: string): Promise<string | null> {
    const doc = await this.lists.findOne({ "invitations.id": invitationId }, { _id: 1 }).lean<{ _id: string }>();
    return doc?._id ?? null;
  }

  /** The ids of the lists `userId` is a member of. */
  async idsOf(userId: string): Promise<string[]> {
    const docs = await this.lists.find({ memberIds: userId, deleted: false }, { _id: 1 }).limit(MAX_MEMBERSHIPS_PER_USER).lean<{ _id: string }[]>();
    return docs.map((d) => d._id);
  }

  /** The user's live lists in their order (at most the per-user cap). */
  async of(userId: string): Promise<List[]> {
    const docs = await this.lists.find({ memberIds: userId, deleted: false }).sort({ position: 1, _id: 1 }).limit(MAX_MEMBERSHIPS_PER_USER).lean<ListDoc[]>();
    return docs.map(({ _id, memberIds: _m, invitations: _i, inviteeIds: _n, deleted: _d, ...rest }) => ({ id: _id, ...rest, members: rest.members ?? [] }));
  }

  async countOwned(ownerId: string): Promise<number> {
    return this.lists.countDocuments({ ownerId, deleted: false });
  }
}
