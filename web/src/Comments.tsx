/**
 * A task's comments in the details pane (docs/comments.md): oldest first;
 * add with Enter (Shift+Enter for a new line) or the button; edit and delete
 * one's own, and the list's owner deletes any. Who may do what is the
 * domain's own rule (src/domain/access.ts, src/domain/comments.ts); a viewer
 * reads them without the add box.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "./api";
import { asApiError } from "./Share";
import { formatInstant } from "./time";
import type { Comment, Task } from "./types";
import { can, roleOf, type ListAccess } from "../../src/domain/access.js";
import { MAX_COMMENT_LENGTH, mayDeleteComment, mayEditComment } from "../../src/domain/comments.js";

/** `access`: the task's list as the sidebar knows it (null: unknown, so read only). */
export function Comments(props: { task: Task; user: string; access: ListAccess | null; offline?: boolean }) {
  const { task, user, access } = props;
  const role = access && roleOf(access, user);
  const [items, setItems] = useState<Comment[] | null>(null);
  const [text, setText] = useState("");
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [error, setError] = useState<{ at: string; err: ApiError } | null>(null);
  const [busy, setBusy] = useState(false);
  const mayComment = access !== null && can(access, user, "comment") === "allowed";
  const editRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => editRef.current?.focus(), [editing?.id]);

  const load = () => api<{ items: Comment[] }>("GET", `/tasks/${task.id}/comments`).then((r) => setItems(r.items));
  // Read again when the network comes back (offline they cannot be read: not kept, nor queued).
  useEffect(() => { if (!props.offline) void load().catch((err) => setError({ at: "load", err: asApiError(err) })); }, [task.id, props.offline]);

  async function run(at: string, change: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await change();
      await load();
      return true;
    } catch (err) {
      setError({ at, err: asApiError(err) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  const add = async (e?: Event) => {
    e?.preventDefault();
    if (await run("new", () => api("POST", `/tasks/${task.id}/comments`, { text }))) setText("");
  };
  const save = async () => {
    if (editing && await run(editing.id, () => api("PATCH", `/tasks/${task.id}/comments/${editing.id}`, { text: editing.text }))) setEditing(null);
  };
  /** Enter sends, Shift+Enter is a new line, Esc leaves an edit; none of them reaches the page's shortcuts. */
  const keys = (send: () => void, cancel?: () => void) => (e: KeyboardEvent) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); e.stopPropagation(); send(); }
    if (e.key === "Escape" && cancel) { e.stopPropagation(); cancel(); }
  };
  const errorOf = (at: string) => (error?.at === at ? (error.err.fieldErrors("text").join("; ") || error.err.message) : "");
  const described = (at: string, id: string) => (errorOf(at) ? { "aria-invalid": "true" as const, "aria-describedby": id } : {});

  return (
    <section class="comments" aria-labelledby="comments-heading">
      <h3 id="comments-heading" class="sub-head">Comments{items && items.length > 0 && <span class="count"> {items.length}</span>}</h3>
      {props.offline && <p class="muted" role="status">Comments need the network: you are offline. Reading and adding them come back with it.</p>}
      {error?.at === "load" && !props.offline && <p role="alert" class="field-error">{error.err.message}</p>}
      {items === null ? (!props.offline && <p class="muted">Loading…</p>) : items.length === 0 ? <p class="muted">No comments yet.</p> : (
        <ol class="comment-list" aria-label="Comments">
          {items.map((c) => (
            <li key={c.id}>
              <p class="comment-meta"><strong>{c.authorId}</strong> <time dateTime={c.createdAt}>{formatInstant(c.createdAt)}</time>
                {c.editedAt && <span class="muted"> (edited)</span>}
                {c.importedFrom && <span class="muted"> (imported; the file says {c.importedFrom.authorId} wrote it)</span>}</p>
              {editing?.id === c.id ? (
                <div>
                  <label for={`c-edit-${c.id}`} class="sr-only">Edit your comment</label>
                  <textarea id={`c-edit-${c.id}`} rows={2} maxLength={MAX_COMMENT_LENGTH} value={editing.text}
                    onInput={(e) => setEditing({ id: c.id, text: e.currentTarget.value })}
                    onKeyDown={keys(() => void save(), () => setEditing(null))} {...described(c.id, `c-edit-${c.id}-error`)} ref={editRef} />
                  {errorOf(c.id) && <p id={`c-edit-${c.id}-error`} class="field-error">{errorOf(c.id)}</p>}
                  <span class="inline">
                    <button type="button" class="primary" disabled={busy} onClick={() => void save()}>Save comment</button>
                    <button type="button" onClick={() => setEditing(null)}>Cancel</button>
                  </span>
                </div>
              ) : (
                <>
                  <p class="comment-text">{c.text}</p>
                  {error?.at === c.id && <p class="field-error" role="alert">{errorOf(c.id)}</p>}
                  <span class="inline">
                    {mayEditComment(c, user) && !props.offline && <button type="button" class="link" onClick={() => { setError(null); setEditing({ id: c.id, text: c.text }); }}
                      aria-label={`Edit comment from ${formatInstant(c.createdAt)}`}>Edit</button>}
                    {mayDeleteComment(c, user, role) && !props.offline && <button type="button" class="link danger" disabled={busy}
                      onClick={() => void run(c.id, () => api("DELETE", `/tasks/${task.id}/comments/${c.id}`))}
                      aria-label={`Delete comment by ${c.authorId} from ${formatInstant(c.createdAt)}`}>Delete</button>}
                  </span>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {mayComment && !props.offline && (
        <form class="comment-add" onSubmit={(e) => void add(e)} noValidate>
          <label for="c-new">Add a comment</label>
          <textarea id="c-new" rows={2} maxLength={MAX_COMMENT_LENGTH} value={text} placeholder="Enter to send, Shift+Enter for a new line"
            onInput={(e) => setText(e.currentTarget.value)} onKeyDown={keys(() => { if (text.trim()) void add(); })} {...described("new", "c-new-error")} />
          {errorOf("new") && <p id="c-new-error" class="field-error">{errorOf("new")}</p>}
          <div class="inline">
            <button type="submit" disabled={busy || text.trim() === ""}>Comment</button>
            {text.length > MAX_COMMENT_LENGTH * 0.9 && <span class="muted">{MAX_COMMENT_LENGTH - text.length} characters left</span>}
          </div>
        </form>
      )}
    </section>
  );
}
