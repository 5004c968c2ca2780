/**
 * A list's activity (GET /lists/{id}/activity, docs/lists.md): the audited
 * changes of its tasks and of the list itself, newest first, with More paging
 * through nextCursor. The audit records a change a moment after it happens,
 * so Refresh asks again.
 */
import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
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
              <time dateTime={a.occurredAt}>{formatInstant(a.occurredAt)}</time> — {describe(a)}
            </li>
          ))}
        </ol>
      )}
      {next && <button type="button" onClick={() => void load(next)}>More</button>}
    </section>
  );
}

/** One line for an entry: who did what to which task, or to the list and its members. */
export function describe(a: ActivityEntry): string {
  if (a.taskId) {
    const kind = a.type.replace(/^tickler\.task\.|\.v\d+$/g, "");
    const title = typeof a.task?.title === "string" ? `“${a.task.title}”` : "a task";
    const fields = a.changed.length > 0 && kind === "updated" ? ` (${a.changed.join(", ")})` : "";
    return `${a.actor}: ${title} ${kind}${fields}`;
  }
  const members = Array.isArray(a.list?.members) ? (a.list.members as { userId: string; role: string }[]) : [];
  const roleOfMember = a.list?.ownerId === a.memberId ? "owner" : members.find((m) => m.userId === a.memberId)?.role;
  switch (a.kind) {
    case "create": return `${a.actor} made the list`;
    case "update": return `${a.actor} changed the list${a.changed.length ? ` (${a.changed.join(", ")})` : ""}`;
    case "delete": return `${a.actor} deleted the list`;
    case "invite": return `${a.actor} invited ${a.memberId ?? "someone"}`;
    case "answer": return roleOfMember ? `${a.actor} joined as ${roleOfMember}` : `${a.actor} declined an invitation`;
    case "setRole": return `${a.actor} made ${a.memberId ?? "a member"} ${roleOfMember ?? "a member"}`;
    case "removeMember": return a.actor === a.memberId ? `${a.actor} left the list` : `${a.actor} removed ${a.memberId ?? "a member"}`;
    default: return `${a.actor}: ${a.kind ?? a.type}`;
  }
}
