/**
 * Notification preferences (GET/PUT /me/preferences, docs/api.md): the time
 * zone, the email address and its confirmation, which channels each kind of
 * notice goes to, quiet hours, the daily digest and the default reminders for
 * new tasks. The API validates; a refusal is shown under its field.
 */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "./api";
import { BEFORE } from "./RemindersField";
import { formOf, inputOf, OPTIONAL_CHANNELS, toggled, type NoticeKind, type PreferencesForm } from "./preferencesForm";
import { zones } from "./time";
import type { Preferences } from "./types";

const KINDS: [NoticeKind, string][] = [["reminders", "Reminders"], ["digest", "Daily digest"], ["assignments", "Assigned to you"]];
const CHANNEL_LABEL = { webhook: "Webhook", email: "Email" } as const;

export function PreferencesSettings() {
  const [saved, setSaved] = useState<Preferences | null>(null);
  const [form, setForm] = useState<PreferencesForm | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api<Preferences>("GET", "/me/preferences").then((p) => { setSaved(p); setForm(formOf(p)); }, (e: Error) => setStatus(`Could not load preferences: ${e.message}`));
  }, []);
  if (!form) return <section aria-labelledby="prefs-heading"><h3 id="prefs-heading">Preferences</h3><p role="status">{status || "Loading…"}</p></section>;

  const set = (patch: Partial<PreferencesForm>) => setForm({ ...form, ...patch });
  const errs = (field: string) => error?.fieldErrors(field) ?? [];
  const fieldError = (id: string, field: string) => errs(field).length > 0 && <p id={`${id}-error`} class="field-error">{errs(field).join("; ")}</p>;
  const invalid = (field: string, id: string) => (errs(field).length > 0 ? { "aria-invalid": "true" as const, "aria-describedby": `${id}-error` } : {});

  async function save(e: Event) {
    e.preventDefault();
    if (!form) return;
    setBusy(true);
    setError(null);
    setStatus("");
    try {
      const p = await api<Preferences>("PUT", "/me/preferences", inputOf(form));
      setSaved(p);
      setForm(formOf(p));
      setStatus(p.email && !p.emailConfirmed && p.email !== saved?.email ? `Saved. A confirmation link went to ${p.email}.` : "Saved.");
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else setStatus(String(err));
    } finally {
      setBusy(false);
    }
  }

  async function resend() {
    setStatus("");
    try {
      await api("POST", "/me/preferences/email-confirmation");
      setStatus(`A new confirmation link went to ${saved?.email ?? "your address"}.`);
    } catch (err) {
      setStatus(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <section aria-labelledby="prefs-heading">
      <h3 id="prefs-heading">Preferences</h3>
      <form class="prefs" onSubmit={save} noValidate>
        {error && <p class="banner error" role="alert">{error.problem.errors?.length ? "Please correct the fields marked below." : error.message}</p>}
        <label for="p-zone">Time zone (quiet hours, digest and “today”)</label>
        <input id="p-zone" list="p-zones" value={form.timeZone} onInput={(e) => set({ timeZone: e.currentTarget.value })} {...invalid("timeZone", "p-zone")} />
        <datalist id="p-zones">{zones().map((z) => <option key={z} value={z} />)}</datalist>
        {fieldError("p-zone", "timeZone")}

        <label for="p-email">Email address</label>
        <input id="p-email" type="email" value={form.email} placeholder="none" onInput={(e) => set({ email: e.currentTarget.value })} {...invalid("email", "p-email")} />
        {fieldError("p-email", "email")}
        {saved?.email && (saved.emailConfirmed
          ? <p class="muted">{saved.email} is confirmed.</p>
          : <p class="muted">{saved.email} waits for its confirmation link; nothing else is sent there until then. <button type="button" class="link" onClick={() => void resend()}>Send the link again</button></p>)}

        <table class="channels">
          <caption>Where notices go (the app's Reminders list always gets them)</caption>
          <thead><tr><th scope="col">Notice</th>{OPTIONAL_CHANNELS.map((c) => <th key={c} scope="col">{CHANNEL_LABEL[c]}</th>)}</tr></thead>
          <tbody>
            {KINDS.map(([kind, label]) => (
              <tr key={kind}>
                <th scope="row">{label}</th>
                {OPTIONAL_CHANNELS.map((c) => (
                  <td key={c}>
                    <input type="checkbox" aria-label={`${label} by ${CHANNEL_LABEL[c].toLowerCase()}`} checked={form.channels[kind][c]}
                      disabled={kind === "assignments" && !form.assignmentsOn}
                      onChange={(e) => set({ channels: { ...form.channels, [kind]: { ...form.channels[kind], [c]: e.currentTarget.checked } } })} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {fieldError("p-channels", "channels")}
        <label class="check"><input type="checkbox" checked={form.assignmentsOn} onChange={(e) => set({ assignmentsOn: e.currentTarget.checked })} /> Tell me when a task is assigned to me</label>

        <label class="check"><input type="checkbox" checked={form.quietOn} onChange={(e) => set({ quietOn: e.currentTarget.checked })} /> Quiet hours (reminders wait until they end)</label>
        {form.quietOn && (
          <div class="row">
            <div><label for="p-quiet-start">From</label><input id="p-quiet-start" type="time" value={form.quietStart} onInput={(e) => set({ quietStart: e.currentTarget.value })} /></div>
            <div><label for="p-quiet-end">Until</label><input id="p-quiet-end" type="time" value={form.quietEnd} onInput={(e) => set({ quietEnd: e.currentTarget.value })} {...invalid("quietHours.end", "p-quiet-end")} /></div>
          </div>
        )}
        {fieldError("p-quiet-end", "quietHours.end")}

        <label class="check"><input type="checkbox" checked={form.digestOn} onChange={(e) => set({ digestOn: e.currentTarget.checked })} /> A daily digest of the day's tasks</label>
        {form.digestOn && <><label for="p-digest">At</label><input id="p-digest" type="time" value={form.digestTime} onInput={(e) => set({ digestTime: e.currentTarget.value })} {...invalid("digestTime", "p-digest")} /></>}
        {fieldError("p-digest", "digestTime")}

        <fieldset>
          <legend>Default reminders for new tasks with a due date (at most 5)</legend>
          {[...BEFORE, ...form.defaultReminders.filter((d) => !BEFORE.some(([v]) => v === d)).map((d) => [d, d])].map(([value, label]) => (
            <label key={value} class="check"><input type="checkbox" checked={form.defaultReminders.includes(value!)}
              onChange={(e) => set({ defaultReminders: toggled(form.defaultReminders, value!, e.currentTarget.checked) })} /> {label} before</label>
          ))}
          {fieldError("p-defaults", "defaultReminders")}
        </fieldset>

        <div class="buttons"><button type="submit" class="primary" disabled={busy}>Save preferences</button></div>
        {status && <p role="status">{status}</p>}
      </form>
    </section>
  );
}
