/** Task comments in the read store, one document each (docs/comments.md). */
import { Schema, type Connection, type Model } from "mongoose";
import type { Comment } from "../domain/index.js";

interface CommentDoc extends Omit<Comment, "id"> {
  _id: string;
}

const commentSchema = new Schema<CommentDoc>(
  {
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    authorId: { type: String, required: true },
    text: { type: String, required: true },
    createdAt: { type: String, required: true },
    editedAt: { type: String, default: null },
  },
  { collection: "comments", versionKey: false },
);
commentSchema.index({ taskId: 1, createdAt: 1, _id: 1 });

const toComment = ({ _id, ...rest }: CommentDoc): Comment => ({ id: _id, ...rest, editedAt: rest.editedAt ?? null });

export class Comments {
  private readonly docs: Model<CommentDoc>;

  constructor(conn: Connection) {
    this.docs = (conn.models.Comment as Model<CommentDoc> | undefined) ?? conn.model<CommentDoc>("Comment", commentSchema);
  }

  /** The task's comments, oldest first (at most `limit`). */
  async forTask(taskId: string, limit: number): Promise<Comment[]> {
    return (await this.docs.find({ taskId }).sort({ createdAt: 1, _id: 1 }).limit(limit).lean<CommentDoc[]>()).map(toComment);
  }

  async count(taskId: string): Promise<number> {
    return this.docs.countDocuments({ taskId });
  }

  async get(taskId: string, id: string): Promise<Comment | null> {
    const doc = await this.docs.findOne({ _id: id, taskId }).lean<CommentDoc>();
    return doc ? toComment(doc) : null;
  }

  async add(comment: Comment): Promise<void> {
    const { id, ...rest } = comment;
    await this.docs.create({ _id: id, ...rest });
  }

  async edit(taskId: string, id: string, text: string, editedAt: string): Promise<Comment | null> {
    const doc = await this.docs.findOneAndUpdate({ _id: id, taskId }, { $set: { text, editedAt } }, { new: true }).lean<CommentDoc>();
    return doc ? toComment(doc) : null;
  }

  async remove(taskId: string, id: string): Promise<boolean> {
    return (await this.docs.deleteOne({ _id: id, taskId })).deletedCount === 1;
  }
}
