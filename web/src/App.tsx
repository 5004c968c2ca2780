/**
 * The signed-in app: a top bar, the sidebar (views, lists, tags), the page
 * (quick add, the filter bar, the tasks) and the details pane of the open
 * task; wires the live stream, the keys and undo.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "./api";
import type { Session } from "./auth";
import { bodyOf, draftOf } from "./draft";
import { Editor } from "./Editor";
import { Filters, SearchBox } from "./Filters";
import { InboxPanel } from "./Inbox";
import { useKeyboard } from "./keyboard";
import { QuickAdd } from "./QuickAdd";
import { movedToDay, sectionsOf } from "./sections";
import { isShared, loadLists, loadTags, Sidebar } from "./Sidebar";
import { openStream } from "./stream";
import { TagsPanel } from "./Tags";
import { TaskList } from "./TaskList";
import { Toasts, useToasts } from "./Toasts";
import { useTaskPages } from "./taskPages";
import type { List, QuickDraft, ReminderDue, TagCount, Task } from "./types";
import { UNDO_MS, useUndo } from "./undo";
import { keyBetween } from "../../src/domain/position.js";
import { viewFromUrl, viewToParams, type View } from "./view";

type EditorState = { mode: "new" } | { mode: "edit"; task: Task } | null;
const WIDE = "(min-width: 768px)";
const wide = () => typeof matchMedia === "function" && matchMedia(WIDE).matches;

export function App(props: { session: Session; onSignOut(): void }) {
  const [view, setViewState] = useState<View>(() => viewFromUrl(location.search));
  const list = useTaskPages(view);
  const [selected, setSelected] = useState(-1);
  const [editor, setEditor] = useState<EditorState>(null);
  const [panel, setPanel] = useState<"tags" | "inbox" | null>(null);
  const [live, setLive] = useState(false);
  const [latest, setLatest] = useState<Record<string, Task>>({});
  const [inboxTick, setInboxTick] = useState(0);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [lists, setLists] = useState<List[]>([]);
  const [tags, setTags] = useState<TagCount[]>([]);
  const [navOpen, setNavOpen] = useState(wide);
  // Tasks completed here stay in their row (done) until the pointer leaves the list, so nothing moves under it.
  const [kept, setKept] = useState<Map<string, { task: Task; index: number }>>(new Map());
  const toasts = useToasts();
  const searchRef = useRef<HTMLInputElement>(null);
  const quickRef = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const reloadSoon = () => list.reloadSoon();
  const undo = useUndo(toasts, reloadSoon);

  function setView(nextView: View) {
    const query = viewToParams(nextView, false).toString();
    history.pushState(null, "", query ? `/?${query}` : "/");
    setViewState(nextView);
    if (!wide()) setNavOpen(false);
  }

  const refreshSidebar = () => {
    loadLists().then(setLists, () => {});
    loadTags().then(setTags, () => {});
  };
  useEffect(refreshSidebar, []);
  useEffect(() => { setSelected(-1); setKept(new Map()); }, [view]);

  useEffect(() => {
    const onPop = () => setViewState(viewFromUrl(location.search));
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);

  useEffect(
    () =>
      openStream({
        onState: (connected) => {
          setLive(connected);
          // Whatever changed between the list's answer and this connection is not on the stream.
          if (connected) reloadSoon();
        },
        onResync: () => {
          reloadSoon();
          setInboxTick((n) => n + 1);
        },
        onEvent: (type, data) => {
          if (type.startsWith("task.")) {
            const task = data as Task;
            setLatest((old) => ((old[task.id]?.version ?? 0) >= task.version ? old : { ...old, [task.id]: task }));
            reloadSoon();
          } else if (type === "reminder.due") {
            const due = data as ReminderDue;
            toasts.show(`Reminder: ${due.task.title}`, { kind: "reminder" });
            if ("Notification" in window && Notification.permission === "granted") new Notification("Tickler reminder", { body: due.task.title, tag: due.deliveryId });
            setInboxTick((n) => n + 1);
          }
        },
      }),
    [],
  );

  function openEditor(state: EditorState) {
    returnFocus.current = document.activeElement as HTMLElement | null;
    setPanel(null);
    setEditor(state);
  }

  function closeEditor() {
    setEditor(null);
    requestAnimationFrame(() => returnFocus.current?.focus());
  }

  const patch = (task: Task, body: object) => api<Task>("PATCH", `/tasks/${task.id}`, body, { "if-match": `"${task.version}"` });
  const fail = (what: string) => (err: Error) => { toasts.show(`Could not ${what}: ${err.message}`); reloadSoon(); };

  async function toggleComplete(task: Task) {
    const index = shown.findIndex((t) => t.id === task.id);
    try {
      const opening = task.status !== "open";
      const answer = await api<Task | { task: Task }>("POST", `/tasks/${task.id}/${opening ? "reopen" : "complete"}`);
      const done = "task" in answer ? answer.task : answer;
      list.patchLocal(done);
      // Kept only while the pointer is over the list (it may have left while the answer was on its way).
      const underPointer = document.querySelector(".sections")?.matches(":hover") ?? false;
      if (!opening && index >= 0 && underPointer) setKept((old) => new Map(old).set(task.id, { task: done, index }));
      undo.record(opening ? `Reopened “${task.title}”` : `Completed “${task.title}”`, async () => {
        await api("POST", `/tasks/${task.id}/${opening ? "complete" : "reopen"}`);
        setKept((old) => { const m = new Map(old); m.delete(task.id); return m; });
      });
      reloadSoon();
    } catch (err) {
      toasts.show(`Could not change “${task.title}”: ${(err as Error).message}`);
    }
  }

  function deleteWithUndo(task: Task) {
    closeEditor();
    setHidden((old) => new Set(old).add(task.id));
    const restore = () => setHidden((old) => {
      const copy = new Set(old);
      copy.delete(task.id);
      return copy;
    });
    const cancel = async () => { clearTimeout(timer); restore(); };
    const timer = window.setTimeout(() => {
      undo.forget(cancel);
      api("DELETE", `/tasks/${task.id}`).then(reloadSoon, (err: Error) => {
        restore();
        toasts.show(`Could not delete “${task.title}”: ${err.message}`);
      });
    }, UNDO_MS);
    undo.record(`Deleted “${task.title}”`, cancel);
  }

  async function reorder(task: Task, before: Task | null, after: Task | null) {
    let position: string;
    try {
      position = keyBetween(before?.position ?? null, after?.position ?? null);
    } catch {
      toasts.show("Could not place the task there: its neighbours share a place; move one of them first");
      return;
    }
    list.patchLocal({ ...task, position });
    try {
      const saved = await patch(task, { position });
      list.patchLocal(saved);
      undo.record(`Moved “${task.title}”`, async () => { list.patchLocal({ ...saved, position: task.position }); await patch(saved, { position: task.position }); });
      reloadSoon();
      requestAnimationFrame(() => document.getElementById(`task-${task.id}`)?.focus());
    } catch (err) {
      fail(`move “${task.title}”`)(err as Error);
    }
  }

  async function moveToDay(task: Task, day: string) {
    const dueAt = movedToDay(task, day);
    if (!dueAt) return;
    list.patchLocal({ ...task, dueAt });
    try {
      const saved = await patch(task, { dueAt });
      list.patchLocal(saved);
      undo.record(`Moved “${task.title}” to ${new Date(dueAt).toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "short" })}`,
        async () => { await patch(saved, { dueAt: task.dueAt }); });
      reloadSoon();
      requestAnimationFrame(() => document.getElementById(`task-${task.id}`)?.focus());
    } catch (err) {
      fail(`move “${task.title}”`)(err as Error);
    }
  }

  /** Quick add: in the Inbox, Today or all tasks through POST /tasks/quick; in another list, its draft is created there. */
  async function quickCreate(text: string, idempotencyKey: string): Promise<Task> {
    const target = view.mode === "list" ? lists.find((l) => l.id === view.list && !l.inbox) : undefined;
    const headers = { "idempotency-key": idempotencyKey };
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    let task: Task;
    if (target) {
      const { parsed: _parsed, ...draft } = await api<QuickDraft & { parsed: unknown }>("POST", "/tasks/quick?dryRun=true", { text, timeZone });
      task = await api<Task>("POST", "/tasks", { ...draft, recurrence: draft.recurrence && { rule: draft.recurrence.rule, mode: draft.recurrence.mode }, listId: target.id }, headers);
    } else {
      task = await api<Task>("POST", "/tasks/quick", { text, timeZone }, headers);
    }
    undo.record(`Added “${task.title}”`, async () => { await api("DELETE", `/tasks/${task.id}`); });
    reloadSoon();
    if (task.tags.length) loadTags().then(setTags, () => {});
    return task;
  }

  const visible = list.items.filter((t) => !hidden.has(t.id));
  const shown = [...visible];
  for (const { task, index } of [...kept.values()].sort((a, b) => a.index - b.index)) {
    if (!shown.some((t) => t.id === task.id)) shown.splice(Math.min(index, shown.length), 0, task);
  }
  const sections = sectionsOf(view.mode, shown);
  const ordered = sections.flatMap((s) => s.items);
  const current = view.mode === "list" ? lists.find((l) => l.id === view.list) : undefined;
  const title = view.mode === "today" ? "Today" : view.mode === "upcoming" ? "Upcoming" : current ? current.name : view.mode === "list" ? "List" : view.tags.length === 1 && !view.q ? `#${view.tags[0]}` : "All tasks";

  useEffect(() => { document.title = `${title} · Tickler`; }, [title]);

  useKeyboard({
    onNew: () => openEditor({ mode: "new" }),
    onQuick: () => quickRef.current?.focus(),
    onUndo: () => { if (!undo.undoLast()) toasts.show("Nothing to undo"); },
    onSearch: () => searchRef.current?.focus(),
    onMove: (delta) => {
      if (editor || ordered.length === 0) return;
      const index = Math.max(0, Math.min(ordered.length - 1, selected + delta));
      setSelected(index);
      document.getElementById(`task-${ordered[index]!.id}`)?.focus();
    },
    onComplete: () => {
      const task = ordered[selected];
      if (!editor && task) void toggleComplete(task);
    },
    onEscape: () => {
      if (editor) closeEditor();
      else if (panel) setPanel(null);
      else if (navOpen && !wide()) setNavOpen(false);
    },
    active: !editor,
  });

  return (
    <div class={`app${navOpen ? " nav-open" : ""}${editor ? " has-details" : ""}`}>
      <header class="topbar">
        <button type="button" class="icon menu" aria-expanded={navOpen} aria-controls="sidebar" onClick={() => setNavOpen(!navOpen)}>
          <span aria-hidden="true">☰</span><span class="sr-only">Menu</span>
        </button>
        <span class="brand">Tickler</span>
        <SearchBox value={view.q} inputRef={searchRef} onChange={(q) => setView({ ...view, mode: view.mode === "list" ? "list" : "all", q })} />
        <div class="actions">
          <button type="button" class="primary add" aria-label="Quick add" aria-keyshortcuts="q" onClick={() => quickRef.current?.focus()}><span aria-hidden="true">+</span></button>
          <button type="button" onClick={() => openEditor({ mode: "new" })} aria-keyshortcuts="n">New task</button>
          <span class={live ? "live on" : "live"} title={live ? "Live updates on" : "Reconnecting…"}>
            <span aria-hidden="true">●</span> <span class="sr-only">{live ? "Live updates on" : "Live updates reconnecting"}</span>
          </span>
        </div>
      </header>
      <div class="layout">
        <Sidebar view={view} lists={lists} tags={tags} user={props.session.user} open={navOpen} onNavigate={setView} onClose={() => setNavOpen(false)}>
          <button type="button" onClick={() => { setPanel(panel === "tags" ? null : "tags"); if (!wide()) setNavOpen(false); }} aria-pressed={panel === "tags"}>Tags</button>
          <button type="button" onClick={() => { setPanel(panel === "inbox" ? null : "inbox"); if (!wide()) setNavOpen(false); }} aria-pressed={panel === "inbox"}>Reminders</button>
          <button type="button" onClick={props.onSignOut}>Sign out {props.session.user}</button>
        </Sidebar>
        <main>
          <div class="page-head">
            <h1 class="page-title">{title}{current && isShared(current, props.session.user) && <span class="muted shared-note"> · shared</span>}</h1>
            {(view.mode === "all" || view.mode === "list") && <Filters view={view} onChange={setView} />}
          </div>
          <QuickAdd inputRef={quickRef} onCreate={quickCreate} />
          {panel === "tags" && <TagsPanel onClose={() => setPanel(null)} onFilter={(tag) => setView({ ...view, mode: "all", tags: [tag] })} onChanged={() => { reloadSoon(); refreshSidebar(); }} />}
          {panel === "inbox" && <InboxPanel tick={inboxTick} onClose={() => setPanel(null)} />}
          {list.error && <p role="alert" class="banner error">Could not load tasks: {list.error}</p>}
          <TaskList
            sections={sections}
            selected={selected}
            loading={list.loading}
            hasMore={list.hasMore}
            reorder={view.mode === "list" && view.sort === "position"}
            onLoadMore={list.loadMore}
            onOpen={(task, index) => { setSelected(index); openEditor({ mode: "edit", task }); }}
            onToggle={(task) => void toggleComplete(task)}
            onSelect={setSelected}
            onTag={(tag) => setView({ ...view, mode: view.mode === "list" ? "list" : "all", tags: view.tags.includes(tag) ? view.tags : [...view.tags, tag] })}
            onReorder={(task, before, after) => void reorder(task, before, after)}
            onMoveToDay={(task, day) => void moveToDay(task, day)}
            onPointerLeave={() => { if (kept.size) setKept(new Map()); }}
          />
        </main>
        {editor && (
          <Editor
            key={editor.mode === "edit" ? editor.task.id : "new"}
            task={editor.mode === "edit" ? editor.task : null}
            latest={editor.mode === "edit" ? latest[editor.task.id] : undefined}
            onClose={closeEditor}
            onSaved={(task, created) => {
              if (created) undo.record(`Created “${task.title}”`, async () => { await api("DELETE", `/tasks/${task.id}`); });
              else if (editor.mode === "edit") {
                const before = editor.task;
                undo.record(`Saved “${task.title}”`, async () => { await patch(task, bodyOf(draftOf(before))); });
              }
              reloadSoon();
              closeEditor();
            }}
            onChanged={reloadSoon}
            onDelete={deleteWithUndo}
          />
        )}
      </div>
      <Toasts toasts={toasts} />
    </div>
  );
}
