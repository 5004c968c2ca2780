/** Read-only parts of the editor: the next occurrences of a recurring task, and its history. */
import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
import { formatInstant } from "./time";
import type { HistoryEntry, Task } from "./types";

export function Occurrences(props: { task: Task }) {
  const [dates, setDates] = useState<string[] | null>(null);
  useEffect(() => {
    api<{ items: { dueAt: string }[] }>("GET", `/tasks/${props.task.id}/occurrences?count=5`).then(
      (r) => setDates(r.items.map((i) => i.dueAt)),
      () => setDates([]),
    );
  }, [props.task.id, props.task.version]);
  if (!dates) return null;
  return (
    <div class="occurrences">
      <p>{props.task.recurrence?.text ?? "Repeats"}. Next:</p>
      <ol aria-label="Next occurrences">{dates.map((d) => <li key={d}><time dateTime={d}>{formatInstant(d, props.task.timeZone)}</time></li>)}</ol>
    </div>
  );
}

export function History(props: { task: Task }) {
  const [items, setItems] = useState<HistoryEntry[] | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    let stop = false;
    // The audit trail lags the task by a moment: ask again a few times while it has nothing.
    void (async () => {
      for (let attempt = 0; attempt < 6 && !stop; attempt++) {
        const found = await api<{ items: HistoryEntry[] }>("GET", `/tasks/${props.task.id}/history`).then((r) => r.items, () => []);
        if (stop) return;
        setItems(found);
        if (found.length > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    })();
    return () => {
      stop = true;
    };
  }, [open, props.task.version]);
  return (
    <details class="history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>History</summary>
      {items === null ? <p>Loading…</p> : items.length === 0 ? <p class="muted">No entries yet.</p> : (
        <ol class="timeline">
          {items.map((h) => (
            <li key={h.eventId}>
              <time dateTime={h.occurredAt}>{formatInstant(h.occurredAt)}</time> — {h.type.replace(/^tickler\.task\.|\.v\d+$/g, "")} (version {h.version})
              {h.changed.length > 0 && !h.type.includes(".created.") && <span class="muted">: {h.changed.join(", ")}</span>}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
