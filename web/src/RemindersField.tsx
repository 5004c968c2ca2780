/** Several reminders: a time before the due date, or a fixed moment. */
import type { DraftReminder } from "./draft";

export const BEFORE = [["PT5M", "5 minutes"], ["PT15M", "15 minutes"], ["PT30M", "30 minutes"], ["PT1H", "1 hour"], ["PT2H", "2 hours"], ["P1D", "1 day"], ["P1W", "1 week"]];

export function RemindersField(props: { reminders: DraftReminder[]; onChange(r: DraftReminder[]): void; errors: string[] }) {
  const update = (i: number, r: DraftReminder) => props.onChange(props.reminders.map((old, j) => (j === i ? r : old)));
  return (
    <fieldset aria-describedby={props.errors.length ? "reminders-error" : undefined}>
      <legend>Reminders</legend>
      {props.reminders.map((r, i) => (
        <div class="row reminder" key={i}>
          <select aria-label={`Reminder ${i + 1} kind`} value={r.kind}
            onChange={(e) => update(i, e.currentTarget.value === "at" ? { kind: "at", at: "" } : { kind: "before", before: "PT15M" })}>
            <option value="before">Before due</option>
            <option value="at">At a time</option>
          </select>
          {r.kind === "before" ? (
            <select aria-label={`Reminder ${i + 1} time before due`} value={r.before} onChange={(e) => update(i, { kind: "before", before: e.currentTarget.value })}>
              {BEFORE.some(([v]) => v === r.before) ? null : <option value={r.before}>{r.before}</option>}
              {BEFORE.map(([v, label]) => <option key={v} value={v}>{label} before</option>)}
            </select>
          ) : (
            <input type="datetime-local" step={1} aria-label={`Reminder ${i + 1} at`} value={r.at} onInput={(e) => update(i, { kind: "at", at: e.currentTarget.value })} />
          )}
          <button type="button" aria-label={`Remove reminder ${i + 1}`} onClick={() => props.onChange(props.reminders.filter((_, j) => j !== i))}>Remove</button>
        </div>
      ))}
      {props.reminders.length < 10 && (
        <button type="button" onClick={() => props.onChange([...props.reminders, { kind: "before", before: "PT15M" }])}>Add reminder</button>
      )}
      {props.errors.length > 0 && <p id="reminders-error" class="field-error">{props.errors.join("; ")}</p>}
    </fieldset>
  );
}
