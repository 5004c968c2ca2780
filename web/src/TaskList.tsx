/** The list: one row per task, loading more as its end scrolls into view (the API's nextCursor). */
import { useEffect, useRef } from "preact/hooks";
import { PRIORITY_META } from "./priority";
import { formatInstant, isOverdue } from "./time";
import type { Task } from "./types";

export interface TaskListProps {
  items: Task[];
  selected: number;
  loading: boolean;
  hasMore: boolean;
  onLoadMore(): void;
  onOpen(task: Task, index: number): void;
  onToggle(task: Task): void;
  onSelect(index: number): void;
  onTag(tag: string): void;
}

export function TaskList(props: TaskListProps) {
  const sentinel = useRef<HTMLLIElement>(null);
  const more = useRef(props.onLoadMore);
  more.current = props.onLoadMore;
  const canLoad = props.hasMore && !props.loading;

  useEffect(() => {
    if (!canLoad || !sentinel.current) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) more.current();
    }, { rootMargin: "400px" });
    observer.observe(sentinel.current);
    return () => observer.disconnect();
  }, [canLoad, props.items.length]);

  if (props.items.length === 0 && !props.loading) {
    return <p class="empty">No tasks here. Press <kbd>n</kbd> to add one.</p>;
  }
  return (
    <ul class="tasks" aria-label="Tasks" aria-busy={props.loading ? "true" : "false"}>
      {props.items.map((task, index) => (
        <TaskRow key={task.id} task={task} index={index} {...props} />
      ))}
      {props.hasMore && (
        <li ref={sentinel} class="more">
          <button type="button" onClick={props.onLoadMore} disabled={props.loading}>{props.loading ? "Loading…" : "Load more"}</button>
        </li>
      )}
    </ul>
  );
}

function TaskRow(props: TaskListProps & { task: Task; index: number }) {
  const { task, index } = props;
  const overdue = isOverdue(task);
  const meta = PRIORITY_META[task.priority];
  const done = task.status === "completed";
  return (
    <li class={`task prio-${task.priority}${overdue ? " overdue" : ""}${done ? " done" : ""}${props.selected === index ? " selected" : ""}`}>
      <input type="checkbox" checked={done} aria-label={`${done ? "Reopen" : "Complete"} “${task.title}”`} onChange={() => props.onToggle(task)} />
      <div class="task-main">
        <button type="button" id={`task-${task.id}`} class="title" onClick={() => props.onOpen(task, index)} onFocus={() => props.onSelect(index)}>
          {task.title}
        </button>
        <div class="meta">
          <span class="prio"><span aria-hidden="true">{meta.icon}</span> {meta.label}</span>
          {task.dueAt && (
            <span class="due">
              {overdue && <strong class="overdue-label">Overdue · </strong>}
              Due <time dateTime={task.dueAt} title={`${formatInstant(task.dueAt, task.timeZone)} (${task.timeZone})`}>{formatInstant(task.dueAt)}</time>
            </span>
          )}
          {task.recurrence && <span class="recur"><span aria-hidden="true">↻</span> {task.recurrence.text}</span>}
          {task.reminders.length > 0 && (
            <span class="remind"><span aria-hidden="true">◔</span> {task.reminders.length} reminder{task.reminders.length === 1 ? "" : "s"}</span>
          )}
          {task.snoozedUntil && <span class="snooze">Snoozed until {formatInstant(task.snoozedUntil)}</span>}
        </div>
        {task.tags.length > 0 && (
          <ul class="chips" aria-label="Tags">
            {task.tags.map((t) => (
              <li key={t}><button type="button" class="chip" onClick={() => props.onTag(t)} aria-label={`Filter by tag ${t}`}>#{t}</button></li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}
