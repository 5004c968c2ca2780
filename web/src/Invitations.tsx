/**
 * Invitations waiting for the user's answer (GET /me/invitations), with
 * Accept and Decline. An accepted list joins the sidebar (marked shared);
 * nothing is shared until the invitee accepts (docs/lists.md).
 */
import { useState } from "preact/hooks";
import { api } from "./api";
import { formatInstant } from "./time";
import type { List, MyInvitation } from "./types";

export const loadInvitations = () => api<{ items: MyInvitation[] }>("GET", "/me/invitations").then((r) => r.items);

export function InvitationsPanel(props: { items: MyInvitation[]; onClose(): void; onAnswered(joined: List | null): void }) {
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);

  async function answer(inv: MyInvitation, accept: boolean) {
    setBusy(true);
    try {
      const joined = await api<List | null>("POST", `/me/invitations/${inv.id}/${accept ? "accept" : "decline"}`);
      setMessage(accept ? `Joined “${inv.listName}”: it is in your lists.` : `Declined the invitation to “${inv.listName}”.`);
      props.onAnswered(accept ? joined : null);
    } catch (err) {
      setMessage(`Could not answer the invitation to “${inv.listName}”: ${(err as Error).message}`);
      props.onAnswered(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="invitations-heading">
      <div class="panel-head">
        <h2 id="invitations-heading">Invitations</h2>
        <button type="button" onClick={props.onClose}>Close</button>
      </div>
      <p role="status" class="muted">{message}</p>
      {props.items.length === 0 ? <p>No invitations waiting.</p> : (
        <ul class="inbox" aria-label="Invitations waiting for your answer">
          {props.items.map((inv) => (
            <li key={inv.id}>
              <strong>{inv.listName}</strong>{" "}
              <span class="muted">from {inv.invitedBy}, as {inv.role}, <time dateTime={inv.createdAt}>{formatInstant(inv.createdAt)}</time></span>{" "}
              <span class="inline">
                <button type="button" class="primary" disabled={busy} aria-label={`Accept ${inv.listName}`} onClick={() => void answer(inv, true)}>Accept</button>
                <button type="button" disabled={busy} aria-label={`Decline ${inv.listName}`} onClick={() => void answer(inv, false)}>Decline</button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
