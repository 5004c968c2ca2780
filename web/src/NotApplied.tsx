/**
 * Changes made offline that the server refused when they were sent (the task
 * changed or went meanwhile): each names the task and the fields that were
 * not applied, with the server's newer version, until dismissed. Kept in
 * IndexedDB with the rest of the offline copy, so a reload does not lose it.
 */
import { useEffect, useState } from "preact/hooks";
import { fieldsOf, isConflict, kindOf } from "./offlineQueue.js";
import { api, ApiError } from "./api";
import { keepNotApplied, keptNotApplied, type NotAppliedEntry, type QueuedWrite } from "./offline";
import { PRIORITY_META } from "./priority";
import { formatInstant } from "./time";
import type { ToastApi } from "./Toasts";
import type { Priority, Task } from "./types";

/** The entries (kept in IndexedDB), and how a refused queued write becomes one: `onRefused` tells the app which task to show again. */
export function useNotApplied(toasts: ToastApi, onRefused: (taskId: string) => void) {
  const [items, setItems] = useState<NotAppliedEntry[]>([]);
  const change = (next: (old: NotAppliedEntry[]) => NotAppliedEntry[]) =>
    setItems((old) => { const now = next(old); void keepNotApplied(now); return now; });
  // A report may land before the kept ones are read: both are kept then.
  useEffect(() => void keptNotApplied().then((kept) => { if (kept.length) change((old) => [...kept, ...old]); }), []);

  /** Named with what was not applied and, for a conflict, the task as the server has it now. */
  function report(write: QueuedWrite, err: ApiError) {
    toasts.show(`Not applied: ${write.label} (${err.message})`);
    const id = write.taskId;
    if (id) onRefused(id);
    const entry: NotAppliedEntry = {
      id: crypto.randomUUID(), label: write.label, newer: null, gone: false,
      reason: err.status === 412 ? `the task changed elsewhere meanwhile (${err.message})` : err.message,
      fields: fieldsOf(write),
    };
    const add = (e: NotAppliedEntry) => change((old) => [...old, e]);
    if (!id || kindOf(write) === "add" || !isConflict(err.status)) return add(entry);
    api<Task>("GET", `/tasks/${id}`).then((newer) => add({ ...entry, newer }), (e: unknown) => add({ ...entry, gone: e instanceof ApiError && (e.status === 404 || e.status === 403) }));
  }

  return { items, report, dismiss: (id: string | null) => change((old) => (id === null ? [] : old.filter((e) => e.id !== id))) };
}


const FIELD_NAMES: Record<string, string> = {
  title: "title", description: "notes", priority: "priority", tags: "tags", dueAt: "due", timeZone: "time zone", reminders: "reminders",
  recurrence: "repeat", assigneeId: "assignee", position: "place in the list", listId: "list", parentId: "parent task",
  status: "status", snoozedUntil: "snoozed until",
};

function describe(field: string, value: unknown): string {
  const name = FIELD_NAMES[field] ?? field;
  if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) return `${name}: none`;
  if (field === "position" || field === "reminders") return name;
  if ((field === "dueAt" || field === "snoozedUntil") && typeof value === "string") return `${name} ${formatInstant(value)}`;
  if (field === "status") return value === "completed" ? "completed" : "reopened";
  if (field === "priority" && typeof value === "string") return `${name} ${PRIORITY_META[value as Priority]?.label ?? value}`;
  if (field === "tags" && Array.isArray(value)) return `${name} #${value.join(" #")}`;
  if (field === "recurrence" && value && typeof value === "object" && "rule" in value) return `${name} ${String(value.rule)}`;
  return `${name} “${typeof value === "string" ? value : JSON.stringify(value)}”`;
}

export function NotAppliedPanel(props: { items: NotAppliedEntry[]; onOpen(task: Task): void; onDismiss(id: string | null): void }) {
  return (
    <section class="panel not-applied" aria-labelledby="not-applied-heading">
      <div class="panel-head">
        <h2 id="not-applied-heading">Not applied</h2>
        <button type="button" onClick={() => props.onDismiss(null)}>Dismiss all</button>
      </div>
      <p class="muted">Changes made offline that the server did not take when they were sent; they are not sent again.</p>
      <ul class="inbox" aria-label="Changes not applied">
        {props.items.map((e) => (
          <li key={e.id}>
            <p><strong>Your {e.label}</strong> was not applied: {e.reason}.</p>
            {e.fields.length > 0 && <p>Not applied: {e.fields.map(([f, v]) => describe(f, v)).join("; ")}.</p>}
            {e.newer && (
              <p class="conflict-summary">
                Now on the server (version {e.newer.version}): “{e.newer.title}” · {PRIORITY_META[e.newer.priority].label}
                {e.newer.status === "completed" ? " · completed" : ""}{e.newer.snoozedUntil ? ` · snoozed until ${formatInstant(e.newer.snoozedUntil)}` : ""}{e.newer.dueAt ? ` · due ${formatInstant(e.newer.dueAt)}` : ""}{e.newer.tags.length ? ` · #${e.newer.tags.join(" #")}` : ""}
                {" "}<button type="button" onClick={() => props.onOpen(e.newer!)}>Open<span class="sr-only"> “{e.newer.title}”</span></button>
              </p>
            )}
            {e.gone && <p>The task is no longer there (deleted, or no longer shared with you).</p>}
            <button type="button" onClick={() => props.onDismiss(e.id)}>Dismiss<span class="sr-only"> {e.label}</span></button>
          </li>
        ))}
      </ul>
    </section>
  );
}
