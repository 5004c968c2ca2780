/**
 * The share dialog of a list (docs/lists.md, Sharing): its members with their
 * roles; the owner invites by user id or by an address the invitee
 * confirmed (they are also emailed a link to join), sees the invitations still
 * waiting and withdraws them, changes a role, removes a member and
 * hands the list over; any other member can leave. A modal <dialog>, so the
 * browser keeps focus inside and Esc closes it. What the API refuses is shown
 * next to the field its problem names.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "./api";
import { can, roleOf, type Role } from "../../src/domain/access.js";
import { PendingInvitations } from "./SharePending";
import type { List, Members, PendingInvitation } from "./types";

type Member = Members["items"][number];
type Invited = Exclude<Role, "owner">;
const INVITED_ROLES: Invited[] = ["editor", "commenter", "viewer"];
const ROLE_LABEL: Record<Role, string> = { owner: "Owner", editor: "Editor", commenter: "Commenter", viewer: "Viewer" };
/** The API's bound on a user id (MAX_USER_ID of the lists routes). */
const MAX_USER_ID = 200;
/** The API's bound on an address (MAX_EMAIL of the lists routes). */
const MAX_EMAIL = 254;
type InviteBy = "userId" | "email";

/** An action that asks to be confirmed first: removing someone, handing the list over, leaving. */
type Pending = { kind: "remove" | "transfer" | "leave"; userId: string } | null;

export function ShareDialog(props: { list: List; user: string; onClose(): void; onChanged(): void; onLeft(): void }) {
  const { list, user } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const [members, setMembers] = useState<Member[] | null>(null);
  const [invited, setInvited] = useState<PendingInvitation[] | null>(null);
  const [invitee, setInvitee] = useState("");
  const [by, setBy] = useState<InviteBy>("userId");
  const [role, setRole] = useState<Invited>("editor");
  const [error, setError] = useState<{ at: string; err: ApiError } | null>(null);
  const [message, setMessage] = useState("");
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // The confirmation takes focus; Cancel gives it back to the button that asked.
  const asker = useRef<HTMLElement | null>(null);
  useEffect(() => confirmRef.current?.focus(), [pending]);
  const ask = (next: NonNullable<Pending>) => { asker.current = document.activeElement as HTMLElement | null; setPending(next); };
  const cancel = () => { setPending(null); requestAnimationFrame(() => asker.current?.focus()); };
  // The members answer says who owns the list now (it may have changed since the sidebar loaded).
  const access = members ? { ownerId: members.find((m) => m.role === "owner")?.userId ?? list.ownerId, members } : list;
  const manages = can(access, user, "manageMembers") === "allowed";

  const load = () => api<Members>("GET", `/lists/${list.id}/members`).then((r) => setMembers(r.items));
  const loadInvited = () => api<{ items: PendingInvitation[] }>("GET", `/lists/${list.id}/invitations`).then((r) => setInvited(r.items));
  useEffect(() => {
    ref.current?.showModal();
    load().catch((err: Error) => setError({ at: "load", err: asApiError(err) }));
  }, []);
  // Only those who manage the members may see the invitations (after a handover, no longer).
  useEffect(() => {
    if (manages) loadInvited().catch((err: Error) => setError({ at: "load", err: asApiError(err) }));
    else setInvited(null);
  }, [manages]);

  /** Runs one change; `at` says where its error belongs (the invite form, or a member's row). */
  async function run(at: string, change: () => Promise<unknown>, done: string): Promise<boolean> {
    setBusy(true);
    setError(null);
    setMessage("");
    try {
      await change();
      setPending(null);
      props.onChanged();
      // The members as they are now decide the controls (after a handover, no longer the owner's); then the message.
      await Promise.all([load().catch(() => {}), manages ? loadInvited().catch(() => {}) : undefined]);
      setMessage(done);
      return true;
    } catch (err) {
      setError({ at, err: asApiError(err) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  const invite = (e: Event) => {
    e.preventDefault();
    const who = invitee.trim();
    void run("invite", () => api("POST", `/lists/${list.id}/invitations`, { [by]: who, role }),
      `Invited ${who} as ${ROLE_LABEL[role].toLowerCase()}.${by === "email" ? " They were emailed a link to join." : ""} The list is theirs to see once they accept.`).then((ok) => ok && setInvitee(""));
  };
  const setRoleOf = (m: Member, next: Role) =>
    run(`member-${m.userId}`, () => api("PATCH", `/lists/${list.id}/members/${encodeURIComponent(m.userId)}`, { role: next }),
      next === "owner" ? `${m.userId} owns the list now; you are an editor.` : `${m.userId} is now ${ROLE_LABEL[next].toLowerCase()}.`);
  const withdraw = (inv: PendingInvitation) =>
    void run(`invitation-${inv.id}`, () => api("DELETE", `/lists/${list.id}/invitations/${inv.id}`), `Withdrew the invitation of ${inv.userId}.`);
  const remove = (userId: string) =>
    run(`member-${userId}`, () => api("DELETE", `/lists/${list.id}/members/${encodeURIComponent(userId)}`), `Removed ${userId}.`);
  async function leave() {
    setBusy(true);
    try {
      await api("DELETE", `/lists/${list.id}/members/${encodeURIComponent(user)}`);
      props.onLeft();
    } catch (err) {
      setError({ at: `member-${user}`, err: asApiError(err) });
      setBusy(false);
    }
  }
  function confirm() {
    if (!pending) return;
    const m = members?.find((x) => x.userId === pending.userId);
    if (pending.kind === "leave") void leave();
    else if (pending.kind === "remove") void remove(pending.userId);
    else if (m) void setRoleOf(m, "owner");
  }

  /** Messages for one field from the error of one place (e.g. the invite form's userId). */
  const errorsAt = (at: string, field?: string) =>
    error?.at === at ? (field ? error.err.fieldErrors(field) : error.err.problem.errors?.length ? error.err.problem.errors.map((p) => p.message) : [error.err.message]) : [];
  const fieldError = (id: string, messages: string[]) => messages.length > 0 && <p id={id} class="field-error">{messages.join("; ")}</p>;
  const invalid = (id: string, messages: string[]) => (messages.length > 0 ? { "aria-invalid": "true" as const, "aria-describedby": id } : {});
  // An invitation by email that names neither field (both or none) is refused on userId: shown under the one field either way.
  const inviteUserErrors = [...errorsAt("invite", "userId"), ...(by === "email" ? errorsAt("invite", "email") : [])];
  const inviteRoleErrors = errorsAt("invite", "role");
  const inviteOther = error?.at === "invite" && inviteUserErrors.length + inviteRoleErrors.length === 0 ? [error.err.message] : [];

  return (
    <dialog ref={ref} class="modal share" aria-labelledby="share-heading" onCancel={(e) => { e.preventDefault(); props.onClose(); }}>
      <div class="panel-head">
        <h2 id="share-heading">Share “{list.name}”</h2>
        <button type="button" onClick={props.onClose}>Close</button>
      </div>
      <p role="status" class="muted">{message}</p>
      {error?.at === "load" && <p role="alert" class="banner error">{error.err.message}</p>}
      {pending && (
        <div class="banner warn" role="alert">
          <p>{pending.kind === "leave" ? `Leave “${list.name}”? You will no longer see it or its tasks.`
            : pending.kind === "remove" ? `Remove ${pending.userId} from “${list.name}”? They lose access at once.`
              : `Make ${pending.userId} the owner of “${list.name}”? You stay as an editor.`}</p>
          <button type="button" class="danger" disabled={busy} onClick={confirm} ref={confirmRef}>
            {pending.kind === "leave" ? "Leave" : pending.kind === "remove" ? "Remove" : "Make owner"}
          </button>
          <button type="button" onClick={cancel}>Cancel</button>
        </div>
      )}
      <h3 class="sub-head">Members</h3>
      {members === null ? <p>Loading…</p> : (
        <ul class="members" aria-label="Members">
          {members.map((m, i) => {
            const rowErrors = errorsAt(`member-${m.userId}`);
            const errId = `member-error-${i}`;
            const selectId = `member-role-${i}`;
            return (
              <li key={m.userId}>
                <span class="member-name">{m.userId}{m.userId === user && <span class="muted"> (you)</span>}</span>
                {manages && m.role !== "owner" ? (
                  <span class="member-actions">
                    <label for={selectId} class="sr-only">Role of {m.userId}</label>
                    <select id={selectId} value={m.role} disabled={busy} {...invalid(errId, rowErrors)}
                      onChange={(e) => void setRoleOf(m, e.currentTarget.value as Role)}>
                      {INVITED_ROLES.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
                    </select>
                    <button type="button" disabled={busy} onClick={() => ask({ kind: "transfer", userId: m.userId })} aria-label={`Make owner: ${m.userId}`}>Make owner</button>
                    <button type="button" class="danger" disabled={busy} onClick={() => ask({ kind: "remove", userId: m.userId })} aria-label={`Remove ${m.userId}`}>Remove</button>
                  </span>
                ) : <span class="role">{ROLE_LABEL[m.role]}</span>}
                {m.userId === user && m.role !== "owner" && (
                  <button type="button" class="danger" disabled={busy} onClick={() => ask({ kind: "leave", userId: user })}>Leave list</button>
                )}
                {fieldError(errId, rowErrors)}
              </li>
            );
          })}
        </ul>
      )}
      {manages && <PendingInvitations items={invited} busy={busy} errorsOf={(id) => errorsAt(`invitation-${id}`)} onWithdraw={withdraw} />}
      {manages && (
        <form class="invite" onSubmit={invite} noValidate>
          <h3 class="sub-head">Invite someone</h3>
          <div class="row">
            <div>
              <label for="share-by">Invite by</label>
              <select id="share-by" value={by} onChange={(e) => { setBy(e.currentTarget.value as InviteBy); setError(null); }}>
                <option value="userId">User id</option>
                <option value="email">Email address</option>
              </select>
            </div>
            <div class="grow">
              <label for="share-user">{by === "email" ? "Email address" : "User id"}</label>
              <input id="share-user" inputMode={by === "email" ? "email" : "text"} value={invitee} maxLength={by === "email" ? MAX_EMAIL : MAX_USER_ID} autoComplete="off" onInput={(e) => setInvitee(e.currentTarget.value)} {...invalid("share-user-error", inviteUserErrors)} />
            </div>
            <div>
              <label for="share-role">Role</label>
              <select id="share-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Invited)} {...invalid("share-role-error", inviteRoleErrors)}>
                {INVITED_ROLES.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
              </select>
            </div>
            <button type="submit" class="primary" disabled={busy}>Invite</button>
          </div>
          {fieldError("share-user-error", inviteUserErrors)}
          {fieldError("share-role-error", inviteRoleErrors)}
          {inviteOther.length > 0 && <p role="alert" class="field-error">{inviteOther.join("; ")}</p>}
          <p class="muted hint">Nobody joins without accepting: they see the invitation under Invitations{by === "email" ? ", and by email if they confirmed that address in Tickler" : ""}.</p>
        </form>
      )}
      {!manages && roleOf(access, user) === null && members !== null && <p class="muted">You are not a member of this list.</p>}
    </dialog>
  );
}

export const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError({ title: "Error", status: 0, detail: (err as Error).message }));
