/**
 * The signed-in app: a top bar, the sidebar (views, lists, tags), the page
 * (quick add, the filter bar, the tasks) and the details pane of the open
 * task; wires the live stream, the keys and undo.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { ActivityPanel } from "./Activity";
import { api, sentKeyOf } from "./api";
import type { Session } from "./auth";
import type { bodyOf } from "./draft";
import { Editor } from "./Editor";
import { Filters, SearchBox } from "./Filters";
import { InboxPanel } from "./Inbox";
import { InvitationsPanel, loadInvitations } from "./Invitations";
import { useKeyboard } from "./keyboard";
import { QuickAdd } from "./QuickAdd";
import { ShareDialog } from "./Share";
import { movedToDay, sectionsOf } from "./sections";
import { isShared, mayEditTasks, withListFrame } from "./lists";
import { loadLists, loadTags, Sidebar } from "./Sidebar";
import { NotAppliedPanel, useNotApplied } from "./NotApplied";
import { enqueue, flushQueue, forgetTask, isNetworkError, keepLists, keptLists, queued, type QueuedWrite } from "./offline";
import { openStream } from "./stream";
import { TagsPanel } from "./Tags";
import { TrashPanel } from "./Trash";
import { TaskList } from "./TaskList";
import { Toasts, useToasts } from "./Toasts";
import { useTaskPages } from "./taskPages";
import type { List, MyInvitation, QuickDraft, ReminderDue, TagCount, Task } from "./types";
import { useUndo } from "./undo";
import { changedFields } from "./offlineQueue.js";
import { formatInstant } from "./time";
import { keyBetween } from "../../src/domain/position.js";
import { DEFAULT_VIEW, viewFromUrl, viewToParams, type View } from "./view";

type EditorState = { mode: "new" } | { mode: "edit"; task: Task } | null;
const WIDE = "(min-width: 768px)";
const wide = () => typeof matchMedia === "function" && matchMedia(WIDE).matches;

/** The header that keeps a write's Idempotency-Key when it is queued after an attempt without an answer. */
const keyHeader = (key?: string): Record<string, string> => (key ? { "idempotency-key": key } : {});

export function App(props: { session: Session; onSignOut(): void }) {
  const [view, setViewState] = useState<View>(() => viewFromUrl(location.search));
  const list = useTaskPages(view);
  const [selected, setSelected] = useState(-1);
  const [editor, setEditor] = useState<EditorState>(null);
  const [panel, setPanel] = useState<"tags" | "inbox" | "trash" | "invitations" | "activity" | null>(null);
  const [sharing, setSharing] = useState(false);
  const [invitations, setInvitations] = useState<MyInvitation[]>([]);
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
    loadLists().then((l) => { setLists(l); void keepLists(l); }, () => keptLists().then(setLists));
    loadTags().then(setTags, () => {});
    loadInvitations().then(setInvitations, () => {});
  };
  useEffect(refreshSidebar, []);
  // An invitation is not on the invitee's live stream (they are not a reader yet): asked again each minute.
  useEffect(() => {
    const timer = setInterval(() => { if (navigator.onLine) loadInvitations().then(setInvitations, () => {}); }, 60_000);
    return () => clearInterval(timer);
  }, []);

  // Writes made offline: sent once online with a token (at start, and when the network comes back).
  const [waiting, setWaiting] = useState(0);
  const [online, setOnline] = useState(() => navigator.onLine);
  const notApplied = useNotApplied(toasts, (id) => setHidden((old) => { if (!old.has(id)) return old; const copy = new Set(old); copy.delete(id); return copy; }));
  /** `always`: read the list again even if nothing was sent (the network is back: the list shown may be the kept copy). */
  const flush = (always: boolean) => {
    if (props.session.offline) return;
    let refused = 0;
    flushQueue((write, err) => { refused++; notApplied.report(write, err); }).then((sent) => {
      if (sent > 0) toasts.show(`Sent ${sent} change${sent === 1 ? "" : "s"} made offline`);
      // At start with nothing queued the list just read is current: no second read.
      if (!always && sent + refused === 0) return;
      reloadSoon();
      refreshSidebar();
    }, () => {}).finally(() => void queued().then((q) => setWaiting(q.length)));
  };
  useEffect(() => {
    flush(false);
    void queued().then((q) => setWaiting(q.length));
    const on = () => { setOnline(true); flush(true); };
    const off = () => setOnline(false);
    addEventListener("online", on);
    addEventListener("offline", off);
    return () => { removeEventListener("online", on); removeEventListener("offline", off); };
  }, []);

  /** A write that could not reach the server: queued with its Idempotency-Key or If-Match, shown as done, sent later. False: the queue is full. */
  async function queueOffline(write: QueuedWrite): Promise<boolean> {
    try {
      await enqueue(write);
    } catch (err) {
      toasts.show(`Not saved: ${write.label}. ${(err as Error).message}`);
      reloadSoon();
      return false;
    }
    setWaiting((n) => n + 1);
    toasts.show(`Saved offline: ${write.label}. It is sent when you are back online.`);
    reloadSoon();
    return true;
  }

  /** An edit or move made offline: the fields it changes, sent later with If-Match on the version it was made on. */
  /** `key`: the first attempt's Idempotency-Key, when the queued request is that same request (one field moved). */
  async function queueChange(task: Task, body: Record<string, unknown>, label: string, key?: string): Promise<void> {
    const changes = changedFields(task, body);
    if (Object.keys(changes).length === 0) return;
    if (task.id.startsWith("pending-")) {
      toasts.show(`“${task.title}” is not on the server yet: change it once it is sent`);
      reloadSoon();
      return;
    }
    list.patchLocal({ ...task, ...changes, version: task.version + 1 });
    await queueOffline({ method: "PATCH", path: `/tasks/${task.id}`, body: changes, headers: { "if-match": `"${task.version}"`, ...keyHeader(key) }, label, taskId: task.id });
  }

  /**
   * A completion, reopen or snooze without the network: shown at once and
   * queued (web/src/offlineQueue.ts makes a replay that finds it done count
   * as sent). Answers the task as shown, or null if it was not queued.
   */
  async function queueAction(task: Task, action: "complete" | "reopen" | "snooze", until?: string, key?: string): Promise<Task | null> {
    if (task.id.startsWith("pending-")) {
      toasts.show(`“${task.title}” is not on the server yet: change it once it is sent`);
      return null;
    }
    const now = new Date().toISOString();
    const shown: Task = action === "snooze" ? { ...task, snoozedUntil: until ?? null, version: task.version + 1 }
      : { ...task, status: action === "complete" ? "completed" : "open", completedAt: action === "complete" ? now : null, ...(action === "complete" ? { snoozedUntil: null } : {}), version: task.version + 1 };
    list.patchLocal(shown);
    const label = action === "snooze" ? `snooze “${task.title}” until ${formatInstant(until!)}` : `${action} “${task.title}”`;
    const ok = await queueOffline({ method: "POST", path: `/tasks/${task.id}/${action}`, ...(action === "snooze" ? { body: { until } } : {}), headers: keyHeader(key), label, taskId: task.id });
    if (!ok) list.patchLocal(task);
    return ok ? shown : null;
  }

  /** The editor's save without the network: a new task queued with its Idempotency-Key, an edit with its If-Match. */
  async function saveOffline(task: Task | null, body: ReturnType<typeof bodyOf>, idempotencyKey: string) {
    if (task) await queueChange(task, body, `edit “${task.title}”`);
    else await queueOffline({ method: "POST", path: "/tasks", body, headers: { "idempotency-key": idempotencyKey }, label: `add “${body.title}”`, title: body.title });
    closeEditor();
  }
  useEffect(() => { setSelected(-1); setKept(new Map()); setSharing(false); if (panel === "activity") setPanel(null); }, [view]);

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
          refreshSidebar();
          setInboxTick((n) => n + 1);
        },
        onEvent: (type, data) => {
          if (type.startsWith("task.")) {
            const task = data as Task;
            setLatest((old) => ((old[task.id]?.version ?? 0) >= task.version ? old : { ...old, [task.id]: task }));
            reloadSoon();
          } else if (type === "list.changed") {
            // A list's name, members or roles changed, or the user was removed from it.
            setLists((old) => { const next = withListFrame(old, data as List, props.session.user); void keepLists(next); return next; });
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
  /** Undo of any change but a delete: the API's revert to the version before it (exact, and audited). */
  const revertTo = (task: Task, version: number) => async () => { await api<Task>("POST", `/tasks/${task.id}/revert`, { version }); };
  const fail = (what: string) => (err: Error) => { toasts.show(`Could not ${what}: ${err.message}`); reloadSoon(); };

  /**
   * Optimistic: the row shows the new state at once and the API's answer
   * replaces it; a refusal puts the task back as it was (with a toast), and
   * no network queues the completion for later (src/offline.ts).
   */
  async function toggleComplete(task: Task) {
    // Click to list updated, as a performance measure (`npm run bench -- --web` reads it).
    performance.mark("tickler:toggle-start");
    const index = shown.findIndex((t) => t.id === task.id);
    const opening = task.status !== "open";
    const drop = () => setKept((old) => { const m = new Map(old); m.delete(task.id); return m; });
    const guess: Task = { ...task, status: opening ? "open" : "completed", completedAt: opening ? null : new Date().toISOString() };
    list.patchLocal(guess, { pending: true });
    // Preact renders in a microtask, so the next frame's callback sees the list updated, just before its paint.
    requestAnimationFrame(() => performance.measure("tickler:toggle", "tickler:toggle-start"));
    // Kept in its row while the pointer is over the list, so nothing moves under it.
    const underPointer = document.querySelector(".sections")?.matches(":hover") ?? false;
    if (!opening && index >= 0 && underPointer) setKept((old) => new Map(old).set(task.id, { task: guess, index }));
    try {
      const answer = await api<Task | { task: Task }>("POST", `/tasks/${task.id}/${opening ? "reopen" : "complete"}`);
      const done = "task" in answer ? answer.task : answer;
      list.patchLocal(done);
      setKept((old) => (old.has(task.id) ? new Map(old).set(task.id, { task: done, index: old.get(task.id)!.index }) : old));
      undo.record(opening ? `Reopened “${task.title}”` : `Completed “${task.title}”`, async () => {
        await revertTo(task, task.version)();
        drop();
      });
      reloadSoon();
    } catch (err) {
      drop();
      if (isNetworkError(err) && !task.id.startsWith("pending-")) {
        await queueAction(task, opening ? "reopen" : "complete", undefined, sentKeyOf(err));
        return;
      }
      list.patchLocal(task);
      toasts.show(`Could not change “${task.title}”: ${(err as Error).message}`);
      reloadSoon();
    }
  }

  /** A delete moves the task to the trash at once; Undo restores it. */
  function deleteWithUndo(task: Task) {
    closeEditor();
    setHidden((old) => new Set(old).add(task.id));
    const show = () => setHidden((old) => {
      const copy = new Set(old);
      copy.delete(task.id);
      return copy;
    });
    api("DELETE", `/tasks/${task.id}`).then(() => {
      void forgetTask(task.id);
      undo.record(`Deleted “${task.title}”`, async () => { await api("POST", `/tasks/${task.id}/restore`); show(); });
      reloadSoon();
    }, (err: Error) => {
      if (isNetworkError(err) && !task.id.startsWith("pending-")) {
        // Stays hidden: the kept copy shows it deleted until the queue sends it.
        void queueOffline({ method: "DELETE", path: `/tasks/${task.id}`, headers: keyHeader(sentKeyOf(err)), label: `delete “${task.title}”`, taskId: task.id }).then((ok) => { if (!ok) show(); });
        return;
      }
      show();
      toasts.show(`Could not delete “${task.title}”: ${err.message}`);
    });
  }

  async function reorder(task: Task, before: Task | null, after: Task | null) {
    let position: string;
    try {
      position = keyBetween(before?.position ?? null, after?.position ?? null);
    } catch {
      toasts.show("Could not place the task there: its neighbours share a place; move one of them first");
      return;
    }
    list.patchLocal({ ...task, position }, { pending: true });
    try {
      const saved = await patch(task, { position });
      list.patchLocal(saved);
      undo.record(`Moved “${task.title}”`, async () => { list.patchLocal({ ...saved, position: task.position }); await revertTo(task, task.version)(); });
      reloadSoon();
      requestAnimationFrame(() => document.getElementById(`task-${task.id}`)?.focus());
    } catch (err) {
      list.patchLocal(task);
      if (isNetworkError(err)) await queueChange(task, { position }, `move “${task.title}”`, sentKeyOf(err));
      else fail(`move “${task.title}”`)(err as Error);
    }
  }

  async function moveToDay(task: Task, day: string) {
    const dueAt = movedToDay(task, day);
    if (!dueAt) return;
    list.patchLocal({ ...task, dueAt }, { pending: true });
    try {
      const saved = await patch(task, { dueAt });
      list.patchLocal(saved);
      undo.record(`Moved “${task.title}” to ${new Date(dueAt).toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "short" })}`,
        revertTo(task, task.version));
      reloadSoon();
      requestAnimationFrame(() => document.getElementById(`task-${task.id}`)?.focus());
    } catch (err) {
      list.patchLocal(task);
      if (isNetworkError(err)) await queueChange(task, { dueAt }, `move “${task.title}”`, sentKeyOf(err));
      else fail(`move “${task.title}”`)(err as Error);
    }
  }

  /**
   * Quick add: in the Inbox, Today or all tasks through POST /tasks/quick (in
   * Assigned to me with `assignee: "me"`, so it shows there); in another list,
   * its draft is created there.
   */
  async function quickCreate(text: string, idempotencyKey: string): Promise<void> {
    try {
      await quickCreateOnline(text, idempotencyKey);
    } catch (err) {
      if (!isNetworkError(err)) throw err;
      // Offline the text goes as typed to POST /tasks/quick (the Inbox), which reads it when it arrives.
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      await queueOffline({ method: "POST", path: "/tasks/quick", body: { text, timeZone, ...mine() }, headers: { "idempotency-key": idempotencyKey }, label: `add “${text}”`, title: text });
    }
  }

  /** What quick add sends besides the text: in Assigned to me the new task is the caller's. */
  const mine = (): { assignee?: "me" } => (view.mode === "assigned" ? { assignee: "me" } : {});

  async function quickCreateOnline(text: string, idempotencyKey: string): Promise<Task> {
    const target = view.mode === "list" ? lists.find((l) => l.id === view.list && !l.inbox) : undefined;
    const headers = { "idempotency-key": idempotencyKey };
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    let task: Task;
    if (target) {
      const { parsed: _parsed, ...draft } = await api<QuickDraft & { parsed: unknown }>("POST", "/tasks/quick?dryRun=true", { text, timeZone });
      task = await api<Task>("POST", "/tasks", { ...draft, recurrence: draft.recurrence && { rule: draft.recurrence.rule, mode: draft.recurrence.mode }, listId: target.id }, headers);
    } else {
      task = await api<Task>("POST", "/tasks/quick", { text, timeZone, ...mine() }, headers);
    }
    // Undo of an add is its delete (to the trash, where it can still be restored).
    undo.record(`Added “${task.title}”`, async () => { await api("DELETE", `/tasks/${task.id}`); });
    reloadSoon();
    if (task.tags.length) loadTags().then(setTags, () => {});
    return task;
  }

  /** Without the server: what needs it (comments, sharing, activity) says so instead of failing. */
  const offlineNow = list.offline || Boolean(props.session.offline) || !online;
  const visible = list.items.filter((t) => !hidden.has(t.id));
  const shown = [...visible];
  for (const { task, index } of [...kept.values()].sort((a, b) => a.index - b.index)) {
    if (!shown.some((t) => t.id === task.id)) shown.splice(Math.min(index, shown.length), 0, task);
  }
  const sections = sectionsOf(view.mode, shown);
  const ordered = sections.flatMap((s) => s.items);
  const current = view.mode === "list" ? lists.find((l) => l.id === view.list) : undefined;
  const title = view.mode === "today" ? "Today" : view.mode === "upcoming" ? "Upcoming" : view.mode === "assigned" ? "Assigned to me" : current ? current.name : view.mode === "list" ? "List" : view.tags.length === 1 && !view.q ? `#${view.tags[0]}` : "All tasks";

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
      if (!task || editor) return;
      if (mayEditTasks(lists.find((l) => l.id === task.listId), props.session.user)) void toggleComplete(task);
      else toasts.show("Read-only: you may view this list's tasks, not change them");
    },
    onEscape: () => {
      if (sharing) setSharing(false);
      else if (editor) closeEditor();
      else if (panel) setPanel(null);
      else if (navOpen && !wide()) setNavOpen(false);
    },
    active: !editor && !sharing,
  });

  return (
    <div class={`app${navOpen ? " nav-open" : ""}${editor ? " has-details" : ""}`}>
      <header class="topbar">
        <button type="button" class="icon menu" aria-expanded={navOpen} aria-controls="sidebar" onClick={() => setNavOpen(!navOpen)}>
          <span aria-hidden="true">☰</span><span class="sr-only">Menu</span>
          {invitations.length > 0 && <span class="badge" title="Invitations waiting"><span class="sr-only">, invitations waiting: </span>{invitations.length}</span>}
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
          <button type="button" onClick={() => { setPanel(panel === "trash" ? null : "trash"); if (!wide()) setNavOpen(false); }} aria-pressed={panel === "trash"}>Trash</button>
          <button type="button" onClick={() => { setPanel(panel === "invitations" ? null : "invitations"); if (!wide()) setNavOpen(false); }} aria-pressed={panel === "invitations"}>
            Invitations{invitations.length > 0 && <span class="badge"><span class="sr-only">: </span>{invitations.length}<span class="sr-only"> waiting</span></span>}
          </button>
          <button type="button" onClick={props.onSignOut}>Sign out {props.session.user}</button>
        </Sidebar>
        <main>
          <div class="page-head">
            <h1 class="page-title">{title}{current && isShared(current, props.session.user) && <span class="muted shared-note"> · shared</span>}</h1>
            {current && (
              <span class="list-actions">
                {!current.inbox && <button type="button" disabled={offlineNow} aria-describedby={offlineNow ? "needs-network" : undefined} onClick={() => setSharing(true)}>Share<span class="sr-only"> “{current.name}”</span></button>}
                <button type="button" disabled={offlineNow} aria-describedby={offlineNow ? "needs-network" : undefined} aria-pressed={panel === "activity"} onClick={() => setPanel(panel === "activity" ? null : "activity")}>Activity</button>
                {offlineNow && <span id="needs-network" class="muted">Sharing and activity need the network</span>}
              </span>
            )}
            {(view.mode === "all" || view.mode === "list" || view.mode === "assigned") && <Filters view={view} onChange={setView} />}
          </div>
          {sharing && current && (
            <ShareDialog list={current} user={props.session.user} onClose={() => setSharing(false)} onChanged={refreshSidebar}
              onLeft={() => { setSharing(false); toasts.show(`You left “${current.name}”`); refreshSidebar(); setView({ ...DEFAULT_VIEW }); }} />
          )}
          <QuickAdd inputRef={quickRef} onCreate={quickCreate} />
          {panel === "tags" && <TagsPanel onClose={() => setPanel(null)} onFilter={(tag) => setView({ ...view, mode: "all", tags: [tag] })} onChanged={() => { reloadSoon(); refreshSidebar(); }} queueOffline={queueOffline} />}
          {panel === "inbox" && <InboxPanel tick={inboxTick} onClose={() => setPanel(null)} />}
          {panel === "invitations" && <InvitationsPanel items={invitations} onClose={() => setPanel(null)} onAnswered={refreshSidebar} />}
          {panel === "activity" && current && <ActivityPanel key={current.id} list={current} onClose={() => setPanel(null)} />}
          {panel === "trash" && <TrashPanel onClose={() => setPanel(null)} onRestored={() => { reloadSoon(); refreshSidebar(); }} />}
          {(list.offline || props.session.offline || !online) && (
            <p class="banner warn" role="status">
              Offline: showing the tasks last synced{waiting > 0 ? `; ${waiting} change${waiting === 1 ? "" : "s"} waiting to be sent` : ""}.
              {props.session.offline && online && <> <button type="button" onClick={() => location.reload()}>Sign in to send them</button></>}
            </p>
          )}
          {notApplied.items.length > 0 && <NotAppliedPanel items={notApplied.items} onOpen={(task) => openEditor({ mode: "edit", task })} onDismiss={notApplied.dismiss} />}
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
            mayEdit={(task) => mayEditTasks(lists.find((l) => l.id === task.listId), props.session.user)}
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
            user={props.session.user}
            list={editor.mode === "edit" ? lists.find((l) => l.id === editor.task.listId) ?? null : null}
            onClose={closeEditor}
            onSaved={(task, created) => {
              if (created) undo.record(`Created “${task.title}”`, async () => { await api("DELETE", `/tasks/${task.id}`); });
              else if (editor.mode === "edit") {
                // One PATCH makes one version: the one before it is what Undo reverts to.
                undo.record(`Saved “${task.title}”`, revertTo(task, task.version - 1));
              }
              reloadSoon();
              closeEditor();
            }}
            onChanged={reloadSoon}
            onDelete={deleteWithUndo}
            onOffline={saveOffline}
            onOfflineAction={queueAction}
            offline={offlineNow}
          />
        )}
      </div>
      <Toasts toasts={toasts} />
    </div>
  );
}
