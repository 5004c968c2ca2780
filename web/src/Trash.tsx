/**
 * The trash (docs/undo.md): the tasks you deleted in the last 30 days, newest
 * first, each with the day it goes for good, and Restore to bring it back to
 * its list. Paged like every list (nextCursor).
 */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "./api";
import { formatInstant } from "./time";
import type { Page, Task } from "./types";

/** How long a deleted task stays restorable (TRASH_DAYS on the server). */
const TRASH_DAYS = 30;

export function TrashPanel(props: { onClose(): void; onRestored(): void }) {
  const [items, setItems] = useState<Task[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [message, setMessage] = useState("");

  const load = async (cursor: string | null) => {
    const page = await api<Page<Task>>("GET", `/trash?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    setItems((before) => (cursor ? [...(before ?? []), ...page.items] : page.items));
    setNext(page.nextCursor);
  };
  useEffect(() => void load(null).catch((e: Error) => setMessage(e.message)), []);

  async function restore(task: Task) {
    try {
      await api("POST", `/tasks/${task.id}/restore`);
      setItems((before) => (before ?? []).filter((t) => t.id !== task.id));
      setMessage(`Restored “${task.title}”`);
      props.onRestored();
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : String(err));
    }
  }

  return (
    <section class="panel" aria-labelledby="trash-heading">
      <div class="panel-head">
        <h2 id="trash-heading">Trash</h2>
        <button type="button" onClick={props.onClose}>Close</button>
      </div>
      <p role="status" class="muted">{message}</p>
      {items === null ? <p>Loading…</p> : items.length === 0 ? <p>The trash is empty. Deleted tasks stay here {TRASH_DAYS} days.</p> : (
        <ul class="inbox" aria-label="Deleted tasks">
          {items.map((t) => (
            <li key={t.id}>
              <strong>{t.title}</strong>{" "}
              <span class="muted">deleted <time dateTime={t.updatedAt}>{formatInstant(t.updatedAt)}</time>, kept until{" "}
                <time dateTime={purgeAt(t)}>{formatInstant(purgeAt(t))}</time></span>{" "}
              <button type="button" aria-label={`Restore ${t.title}`} onClick={() => void restore(t)}>Restore</button>
            </li>
          ))}
        </ul>
      )}
      {next && <button type="button" onClick={() => void load(next).catch((e: Error) => setMessage(e.message))}>More</button>}
    </section>
  );
}

/** A deleted task's last change is its deletion: it is purged TRASH_DAYS after. */
const purgeAt = (t: Task) => new Date(Date.parse(t.updatedAt) + TRASH_DAYS * 86_400_000).toISOString();
