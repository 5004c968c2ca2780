/**
 * Task editor (a modal dialog): fields, save with If-Match, the 412 conflict
 * with the newer version, complete/reopen/snooze/delete, occurrences preview
 * and history. Enter saves, Esc cancels. Offline a save, Complete, Reopen
 * and Snooze are handed to the app's queue (a save sent with the same
 * If-Match or Idempotency-Key later).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "./api";
import { isNetworkError } from "./offline";
import { bodyOf, draftOf, type Draft } from "./draft";
import { mayEditTasks, roleIn } from "./lists";
import { AssigneeField } from "./AssigneeField";
import { Comments } from "./Comments";
import { History, Occurrences } from "./EditorExtras";
import { RemindersField } from "./RemindersField";
import { PRIORITY_META } from "./priority";
import { formatInstant, zones } from "./time";
import type { List, Priority, Task } from "./types";

export interface EditorProps {
  task: Task | null;
  /** The newest version the live stream has seen of this task. */
  latest?: Task;
  /** The signed-in user, and the task's list as the sidebar has it (who may comment, delete comments). */
  user: string;
  list: List | null;
  onClose(): void;
  onSaved(task: Task, created: boolean): void;
  onChanged(): void;
  onDelete(task: Task): void;
  /** A save that could not reach the server: queued to be sent once online (web/src/offline.ts). */
  onOffline?(task: Task | null, body: ReturnType<typeof bodyOf>, idempotencyKey: string): Promise<void>;
  /** Complete, Reopen or Snooze that could not reach the server: queued; answers the task as now shown (null: not queued). */
  onOfflineAction?(task: Task, action: "complete" | "reopen" | "snooze", until?: string): Promise<Task | null>;
  /** The app is without the server: comments say they need it. */
  offline?: boolean;
}

/** The snooze choices that are a duration, as milliseconds: queued offline as the instant they end, counted from the choice. */
const SNOOZE_MS: Record<string, number> = { PT15M: 15 * 60_000, PT1H: 60 * 60_000 };

export function Editor(props: EditorProps) {
  const [base, setBase] = useState<Task | null>(props.task);
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.task));
  const [error, setError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<Task | null>(null);
  const [busy, setBusy] = useState(false);
  const [snoozeAt, setSnoozeAt] = useState("");
  const idempotencyKey = useRef(crypto.randomUUID());
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const errorsOf = (field: string) => error?.fieldErrors(field) ?? [];
  const newer = props.latest && base && props.latest.version > base.version ? props.latest : null;
  // A viewer or commenter reads the task (and a commenter comments); the API would refuse a change anyway.
  const readOnly = Boolean(base) && !mayEditTasks(props.list, props.user);

  async function save(e?: Event, over?: Task) {
    e?.preventDefault();
    if (readOnly) return;
    setBusy(true);
    setError(null);
    try {
      const target = over ?? base;
      const saved = target
        ? await api<Task>("PATCH", `/tasks/${target.id}`, bodyOf(draft), { "if-match": `"${target.version}"` })
        : await api<Task>("POST", "/tasks", bodyOf(draft), { "idempotency-key": idempotencyKey.current });
      setConflict(null);
      props.onSaved(saved, !target);
    } catch (err) {
      if (isNetworkError(err) && props.onOffline) {
        await props.onOffline(over ?? base, bodyOf(draft), idempotencyKey.current);
        return;
      }
      if (err instanceof ApiError && err.status === 412 && base) {
        setConflict(await api<Task>("GET", `/tasks/${base.id}`).catch(() => null));
      }
      setError(err instanceof ApiError ? err : new ApiError({ title: "Error", status: 0, detail: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  async function act(path: "complete" | "reopen" | "snooze", body?: { until: string } | { for: string }) {
    if (!base) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api<Task | { task: Task }>("POST", `/tasks/${base.id}/${path}`, body);
      const task = "task" in answer ? answer.task : answer;
      setBase(task);
      setDraft(draftOf(task));
      props.onChanged();
    } catch (err) {
      if (isNetworkError(err) && props.onOfflineAction) {
        // Queued; a snooze "for" a while ends that long after now, not after whenever it is sent.
        const until = body && "for" in body ? new Date(Date.now() + SNOOZE_MS[body.for]!).toISOString() : body?.until;
        const shown = await props.onOfflineAction(base, path, until);
        if (shown) { setBase(shown); setDraft(draftOf(shown)); }
        return;
      }
      setError(err instanceof ApiError ? err : new ApiError({ title: "Error", status: 0, detail: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  function snooze(choice: string) {
    if (choice === "tomorrow") {
      const t = new Date();
      t.setDate(t.getDate() + 1);
      t.setHours(9, 0, 0, 0);
      void act("snooze", { until: t.toISOString() });
    } else if (choice) void act("snooze", { for: choice });
  }

  const dialogRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void save(e);
    if (e.key === "Tab" && dialogRef.current) keepFocusInside(dialogRef.current, e);
  };
  const fieldError = (id: string, field: string) =>
    errorsOf(field).length > 0 && <p id={`${id}-error`} class="field-error">{errorsOf(field).join("; ")}</p>;
  const invalid = (field: string, id: string) =>
    errorsOf(field).length > 0 ? { "aria-invalid": "true" as const, "aria-describedby": `${id}-error` } : {};

  return (
    <div class="overlay">
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="editor-heading" onKeyDown={onKeyDown} ref={dialogRef}>
        <h2 id="editor-heading">{!base ? "New task" : readOnly ? "Task" : "Edit task"}</h2>
        {readOnly && props.list && (
          <p class="banner info" role="status">Read-only: you are {article(roleIn(props.list, props.user))} of “{props.list.name}”, so you can read this task{roleIn(props.list, props.user) === "commenter" ? " and comment on it" : ""}, not change it.</p>
        )}
        {newer && !conflict && (
          <p class="banner info" role="status">This task was changed elsewhere (now version {newer.version}). Saving will tell you about the conflict.</p>
        )}
        {conflict && (
          <div class="banner warn" role="alert">
            <p><strong>This task changed elsewhere.</strong> Your edit was not saved. The newer version {conflict.version}:</p>
            <p class="conflict-summary">“{conflict.title}” · {PRIORITY_META[conflict.priority].label}{conflict.dueAt ? ` · due ${formatInstant(conflict.dueAt)}` : ""}{conflict.tags.length ? ` · #${conflict.tags.join(" #")}` : ""}</p>
            <button type="button" onClick={() => { setBase(conflict); setDraft(draftOf(conflict)); setConflict(null); setError(null); }}>Use the newer version</button>
            <button type="button" onClick={() => { setBase(conflict); void save(undefined, conflict); }}>Save mine over it</button>
          </div>
        )}
        {error && !conflict && !(error.problem.errors?.length) && <p class="banner error" role="alert">{error.message}</p>}
        {error && !conflict && (error.problem.errors?.length ?? 0) > 0 && <p class="banner error" role="alert">Please correct the fields marked below.</p>}
        <form onSubmit={save} noValidate>
          <fieldset class="bare" disabled={readOnly}>
          <label for="f-title">Title</label>
          <input id="f-title" ref={titleRef} value={draft.title} maxLength={200} onInput={(e) => set({ title: e.currentTarget.value })} {...invalid("title", "f-title")} />
          {fieldError("f-title", "title")}

          <label for="f-notes">Notes</label>
          <textarea id="f-notes" rows={3} value={draft.description} onInput={(e) => set({ description: e.currentTarget.value })} {...invalid("description", "f-notes")} />
          {fieldError("f-notes", "description")}

          <div class="row">
            <div>
              <label for="f-priority">Priority</label>
              <select id="f-priority" value={draft.priority} onChange={(e) => set({ priority: e.currentTarget.value as Priority })}>
                {(["none", "low", "medium", "high"] as Priority[]).map((p) => <option key={p} value={p}>{PRIORITY_META[p].label}</option>)}
              </select>
            </div>
            <div class="grow">
              <label for="f-tags">Tags (comma separated)</label>
              <input id="f-tags" value={draft.tags} onInput={(e) => set({ tags: e.currentTarget.value })} {...invalid("tags", "f-tags")} />
              {fieldError("f-tags", "tags")}
            </div>
          </div>

          <div class="row">
            <div>
              <label for="f-due">Due</label>
              <input id="f-due" type="datetime-local" value={draft.due} onInput={(e) => set({ due: e.currentTarget.value })} {...invalid("dueAt", "f-due")} />
              {fieldError("f-due", "dueAt")}
            </div>
            <div class="grow">
              <label for="f-zone">Time zone</label>
              <input id="f-zone" list="zones" value={draft.timeZone} onInput={(e) => set({ timeZone: e.currentTarget.value })} {...invalid("timeZone", "f-zone")} />
              <datalist id="zones">{zones().map((z) => <option key={z} value={z} />)}</datalist>
              {fieldError("f-zone", "timeZone")}
            </div>
          </div>

          {base && <div class="row"><AssigneeField list={props.list} user={props.user} value={draft.assignee} errors={errorsOf("assigneeId")} onChange={(assignee) => set({ assignee })} /></div>}

          <RemindersField reminders={draft.reminders} onChange={(reminders) => set({ reminders })} errors={errorsOf("reminders")} />

          <fieldset>
            <legend>Repeat</legend>
            <div class="row">
              <div class="grow">
                <label for="f-rule">Rule (English or RRULE, empty: does not repeat)</label>
                <input id="f-rule" value={draft.rule} placeholder="every weekday at 9am" onInput={(e) => set({ rule: e.currentTarget.value })} {...invalid("recurrence", "f-rule")} />
                {fieldError("f-rule", "recurrence")}
              </div>
              <div>
                <label for="f-mode">Next one</label>
                <select id="f-mode" value={draft.mode} onChange={(e) => set({ mode: e.currentTarget.value as Draft["mode"] })}>
                  <option value="schedule">On schedule</option>
                  <option value="completion">After completion</option>
                </select>
              </div>
            </div>
            {base?.recurrence && <Occurrences task={base} />}
          </fieldset>

          </fieldset>
          <div class="buttons">
            {!readOnly && <button type="submit" class="primary" disabled={busy}>Save</button>}
            <button type="button" onClick={props.onClose}>{readOnly ? "Close" : "Cancel"}</button>
          </div>
        </form>

        {base && !readOnly && (
          <div class="task-actions">
            <button type="button" onClick={() => void act(base.status === "open" ? "complete" : "reopen")} disabled={busy}>
              {base.status === "open" ? "Complete" : "Reopen"}
            </button>
            {base.status === "open" && (
              <>
                <label for="f-snooze" class="sr-only">Snooze</label>
                <select id="f-snooze" value="" onChange={(e) => snooze(e.currentTarget.value)}>
                  <option value="">Snooze…</option>
                  <option value="PT15M">15 minutes</option>
                  <option value="PT1H">1 hour</option>
                  <option value="tomorrow">Tomorrow 9:00</option>
                </select>
                <label for="f-snooze-at">Snooze until</label>
                <input id="f-snooze-at" type="datetime-local" value={snoozeAt} onInput={(e) => setSnoozeAt(e.currentTarget.value)} />
                <button type="button" disabled={!snoozeAt || busy} onClick={() => void act("snooze", { until: new Date(snoozeAt).toISOString() })}>Snooze</button>
              </>
            )}
            <button type="button" class="danger" onClick={() => props.onDelete(base)}>Delete</button>
          </div>
        )}
        {base && <Comments task={base} user={props.user} access={props.list} offline={Boolean(props.offline)} />}
        {base && <History task={base} />}
      </div>
    </div>
  );
}

/** "a viewer", "an editor"; "a member" when the role is unknown. */
const article = (role: string | null) => (role ? `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}` : "a member");

/** Tab from the last control goes to the first, Shift+Tab from the first to the last: a modal keeps focus. */
function keepFocusInside(dialog: HTMLElement, e: KeyboardEvent) {
  const focusable = [...dialog.querySelectorAll<HTMLElement>("button, input, select, textarea, summary, [tabindex]")].filter((el) => !el.hasAttribute("disabled"));
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
