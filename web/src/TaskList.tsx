/**
 * The page's tasks in sections (sections.ts), loading more as the end scrolls
 * into view (the API's nextCursor). In a list's manual order a task is
 * dragged, or moved with Alt+↑/↓, to another place; in Upcoming it is dragged
 * (or moved with Alt+↑/↓) to another day. A mouse drags the row (native HTML
 * drag), a finger its handle (touchDrag.ts); all three end in `drop`.
 */
import type { HTMLAttributes } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { movesToDay, placeByStep, placeOnDrop } from "./dragPlace";
import { PRIORITY_META } from "./priority";
import type { Section } from "./sections";
import { formatInstant, isOverdue } from "./time";
import type { Task } from "./types";
import { useTouchDrag, type DropTarget } from "./touchDrag";

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
  /** The user may change this task (complete, drag); a viewer's or commenter's task is read-only. */
  mayEdit(task: Task): boolean;
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
  const [dropRow, setDropRow] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const all = props.sections.flatMap((s) => s.items);
  const dayed = props.sections.some((s) => s.day);
  const byId = (id: string) => all.find((t) => t.id === id);

  /** A task dropped on a row or a day, by mouse, finger or keyboard. */
  const drop = (task: Task, target: DropTarget) => {
    if ("row" in target) {
      const to = byId(target.row);
      const place = props.reorder && to ? placeOnDrop(all, task, to) : null;
      if (place) props.onReorder(task, ...place);
      return;
    }
    const section = props.sections.find((s) => s.day === target.day);
    if (section && movesToDay(section, task)) props.onMoveToDay(task, target.day);
  };

  const touch = useTouchDrag({
    targetAt(x, y, dragged) {
      // The topmost part of this list under the finger: a toast over it (at a phone's foot) does not hide the day below.
      const el = document.elementsFromPoint(x, y).find((e) => box.current?.contains(e));
      if (!el) return null;
      if (props.reorder) {
        const id = el.closest<HTMLElement>("li.task[data-id]")?.dataset.id;
        return id && id !== dragged ? { row: id } : null;
      }
      const day = dayed ? el.closest<HTMLElement>("section[data-day]")?.dataset.day : undefined;
      return day ? { day } : null;
    },
    onHover(target) {
      setDropRow(target && "row" in target ? target.row : null);
      setDropDay(target && "day" in target ? target.day : null);
    },
    onDrop(id, target) {
      const task = byId(id);
      if (task) drop(task, target);
    },
  });

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

  /** Alt+↑/↓: one place up or down in the manual order, or one day earlier or later in Upcoming. */
  const onRowKey = (e: KeyboardEvent, task: Task) => {
    if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown") || !props.mayEdit(task)) return;
    const up = e.key === "ArrowUp";
    if (props.reorder) {
      e.preventDefault();
      const place = placeByStep(all, task, up);
      if (place) props.onReorder(task, ...place);
    } else if (dayed) {
      e.preventDefault();
      const at = props.sections.findIndex((s) => s.items.includes(task));
      const to = props.sections[at + (up ? -1 : 1)];
      if (to?.day) drop(task, { day: to.day });
    }
  };

  const dropOnRow = (e: DragEvent, target: Task) => {
    const id = e.dataTransfer?.getData(DRAG_TYPE);
    const task = id ? byId(id) : undefined;
    if (!task || task.id === target.id || !props.mayEdit(task)) return;
    e.preventDefault();
    drop(task, { row: target.id });
  };

  let offset = 0;
  return (
    <div class="sections" ref={box} onPointerLeave={props.onPointerLeave}>
      {props.sections.map((section) => {
        const start = offset;
        offset += section.items.length;
        const head = section.title ? `sec-${section.key}` : undefined;
        return (
          <section key={section.key} class={`section${dropDay === section.day && section.day ? " drop" : ""}`} aria-labelledby={head} data-day={section.day}
            onDragOver={section.day ? (e) => { if (e.dataTransfer?.types.includes(DRAG_TYPE)) { e.preventDefault(); setDropDay(section.day!); } } : undefined}
            onDragLeave={section.day ? () => setDropDay(null) : undefined}
            onDrop={section.day ? (e) => {
              setDropDay(null);
              const task = byId(e.dataTransfer?.getData(DRAG_TYPE) ?? "");
              if (!task) return;
              e.preventDefault();
              drop(task, { day: section.day! });
            } : undefined}>
            {section.title && <h2 id={head} class="section-head">{section.title} {section.items.length > 0 && <span class="count">{section.items.length}</span>}</h2>}
            {section.items.length === 0 && section.day ? <p class="empty-day muted">Nothing planned</p> : (
              <ul class="tasks" aria-label={section.title || "Tasks"} aria-busy={props.loading ? "true" : "false"}>
                {section.items.map((task, i) => (
                  <TaskRow key={task.id} task={task} index={start + i} {...props}
                    draggable={(props.reorder || dayed) && props.mayEdit(task)}
                    handle={touch.handleProps(task.id)}
                    touchDragging={touch.active}
                    dragState={touch.dragging === task.id ? " dragging" : dropRow === task.id ? " drop-target" : ""}
                    onKeyDown={(e) => onRowKey(e, task)}
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
  /** The touch drag handle's props (touchDrag.ts). */
  handle: HTMLAttributes<HTMLSpanElement>;
  touchDragging(): boolean;
  /** " dragging" (this row, by touch), " drop-target" (the row under the finger) or "". */
  dragState: string;
  onKeyDown(e: KeyboardEvent): void;
  onDrop?: (e: DragEvent) => void;
}

function TaskRow(props: RowProps) {
  const { task, index } = props;
  const overdue = isOverdue(task);
  const meta = PRIORITY_META[task.priority];
  const done = task.status === "completed";
  return (
    <li class={`task prio-${task.priority}${overdue ? " overdue" : ""}${done ? " done" : ""}${props.selected === index ? " selected" : ""}${props.dragState}`}
      data-id={task.id} draggable={props.draggable}
      onDragStart={(e) => {
        // A finger on the handle drags by Pointer Events; the browser's own touch drag would be a second one.
        if (props.touchDragging()) { e.preventDefault(); return; }
        e.dataTransfer?.setData(DRAG_TYPE, task.id);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
      }}
      onDragOver={props.onDrop ? (e) => { if (e.dataTransfer?.types.includes(DRAG_TYPE)) e.preventDefault(); } : undefined}
      onDrop={props.onDrop}>
      {/* Hidden from assistive technology: Alt+↑/↓ on the title is the way to move a task without a pointer. */}
      {props.draggable && <span class="grip" aria-hidden="true" title="Drag to move" {...props.handle}>⠿</span>}
      <input type="checkbox" checked={done} aria-label={`${done ? "Reopen" : "Complete"} “${task.title}”`} onChange={() => props.onToggle(task)}
        disabled={!props.mayEdit(task)} title={props.mayEdit(task) ? undefined : "Read-only: you may view this list's tasks, not change them"} />
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
