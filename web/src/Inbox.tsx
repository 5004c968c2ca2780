/** The notifications inbox: upcoming reminders and fired ones; browser notifications on request. */
import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
import { formatInstant } from "./time";
import type { InboxItem } from "./types";
import { AppPasswordSettings } from "./AppPasswords";
import { WebhookSettings } from "./Webhooks";
import { PreferencesSettings } from "./Preferences";

export function InboxPanel(props: { tick: number; onClose(): void }) {
  const [items, setItems] = useState<InboxItem[] | null>(null);
  const [error, setError] = useState("");
  const [permission, setPermission] = useState(() => ("Notification" in window ? Notification.permission : "denied"));
  useEffect(() => {
    api<{ items: InboxItem[] }>("GET", "/notifications?limit=50").then((r) => setItems(r.items), (e: Error) => setError(e.message));
  }, [props.tick]);

  return (
    <section class="panel" aria-labelledby="inbox-heading">
      <div class="panel-head">
        <h2 id="inbox-heading">Reminders</h2>
        {permission === "default" && (
          <button type="button" onClick={() => void Notification.requestPermission().then(setPermission)}>Allow browser notifications</button>
        )}
        <button type="button" onClick={props.onClose}>Close</button>
      </div>
      {error && <p role="alert">{error}</p>}
      {items === null ? <p>Loading…</p> : items.length === 0 ? <p>Nothing yet.</p> : (
        <ul class="inbox">
          {items.map((n) => (
            <li key={n.deliveryId} class={n.firedAt ? "fired" : "scheduled"}>
              <strong>{n.title}</strong>{" "}
              {n.firedAt ? <>{firedAs(n)} <time dateTime={n.firedAt}>{formatInstant(n.firedAt)}</time></> : <>due <time dateTime={n.remindAt}>{formatInstant(n.remindAt)}</time></>}
            </li>
          ))}
        </ul>
      )}
      <PreferencesSettings />
      <WebhookSettings />
      <AppPasswordSettings />
    </section>
  );
}

/** What a fired entry was: a task assigned or a mention reads as such, not as a reminder that fired. */
function firedAs(n: InboxItem): string {
  if (n.kind === "assignment") return "assigned to you";
  if (n.kind === "mention") return "a comment mentioned you";
  return "fired";
}
