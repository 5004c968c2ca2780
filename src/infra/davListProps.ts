/**
 * A list's dead properties (RFC 4918: what a CalDAV client set on the list's
 * collection that Tickler does not model, e.g. calendar-description and
 * calendar-timezone), one document per list in `dav_list_props` (`_id` =
 * list id), as dav_objects keeps a task's unmodelled VTODO properties
 * (davStore.ts). Bounded by src/domain/davProps.ts before anything is
 * written. Writes are version-guarded: two clients' PROPPATCHes never lose
 * one another's change. Dropped on the list's deletion (the projection's
 * list event, src/api/compose.ts).
 */
import { Schema, type Connection, type Model } from "mongoose";
import type { DeadProp } from "../domain/davProps.js";
import { isDuplicateKey, trustOperators } from "./mongo.js";

interface ListPropsDoc {
  _id: string;
  props: DeadProp[];
  /** Bumped on every write; 0 stands for no document. */
  version: number;
  updatedAt: string;
}

const propSchema = new Schema<DeadProp>({ ns: { type: String, default: "" }, name: { type: String, required: true }, xml: { type: String, default: "" }, attrs: { type: String, default: "" } }, { _id: false });
const schema = new Schema<ListPropsDoc>(
  { _id: String, props: { type: [propSchema], default: [] }, version: { type: Number, required: true }, updatedAt: String },
  { collection: "dav_list_props", versionKey: false, minimize: false },
);

export interface DeadProps {
  props: DeadProp[];
  version: number;
}

const strip = (props: DeadProp[]): DeadProp[] => props.map(({ ns, name, xml, attrs }) => ({ ns, name, xml, attrs: attrs ?? "" }));

export class DavListProps {
  private readonly docs: Model<ListPropsDoc>;

  constructor(conn: Connection) {
    this.docs = (conn.models.DavListProps as Model<ListPropsDoc> | undefined) ?? conn.model<ListPropsDoc>("DavListProps", schema);
  }

  async of(listId: string): Promise<DeadProps> {
    const doc = await this.docs.findById(listId).lean<ListPropsDoc | null>();
    return doc ? { props: strip(doc.props), version: doc.version } : { props: [], version: 0 };
  }

  /** Several lists' dead properties at once (a calendar home's PROPFIND, Depth 1). */
  async ofMany(listIds: string[]): Promise<Map<string, DeadProp[]>> {
    if (listIds.length === 0) return new Map();
    const docs = await this.docs.find(trustOperators({ _id: { $in: listIds } }) as Record<string, never>).lean<ListPropsDoc[]>();
    return new Map(docs.map((d) => [d._id, strip(d.props)]));
  }

  /** Writes `props` if the document is still at `version` (0: none yet); false when another write came first. */
  async write(listId: string, props: DeadProp[], version: number, now: Date): Promise<boolean> {
    const doc = { props, version: version + 1, updatedAt: now.toISOString() };
    if (version === 0) {
      try {
        await this.docs.create({ _id: listId, ...doc });
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    }
    const res = await this.docs.updateOne({ _id: listId, version }, doc);
    return res.matchedCount === 1;
  }

  /** A new list's properties (MKCALENDAR), replacing whatever an earlier list of that id left. */
  async replace(listId: string, props: DeadProp[], now: Date): Promise<void> {
    const current = await this.of(listId);
    await this.docs.replaceOne({ _id: listId }, { props, version: current.version + 1, updatedAt: now.toISOString() }, { upsert: true });
  }

  async drop(listId: string): Promise<void> {
    await this.docs.deleteOne({ _id: listId });
  }
}
