/**
 * The page's tasks in sections (sections.ts), loading more as the end scrolls
 * into view (the API's nextCursor). In a list's manual order a task is
 * dragged, or moved with Alt+↑/↓, to another place; in Upcoming it is dragged
 * (or moved with Alt+↑/↓) to another day.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { PRIORITY_META } from "./priority";
import type { Section } from "./sections";
import { formatInstant, isOverdue } from "./time";
import type { Task } from "./types";

export interface TaskListProps {
  sections: Section[];
  selected: number;
  loading: boolean;
  hasMore: boolean;
  /** Rows can be reordered (a list in its manual order). */
  reorder: boolean;
  onLoadMore(): void;
  onOpen(task: Task, index: number): void;
  onToggle(task: Task): void;
  onSelect(index: number): void;
  onTag(tag: string): void;
  /** Put `task` just before `before` (null: at the end) in the manual order. */
  onReorder(task: Task, before: Task | null, after: Task | null): void;
  onMoveToDay(task: Task, day: string): void;
  /** The pointer left the list: rows completed under it may go now. */
  onPointerLeave(): void;
}

const DRAG_TYPE = "application/x-tickler-task";

export function TaskList(props: TaskListProps) {
  const sentinel = useRef<HTMLLIElement>(null);
  const more = useRef(props.onLoadMore);
  more.current = props.onLoadMore;
  const canLoad = props.hasMore && !props.loading;
  const [dropDay, setDropDay] = useState<string | null>(null);
  const all = props.sections.flatMap((s) => s.items);
  const dayed = props.sections.some((s) => s.day);

  useEffect(() => {
    if (!canLoad || !sentinel.current) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) more.current();
    }, { rootMargin: "400px" });
    observer.observe(sentinel.current);
    return () => observer.disconnect();
  }, [canLoad, all.length]);

  if (all.length === 0 && !props.loading && !dayed) {
    return <p class="empty">Nothing here. Press <kbd>q</kbd> to add a task.</p>;
  }

  const byId = (id: string) => all.find((t) => t.id === id);
  /** Alt+↑/↓: one place up or down in the manual order, or one day earlier or later in Upcoming. */
  const onRowKey = (e: KeyboardEvent, task: Task, index: number) => {
    if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    const up = e.key === "ArrowUp";
    if (props.reorder) {
      e.preventDefault();
      if (up && index > 0) props.onReorder(task, index > 1 ? all[index - 2]! : null, all[index - 1]!);
      if (!up && index < all.length - 1) props.onReorder(task, all[index + 1]!, all[index + 2] ?? null);
    } else if (dayed) {
      e.preventDefault();
      const at = props.sections.findIndex((s) => s.items.includes(task));
      const to = props.sections[at + (up ? -1 : 1)];
      if (to?.day) props.onMoveToDay(task, to.day);
    }
  };

  const dropOnRow = (e: DragEvent, target: Task) => {
    const id = e.dataTransfer?.getData(DRAG_TYPE);
    const task = id ? byId(id) : undefined;
    if (!task || task.id === target.id) return;
    e.preventDefault();
    const from = all.indexOf(task);
    const to = all.indexOf(target);
    // Dropped on a row: it takes that row's place (below it when moving down, above it when moving up).
    if (from < to) props.onReorder(task, target, all[to + 1] ?? null);
    else props.onReorder(task, all[to - 1] ?? null, target);
  };

  let offset = 0;
  return (
    <div class="sections" onPointerLeave={props.onPointerLeave}>
      {props.sections.map((section) => {
        const start = offset;
        offset += section.items.length;
        const head = section.title ? `sec-${section.key}` : undefined;
        return (
          <section key={section.key} class={`section${dropDay === section.day && section.day ? " drop" : ""}`} aria-labelledby={head}
            onDragOver={section.day ? (e) => { if (e.dataTransfer?.types.includes(DRAG_TYPE)) { e.preventDefault(); setDropDay(section.day!); } } : undefined}
            onDragLeave={section.day ? () => setDropDay(null) : undefined}
            onDrop={section.day ? (e) => {
              setDropDay(null);
              const task = byId(e.dataTransfer?.getData(DRAG_TYPE) ?? "");
              if (!task) return;
              e.preventDefault();
              if (!section.items.includes(task)) props.onMoveToDay(task, section.day!);
            } : undefined}>
            {section.title && <h2 id={head} class="section-head">{section.title} {section.items.length > 0 && <span class="count">{section.items.length}</span>}</h2>}
            {section.items.length === 0 && section.day ? <p class="empty-day muted">Nothing planned</p> : (
              <ul class="tasks" aria-label={section.title || "Tasks"} aria-busy={props.loading ? "true" : "false"}>
                {section.items.map((task, i) => (
                  <TaskRow key={task.id} task={task} index={start + i} {...props}
                    draggable={props.reorder || dayed}
                    onKeyDown={(e) => onRowKey(e, task, start + i)}
                    onDrop={props.reorder ? (e) => dropOnRow(e, task) : undefined} />
                ))}
                {props.hasMore && section === props.sections[props.sections.length - 1] && (
                  <li ref={sentinel} class="more">
                    <button type="button" onClick={props.onLoadMore} disabled={props.loading}>{props.loading ? "Loading…" : "Load more"}</button>
                  </li>
                )}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

interface RowProps extends TaskListProps {
  task: Task;
  index: number;
  draggable: boolean;
  onKeyDown(e: KeyboardEvent): void;
  onDrop?: (e: DragEvent) => void;
}

function TaskRow(props: RowProps) {
  const { task, index } = props;
  const overdue = isOverdue(task);
  const meta = PRIORITY_META[task.priority];
  const done = task.status === "completed";
  return (
    <li class={`task prio-${task.priority}${overdue ? " overdue" : ""}${done ? " done" : ""}${props.selected === index ? " selected" : ""}`}
      data-id={task.id} draggable={props.draggable}
      onDragStart={(e) => { e.dataTransfer?.setData(DRAG_TYPE, task.id); if (e.dataTransfer) e.dataTransfer.effectAllowed = "move"; }}
      onDragOver={props.onDrop ? (e) => { if (e.dataTransfer?.types.includes(DRAG_TYPE)) e.preventDefault(); } : undefined}
      onDrop={props.onDrop}>
      <input type="checkbox" checked={done} aria-label={`${done ? "Reopen" : "Complete"} “${task.title}”`} onChange={() => props.onToggle(task)} />
      <div class="task-main">
        <button type="button" id={`task-${task.id}`} class="title" onClick={() => props.onOpen(task, index)} onFocus={() => props.onSelect(index)}
          onKeyDown={props.onKeyDown} aria-keyshortcuts={props.draggable ? "Alt+ArrowUp Alt+ArrowDown" : undefined}>
          {task.title}
        </button>
        <div class="meta">
          {task.priority !== "none" && <span class="prio"><span aria-hidden="true">{meta.icon}</span> {meta.label}</span>}
          {task.dueAt && (
            <span class="due">
              {overdue && <strong class="overdue-label">Overdue · </strong>}
              Due <time dateTime={task.dueAt} title={`${formatInstant(task.dueAt, task.timeZone)} (${task.timeZone})`}>{formatInstant(task.dueAt)}</time>
            </span>
          )}
          {/* An edit queued offline has the rule but not yet the server's wording of it. */}
          {task.recurrence && <span class="recur"><span aria-hidden="true">↻</span> {task.recurrence.text || task.recurrence.rule}</span>}
          {task.reminders.length > 0 && (
            <span class="remind"><span aria-hidden="true">◔</span> {task.reminders.length} reminder{task.reminders.length === 1 ? "" : "s"}</span>
          )}
          {task.snoozedUntil && <span class="snooze">Snoozed until {formatInstant(task.snoozedUntil)}</span>}
          {task.assigneeId && <span class="assignee"><span aria-hidden="true">👤</span> Assigned to {task.assigneeId}</span>}
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
