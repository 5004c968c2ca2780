/** Search box (debounced) and the list filters and sort; every change becomes a new view (and URL). */
import type { RefObject } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Priority } from "./types";
import { PRIORITY_META } from "./priority";
import { DEFAULT_VIEW, defaultSort, SORTS, type Status, type View } from "./view";

const DEBOUNCE_MS = 300;

export function SearchBox(props: { value: string; inputRef: RefObject<HTMLInputElement | null>; onChange(q: string): void }) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  useEffect(() => {
    if (text === props.value) return;
    const timer = setTimeout(() => props.onChange(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <form role="search" class="search" onSubmit={(e) => { e.preventDefault(); props.onChange(text); }}>
      <label for="search" class="sr-only">Search tasks</label>
      <input id="search" type="search" ref={props.inputRef} placeholder="Search  ( / )" value={text} aria-keyshortcuts="/"
        onInput={(e) => setText(e.currentTarget.value)} />
    </form>
  );
}

export function Filters(props: { view: View; onChange(view: View): void }) {
  const { view } = props;
  const [tagText, setTagText] = useState("");
  const set = (patch: Partial<View>) => props.onChange({ ...view, ...patch });
  /** How many filters and sorts differ from the page's defaults, shown on the closed bar. */
  const active = [view.status !== "open", view.priority.length > 0, view.tags.length > 0, !!view.dueAfter, !!view.dueBefore, view.overdue, view.sort !== defaultSort(view.mode)].filter(Boolean).length;
  const togglePriority = (p: Priority) => set({ priority: view.priority.includes(p) ? view.priority.filter((x) => x !== p) : [...view.priority, p] });
  const addTag = (e: Event) => {
    e.preventDefault();
    const tag = tagText.trim().toLowerCase();
    if (tag && !view.tags.includes(tag)) set({ tags: [...view.tags, tag] });
    setTagText("");
  };
  return (
    <details class="filters">
      <summary>Filter and sort{active > 0 ? ` (${active})` : ""}</summary>
      <div class="filter-grid">
        <label>Status
          <select value={view.status} onChange={(e) => set({ status: e.currentTarget.value as Status })}>
            <option value="open">Open</option>
            <option value="completed">Completed</option>
            <option value="all">All</option>
          </select>
        </label>
        <label>Sort
          <select value={view.sort} onChange={(e) => set({ sort: e.currentTarget.value })}>
            {SORTS.filter((s) => s.value !== "position" || view.mode === "list").map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        </label>
        <fieldset class="priorities">
          <legend>Priority</legend>
          {(["high", "medium", "low", "none"] as Priority[]).map((p) => (
            <label key={p} class="check">
              <input type="checkbox" checked={view.priority.includes(p)} onChange={() => togglePriority(p)} /> {PRIORITY_META[p].label}
            </label>
          ))}
        </fieldset>
        <label>Due after
          <input type="date" value={view.dueAfter} onChange={(e) => set({ dueAfter: e.currentTarget.value })} />
        </label>
        <label>Due before
          <input type="date" value={view.dueBefore} onChange={(e) => set({ dueBefore: e.currentTarget.value })} />
        </label>
        <label class="check">
          <input type="checkbox" checked={view.overdue} onChange={(e) => set({ overdue: e.currentTarget.checked })} /> Overdue only
        </label>
        <form class="tag-filter" onSubmit={addTag}>
          <label for="tag-filter">Has tag</label>
          <input id="tag-filter" value={tagText} onInput={(e) => setTagText(e.currentTarget.value)} placeholder="tag, then Enter" />
        </form>
        {view.tags.length > 0 && (
          <ul class="chips" aria-label="Tag filters">
            {view.tags.map((t) => (
              <li key={t}><button type="button" class="chip" onClick={() => set({ tags: view.tags.filter((x) => x !== t) })} aria-label={`Remove tag filter ${t}`}>#{t} ×</button></li>
            ))}
          </ul>
        )}
        <button type="button" onClick={() => props.onChange({ ...DEFAULT_VIEW, mode: view.mode, list: view.list, sort: defaultSort(view.mode) })}>Clear</button>
      </div>
    </details>
  );
}
