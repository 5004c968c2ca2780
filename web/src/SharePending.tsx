/**
 * The share dialog's invitations still waiting for an answer (GET
 * /lists/{id}/invitations), newest first, each with Withdraw: shown only to
 * whoever may manage the list's members. The dialog loads them and runs the
 * withdrawal, so its status line and errors stay in one place.
 */
import { formatInstant } from "./time";
import type { PendingInvitation } from "./types";

export function PendingInvitations(props: {
  items: PendingInvitation[] | null;
  busy: boolean;
  /** The API's refusal of withdrawing this one, if any. */
  errorsOf(invitationId: string): string[];
  onWithdraw(invitation: PendingInvitation): void;
}) {
  const { items } = props;
  return (
    <section aria-labelledby="share-pending-heading">
      <h3 class="sub-head" id="share-pending-heading">Waiting for an answer</h3>
      {items === null ? <p>Loading…</p> : items.length === 0 ? <p class="muted">No invitations waiting.</p> : (
        <ul class="members" aria-label="Invitations waiting for an answer">
          {items.map((inv, i) => {
            const errors = props.errorsOf(inv.id);
            const errId = `pending-error-${i}`;
            return (
              <li key={inv.id}>
                <span class="member-name">{inv.userId}</span>
                <span class="muted">as {inv.role}, <time dateTime={inv.createdAt}>{formatInstant(inv.createdAt)}</time></span>
                <button type="button" class="danger" disabled={props.busy} aria-label={`Withdraw the invitation of ${inv.userId}`}
                  {...(errors.length > 0 ? { "aria-describedby": errId } : {})} onClick={() => props.onWithdraw(inv)}>Withdraw</button>
                {errors.length > 0 && <p id={errId} class="field-error">{errors.join("; ")}</p>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
