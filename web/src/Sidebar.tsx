/**
 * The sidebar: Today, Upcoming, all tasks, the user's lists (the Inbox
 * first, shared ones marked) and tags. Each entry is a real link to its
 * address, so it opens in a new tab too; a plain click changes the view in
 * place. Below 768 px it is a drawer over the page.
 */
import { api } from "./api";
import { isShared } from "./lists";
import type { List, TagCount } from "./types";
import { DEFAULT_VIEW, defaultSort, viewToParams, type View } from "./view";

export interface SidebarProps {
  view: View;
  lists: List[];
  tags: TagCount[];
  user: string;
  open: boolean;
  onNavigate(view: View): void;
  onClose(): void;
  /** The account's actions, at the sidebar's foot. */
  children?: preact.ComponentChildren;
}

export const loadLists = () => api<{ items: List[] }>("GET", "/lists").then((r) => r.items.filter((l) => !l.archived));
export const loadTags = () => api<{ items: TagCount[] }>("GET", "/tags").then((r) => r.items);
export function Sidebar(props: SidebarProps) {
  const { view } = props;
  const entry = (key: string, label: string, target: View, current: boolean, extra?: preact.ComponentChildren) => {
    const query = viewToParams(target, false).toString();
    return (
      <li key={key}>
        <a href={query ? `/?${query}` : "/"} aria-current={current ? "page" : undefined}
          onClick={(e) => {
            if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            props.onNavigate(target);
          }}>
          <span class="nav-label">{label}</span>{extra}
        </a>
      </li>
    );
  };
  const base = { ...DEFAULT_VIEW };
  const inbox = props.lists.find((l) => l.inbox);
  return (
    <>
      {props.open && <div class="scrim" aria-hidden="true" onClick={props.onClose} />}
      <nav id="sidebar" class={props.open ? "sidebar open" : "sidebar"} aria-label="Views and lists">
        <ul class="nav">
          {inbox && entry("inbox", "Inbox", { ...base, mode: "list", list: inbox.id, sort: "position" }, view.mode === "list" && view.list === inbox.id)}
          {entry("today", "Today", { ...base, mode: "today" }, view.mode === "today")}
          {entry("upcoming", "Upcoming", { ...base, mode: "upcoming" }, view.mode === "upcoming")}
          {entry("assigned", "Assigned to me", { ...base, mode: "assigned" }, view.mode === "assigned")}
          {entry("all", "All tasks", { ...base, mode: "all" }, view.mode === "all" && view.tags.length === 0)}
        </ul>
        <h2 class="nav-head">Lists</h2>
        <ul class="nav">
          {props.lists.filter((l) => !l.inbox).map((l) =>
            entry(l.id, l.name, { ...base, mode: "list", list: l.id, sort: defaultSort("list") }, view.mode === "list" && view.list === l.id,
              isShared(l, props.user) ? <span class="shared" title={l.ownerId === props.user ? "Shared by you" : `Shared by ${l.ownerId}`}> <span aria-hidden="true">⇄</span><span class="sr-only"> (shared)</span></span> : null))}
          {props.lists.length <= 1 && <li class="muted nav-note">No other lists yet</li>}
        </ul>
        {props.tags.length > 0 && (
          <>
            <h2 class="nav-head">Tags</h2>
            <ul class="nav">
              {props.tags.slice(0, 30).map((t) =>
                entry(`tag-${t.tag}`, `#${t.tag}`, { ...base, mode: "all", tags: [t.tag] }, view.mode === "all" && view.tags.length === 1 && view.tags[0] === t.tag,
                  <span class="count"><span class="sr-only"> </span>{t.count}<span class="sr-only"> task{t.count === 1 ? "" : "s"}</span></span>))}
            </ul>
          </>
        )}
        <div class="nav-foot">{props.children}</div>
      </nav>
    </>
  );
}
