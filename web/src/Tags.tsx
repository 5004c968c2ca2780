/** Tag management: every tag with its count; rename (or merge into an existing tag) and delete across all tasks, queued when offline. */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "./api";
import { isNetworkError, offlineTagCounts, type QueuedWrite } from "./offline";
import type { TagCount } from "./types";

export function TagsPanel(props: { onClose(): void; onFilter(tag: string): void; onChanged(): void; queueOffline(write: QueuedWrite): Promise<boolean> }) {
  const [tags, setTags] = useState<TagCount[] | null>(null);
  const [kept, setKept] = useState(false);
  const [message, setMessage] = useState("");
  const reload = () => api<{ items: TagCount[] }>("GET", "/tags").then(
    (r) => { setTags(r.items); setKept(false); },
    // Offline: counted over the tasks kept on this device, with the changes waiting to be sent.
    (e: Error) => (isNetworkError(e) ? offlineTagCounts().then((items) => { setTags(items); setKept(true); }) : setMessage(e.message)),
  );
  useEffect(() => void reload(), []);

  async function run(write: Omit<QueuedWrite, "headers">, done: string) {
    try {
      await api(write.method, write.path, write.body);
      setMessage(done);
    } catch (err) {
      if (!isNetworkError(err)) {
        setMessage(err instanceof ApiError ? (err.problem.errors?.[0]?.message ?? err.message) : String(err));
        return;
      }
      // Sent again as it is once online: a rename or removal done twice changes nothing the second time.
      if (!(await props.queueOffline({ ...write, headers: {} }))) return;
      setMessage(`${done} (offline: sent when you are back online)`);
    }
    props.onChanged();
    await reload();
  }

  return (
    <section class="panel" aria-labelledby="tags-heading">
      <div class="panel-head">
        <h2 id="tags-heading">Tags</h2>
        <button type="button" onClick={props.onClose}>Close</button>
      </div>
      <p role="status" class="muted">{message}</p>
      {kept && <p class="muted">Offline: counted over the tasks kept on this device.</p>}
      {tags === null ? <p>Loading…</p> : tags.length === 0 ? <p>No tags yet.</p> : (
        <ul class="tag-list">
          {tags.map((t) => <TagRow key={t.tag} tag={t} onFilter={props.onFilter}
            onRename={(name) => run({ method: "PATCH", path: `/tags/${encodeURIComponent(t.tag)}`, body: { name }, label: `rename #${t.tag} to #${name}` }, `Renamed #${t.tag} to #${name}`)}
            onDelete={() => run({ method: "DELETE", path: `/tags/${encodeURIComponent(t.tag)}`, label: `remove #${t.tag}` }, `Removed #${t.tag} from every task`)} />)}
        </ul>
      )}
    </section>
  );
}

function TagRow(props: { tag: TagCount; onFilter(tag: string): void; onRename(name: string): void; onDelete(): void }) {
  const [name, setName] = useState(props.tag.tag);
  const [confirming, setConfirming] = useState(false);
  const id = `tag-${props.tag.tag.replace(/[^\w-]/g, "_")}`;
  return (
    <li>
      <button type="button" class="chip" onClick={() => props.onFilter(props.tag.tag)} aria-label={`Show tasks tagged ${props.tag.tag}`}>#{props.tag.tag}</button>
      <span class="muted">{props.tag.count} task{props.tag.count === 1 ? "" : "s"}</span>
      <form class="inline" onSubmit={(e) => { e.preventDefault(); if (name.trim() && name.trim() !== props.tag.tag) props.onRename(name.trim()); }}>
        <label for={id} class="sr-only">New name for {props.tag.tag}</label>
        <input id={id} value={name} onInput={(e) => setName(e.currentTarget.value)} maxLength={40} />
        <button type="submit">Rename</button>
      </form>
      {confirming ? (
        <>
          <button type="button" class="danger" onClick={props.onDelete}>Remove from {props.tag.count} task{props.tag.count === 1 ? "" : "s"}</button>
          <button type="button" onClick={() => setConfirming(false)}>Keep</button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} aria-label={`Delete tag ${props.tag.tag}`}>Delete</button>
      )}
    </li>
  );
}
