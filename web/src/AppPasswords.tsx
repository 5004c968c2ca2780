/**
 * App passwords for calendar and task apps (CalDAV, docs/caldav.md): make one
 * per app (its password is shown this once, with the user name and address
 * to give the app), see when each was last used, revoke one.
 */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "./api";
import { formatInstant } from "./time";
import type { AppPassword, AppPasswordCreated } from "./types";

export function AppPasswordSettings() {
  const [items, setItems] = useState<AppPassword[]>([]);
  const [name, setName] = useState("");
  const [error, setError] = useState("");
  const [shown, setShown] = useState<AppPasswordCreated | null>(null);
  const reload = () => api<{ items: AppPassword[] }>("GET", "/me/app-passwords").then((r) => setItems(r.items), () => setItems([]));
  useEffect(() => void reload(), []);

  async function create(e: Event) {
    e.preventDefault();
    setError("");
    try {
      setShown(await api<AppPasswordCreated>("POST", "/me/app-passwords", { name: name.trim() }));
      setName("");
      await reload();
    } catch (err) {
      setError(err instanceof ApiError ? (err.fieldErrors("name")[0] ?? err.message) : String(err));
    }
  }

  async function revoke(item: AppPassword) {
    setError("");
    try {
      await api("DELETE", `/me/app-passwords/${item.id}`);
      if (shown?.id === item.id) setShown(null);
      await reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }

  return (
    <section aria-labelledby="app-passwords-heading">
      <h3 id="app-passwords-heading">Calendar and task apps</h3>
      <p>Give each app (Apple Reminders, Thunderbird, Tasks.org, DAVx⁵…) a password of its own; revoking one signs out that app alone.</p>
      <form class="inline" onSubmit={create}>
        <label for="app-password-name" class="sr-only">App name</label>
        <input id="app-password-name" placeholder="App name, e.g. Phone" value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)}
          aria-invalid={error ? "true" : undefined} aria-describedby={error ? "app-password-error" : undefined} />
        <button type="submit" disabled={name.trim() === ""}>Create password</button>
      </form>
      {error && <p id="app-password-error" class="field-error">{error}</p>}
      {shown && (
        <div class="banner info" role="status" aria-label={`New password for ${shown.name}`}>
          <p>Enter these in {shown.name} now: the password is shown only this once.</p>
          <dl>
            <dt>Address</dt><dd><code>{shown.url}</code></dd>
            <dt>User name</dt><dd><code>{shown.username}</code></dd>
            <dt>Password</dt><dd><code data-testid="app-password-secret">{shown.password}</code></dd>
          </dl>
          <button type="button" onClick={() => setShown(null)}>Done</button>
        </div>
      )}
      <ul class="inbox" aria-label="App passwords">
        {items.map((p) => (
          <li key={p.id}>
            <strong>{p.name}</strong>{" "}
            {p.lastUsedAt ? <>last used <time dateTime={p.lastUsedAt}>{formatInstant(p.lastUsedAt)}</time></> : <>never used</>}{" "}
            <button type="button" aria-label={`Revoke ${p.name}`} onClick={() => void revoke(p)}>Revoke</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
