/** The signed-in app: header, filters, the list, and the editor/panels above it; wires the live stream. */
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "./api";
import type { Session } from "./auth";
import { Editor } from "./Editor";
import { Filters, SearchBox } from "./Filters";
import { InboxPanel } from "./Inbox";
import { useKeyboard } from "./keyboard";
import { openStream } from "./stream";
import { TagsPanel } from "./Tags";
import { TaskList } from "./TaskList";
import { Toasts, useToasts } from "./Toasts";
import { useTaskPages } from "./taskPages";
import type { ReminderDue, Task } from "./types";
import { viewFromUrl, viewToParams, type View } from "./view";

type EditorState = { mode: "new" } | { mode: "edit"; task: Task } | null;
const UNDO_MS = 5000;

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
  const toasts = useToasts();
  const searchRef = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  function setView(nextView: View) {
    const query = viewToParams(nextView, false).toString();
    history.pushState(null, "", query ? `/?${query}` : "/");
    setViewState(nextView);
  }

  useEffect(() => setSelected(-1), [view]);
  const reloadSoon = () => list.reloadSoon();

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

  async function toggleComplete(task: Task) {
    try {
      if (task.status === "open") await api("POST", `/tasks/${task.id}/complete`);
      else await api("POST", `/tasks/${task.id}/reopen`);
      toasts.show(task.status === "open" ? `Completed “${task.title}”` : `Reopened “${task.title}”`);
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
    const timer = window.setTimeout(() => {
      api("DELETE", `/tasks/${task.id}`).then(reloadSoon, (err: Error) => {
        restore();
        toasts.show(`Could not delete “${task.title}”: ${err.message}`);
      });
    }, UNDO_MS);
    toasts.show(`Deleted “${task.title}”`, {
      ms: UNDO_MS,
      action: { label: "Undo", run: () => { clearTimeout(timer); restore(); } },
    });
  }

  const shown = list.items.filter((t) => !hidden.has(t.id));

  useKeyboard({
    onNew: () => openEditor({ mode: "new" }),
    onSearch: () => searchRef.current?.focus(),
    onMove: (delta) => {
      if (editor || shown.length === 0) return;
      const index = Math.max(0, Math.min(shown.length - 1, selected + delta));
      setSelected(index);
      document.getElementById(`task-${shown[index]!.id}`)?.focus();
    },
    onComplete: () => {
      const task = shown[selected];
      if (!editor && task) void toggleComplete(task);
    },
    onEscape: () => {
      if (editor) closeEditor();
      else if (panel) setPanel(null);
    },
    active: !editor,
  });

  return (
    <div class="app">
      <header class="topbar">
        <h1>Tickler</h1>
        <SearchBox value={view.q} inputRef={searchRef} onChange={(q) => setView({ ...view, q })} />
        <nav aria-label="Main" class="actions">
          <button type="button" class="primary" onClick={() => openEditor({ mode: "new" })} aria-keyshortcuts="n">New task</button>
          <button type="button" onClick={() => setPanel(panel === "tags" ? null : "tags")} aria-pressed={panel === "tags"}>Tags</button>
          <button type="button" onClick={() => setPanel(panel === "inbox" ? null : "inbox")} aria-pressed={panel === "inbox"}>Inbox</button>
          <span class={live ? "live on" : "live"} title={live ? "Live updates on" : "Reconnecting…"}>
            <span aria-hidden="true">●</span> <span class="sr-only">{live ? "Live updates on" : "Live updates reconnecting"}</span>
          </span>
          <button type="button" onClick={props.onSignOut}>Sign out {props.session.user}</button>
        </nav>
      </header>
      <main>
        <Filters view={view} onChange={setView} />
        {panel === "tags" && <TagsPanel onClose={() => setPanel(null)} onFilter={(tag) => setView({ ...view, tags: [tag] })} onChanged={reloadSoon} />}
        {panel === "inbox" && <InboxPanel tick={inboxTick} onClose={() => setPanel(null)} />}
        {list.error && <p role="alert" class="banner error">Could not load tasks: {list.error}</p>}
        <TaskList
          items={shown}
          selected={selected}
          loading={list.loading}
          hasMore={list.hasMore}
          onLoadMore={list.loadMore}
          onOpen={(task, index) => { setSelected(index); openEditor({ mode: "edit", task }); }}
          onToggle={(task) => void toggleComplete(task)}
          onSelect={setSelected}
          onTag={(tag) => setView({ ...view, tags: view.tags.includes(tag) ? view.tags : [...view.tags, tag] })}
        />
      </main>
      {editor && (
        <Editor
          key={editor.mode === "edit" ? editor.task.id : "new"}
          task={editor.mode === "edit" ? editor.task : null}
          latest={editor.mode === "edit" ? latest[editor.task.id] : undefined}
          onClose={closeEditor}
          onSaved={(task, created) => {
            toasts.show(created ? `Created “${task.title}”` : `Saved “${task.title}”`);
            reloadSoon();
            closeEditor();
          }}
          onChanged={reloadSoon}
          onDelete={deleteWithUndo}
        />
      )}
      <Toasts toasts={toasts} />
    </div>
  );
}
