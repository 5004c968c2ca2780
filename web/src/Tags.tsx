/** Tag management: every tag with its count; rename (or merge into an existing tag) and delete across all tasks. */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "./api";
import type { TagCount } from "./types";

export function TagsPanel(props: { onClose(): void; onFilter(tag: string): void; onChanged(): void }) {
  const [tags, setTags] = useState<TagCount[] | null>(null);
  const [message, setMessage] = useState("");
  const reload = () => api<{ items: TagCount[] }>("GET", "/tags").then((r) => setTags(r.items), (e: Error) => setMessage(e.message));
  useEffect(() => void reload(), []);

  async function run(what: Promise<unknown>, done: string) {
    try {
      await what;
      setMessage(done);
      props.onChanged();
      await reload();
    } catch (err) {
      setMessage(err instanceof ApiError ? (err.problem.errors?.[0]?.message ?? err.message) : String(err));
    }
  }

  return (
    <section class="panel" aria-labelledby="tags-heading">
      <div class="panel-head">
        <h2 id="tags-heading">Tags</h2>
        <button type="button" onClick={props.onClose}>Close</button>
      </div>
      <p role="status" class="muted">{message}</p>
      {tags === null ? <p>Loading…</p> : tags.length === 0 ? <p>No tags yet.</p> : (
        <ul class="tag-list">
          {tags.map((t) => <TagRow key={t.tag} tag={t} onFilter={props.onFilter}
            onRename={(name) => run(api("PATCH", `/tags/${encodeURIComponent(t.tag)}`, { name }), `Renamed #${t.tag} to #${name}`)}
            onDelete={() => run(api("DELETE", `/tags/${encodeURIComponent(t.tag)}`), `Removed #${t.tag} from every task`)} />)}
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
