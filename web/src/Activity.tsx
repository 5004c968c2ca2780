/**
 * A list's activity (GET /lists/{id}/activity, docs/lists.md): the audited
 * changes of its tasks and of the list itself, newest first, with More paging
 * through nextCursor. The audit records a change a moment after it happens,
 * so Refresh asks again.
 */
import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
import { describeActivity } from "./lists";
import { formatInstant } from "./time";
import type { ActivityEntry, List, Page } from "./types";

const PAGE = 25;

export function ActivityPanel(props: { list: List; onClose(): void }) {
  const [items, setItems] = useState<ActivityEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState("");

  const load = async (cursor: string | null) => {
    setError("");
    try {
      const page = await api<Page<ActivityEntry>>("GET", `/lists/${props.list.id}/activity?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      setItems((before) => (cursor ? [...(before ?? []), ...page.items] : page.items));
      setNext(page.nextCursor);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  useEffect(() => void load(null), [props.list.id]);

  return (
    <section class="panel" aria-labelledby="activity-heading">
      <div class="panel-head">
        <h2 id="activity-heading">Activity in “{props.list.name}”</h2>
        <button type="button" onClick={() => void load(null)}>Refresh</button>
        <button type="button" onClick={props.onClose}>Close</button>
      </div>
      {error && <p role="alert" class="field-error">{error}</p>}
      {items === null ? <p>Loading…</p> : items.length === 0 ? <p class="muted">Nothing yet.</p> : (
        <ol class="timeline activity" aria-label="Changes, newest first">
          {items.map((a) => (
            <li key={a.eventId}>
              <time dateTime={a.occurredAt}>{formatInstant(a.occurredAt)}</time> — {describeActivity(a)}
            </li>
          ))}
        </ol>
      )}
      {next && <button type="button" onClick={() => void load(next)}>More</button>}
    </section>
  );
}
