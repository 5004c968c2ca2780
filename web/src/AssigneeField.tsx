/**
 * The details pane's assignee picker (docs/lists.md#assignees): nobody, or
 * one person the task's list has (its owner or a member, from
 * GET /lists/{id}/members; an Inbox has its owner alone).
 */
import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
import type { List, Members } from "./types";

export function AssigneeField(props: { list: List | null; user: string; value: string; errors: string[]; onChange(value: string): void }) {
  const { list } = props;
  const [people, setPeople] = useState<string[]>(() => (list ? [list.ownerId, ...list.members.map((m) => m.userId)] : []));
  useEffect(() => {
    if (!list || list.inbox) return;
    api<Members>("GET", `/lists/${list.id}/members`).then((r) => setPeople(r.items.map((m) => m.userId)), () => {});
  }, [list?.id]);
  // The current assignee stays a choice while the members load (or after they left, until the API unassigns them).
  const choices = props.value && !people.includes(props.value) ? [...people, props.value] : people;
  const invalid = props.errors.length > 0;
  return (
    <div>
      <label for="f-assignee">Assigned to</label>
      <select id="f-assignee" value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}
        {...(invalid ? { "aria-invalid": "true" as const, "aria-describedby": "f-assignee-error" } : {})}>
        <option value="">Nobody</option>
        {choices.map((p) => <option key={p} value={p}>{p === props.user ? `${p} (me)` : p}</option>)}
      </select>
      {invalid && <p id="f-assignee-error" class="field-error">{props.errors.join("; ")}</p>}
    </div>
  );
}
