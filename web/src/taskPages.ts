/**
 * The list's data: the first page for a view, more pages on the cursor, and
 * a debounced reload (live changes) that keeps as many rows as are shown.
 * Answers to superseded requests are dropped, and a read never undoes a change
 * made here that it has not seen yet (see `shownOverRead`).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "./api";
import { isNetworkError, keepTasks, offlineTasks } from "./offline";
import { shownOverRead, type ShownChange } from "./shownChange.js";
import type { Page, Task } from "./types";
import { viewToParams, type View } from "./view";

const PAGE = 50;
const RELOAD_DEBOUNCE_MS = 120;

export function useTaskPages(view: View) {
  const [items, setItems] = useState<Task[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState("");
  const [offline, setOffline] = useState(false);
  const request = useRef(0);
  const latest = useRef({ view, count: 0, next: null as string | null });
  latest.current = { view, count: items.length, next };
  const reloadTimer = useRef<number | undefined>(undefined);
  const changed = useRef(new Map<string, ShownChange>());

  /** The page as read, with the changes made here that it does not show yet; a change it shows is forgotten. */
  function withChanges(read: Task[]): Task[] {
    return read.map((t) => {
      const shown = changed.current.get(t.id);
      if (!shown) return t;
      if (shownOverRead(t, shown)) return shown.task;
      changed.current.delete(t.id);
      return t;
    });
  }

  async function load(v: View, { more = false, limit = PAGE } = {}) {
    const id = ++request.current;
    setLoading(true);
    try {
      const params = viewToParams(v, true);
      params.set("limit", String(limit));
      if (more && latest.current.next) params.set("cursor", latest.current.next);
      const page = await api<Page<Task>>("GET", `/tasks?${params}`);
      if (id !== request.current) return;
      const read = withChanges(page.items);
      setItems((old) => (more ? [...old, ...read.filter((t) => !old.some((o) => o.id === t.id))] : read));
      setNext(page.nextCursor);
      setError("");
      setOffline(false);
      keepTasks(page.items).catch(() => {});
    } catch (err) {
      if (id !== request.current) return;
      if (isNetworkError(err)) {
        // Offline: what was last synced, with the changes waiting to be sent.
        const kept = await offlineTasks(v).catch(() => null);
        if (id !== request.current) return;
        setOffline(true);
        if (kept) {
          setItems(kept);
          setNext(null);
          setError("");
          return;
        }
      }
      setError((err as Error).message);
    } finally {
      if (id === request.current) setLoading(false);
    }
  }

  useEffect(() => void load(view), [view]);

  return {
    items,
    loading,
    error,
    /** The last load did not reach the server: the items are the copy kept offline. */
    offline,
    hasMore: next !== null,
    loadMore: () => void load(latest.current.view, { more: true }),
    /**
     * Shows a change before the reload confirms it (a drag lands where it was
     * dropped). `pending`: a guess while its request is under way; its answer,
     * or the task as it was on a refusal, must be patched in after it.
     */
    patchLocal(task: Task, { pending = false } = {}) {
      changed.current.set(task.id, { task, pending });
      const v = latest.current.view;
      setItems((old) => {
        const next = old.map((t) => (t.id === task.id ? task : t));
        if (v.mode === "list" && v.sort === "position") next.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : 1));
        if (v.mode === "today" || v.mode === "upcoming") next.sort((a, b) => Date.parse(a.dueAt ?? "") - Date.parse(b.dueAt ?? ""));
        return next;
      });
    },
    reloadSoon() {
      clearTimeout(reloadTimer.current);
      const limit = Math.min(100, Math.max(PAGE, latest.current.count));
      reloadTimer.current = window.setTimeout(() => void load(latest.current.view, { limit }), RELOAD_DEBOUNCE_MS);
    },
  };
}
