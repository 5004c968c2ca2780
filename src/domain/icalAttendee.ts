/**
 * A task's assignee as an RFC 5545 ATTENDEE (3.8.4.1) on the VTODO that
 * CalDAV serves and the VEVENT of the calendar feed (docs/caldav.md#assignee).
 *
 * The attendee's address is a URN naming the Tickler user, not a `mailto:`:
 * a client that sees a mailto attendee may send iTIP invitations by email
 * (Thunderbird, Evolution), and a member's address is not the other members'
 * to read. `SCHEDULE-AGENT=NONE` (RFC 6638 7.1) says no one is to schedule
 * with it. No ORGANIZER is written: with one, clients show the task to the
 * attendees as an invitation they may not edit.
 */
export const ATTENDEE_URI_PREFIX = "urn:x-tickler:user:";
/** A user id, as the API bounds it (MAX_USER_ID in the task schema). */
const MAX_ATTENDEE_ID = 200;

/** The calendar user address of a Tickler user. */
export function attendeeUri(userId: string): string {
  return `${ATTENDEE_URI_PREFIX}${encodeURIComponent(userId)}`;
}

/** The user an ATTENDEE's address names, or null when it is no Tickler user address (a `mailto:`, a malformed one). */
export function userOfAttendee(address: string): string | null {
  const value = address.trim();
  if (value.slice(0, ATTENDEE_URI_PREFIX.length).toLowerCase() !== ATTENDEE_URI_PREFIX) return null;
  let id: string;
  try {
    id = decodeURIComponent(value.slice(ATTENDEE_URI_PREFIX.length));
  } catch {
    return null;
  }
  // Control characters never make a user id (the API refuses them); such an address names nobody.
  // eslint-disable-next-line no-control-regex
  return id.length > 0 && id.length <= MAX_ATTENDEE_ID && !/[\u0000-\u001f\u007f]/.test(id) ? id : null;
}

/** A parameter value (RFC 5545 3.2): quoted when it holds `:`, `;` or `,`; DQUOTE and control characters cannot be written and are dropped. */
function paramValue(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/["\u0000-\u001f\u007f]/g, "");
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** The ATTENDEE content line (unfolded) for an assignee; `name` is what clients show (CN). */
export function attendeeLine(userId: string, name: string = userId): string {
  return `ATTENDEE;CN=${paramValue(name)};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;SCHEDULE-AGENT=NONE:${attendeeUri(userId)}`;
}

/** One ATTENDEE of a client's VTODO: its address and its PARTSTAT parameter (absent: none). */
export interface ClientAttendee {
  address: string;
  partstat?: string;
}

/** What a client's ATTENDEEs say of the assignee. */
export type NamedAssignee =
  /** No ATTENDEE names a Tickler user: the assignee is left as it is (clients drop properties they do not know). */
  | { kind: "none" }
  | { kind: "user"; userId: string }
  /** The one user named has declined (PARTSTAT=DECLINED on every line naming them): they are not to be the assignee. */
  | { kind: "declined"; userId: string }
  /** Several different users: a task has one assignee. */
  | { kind: "several"; userIds: string[] };

const declined = (a: ClientAttendee) => (a.partstat ?? "").trim().toUpperCase() === "DECLINED";

/** The assignee named by the ATTENDEEs of one VTODO (other addresses, such as `mailto:`, name no assignee). */
export function assigneeNamed(attendees: readonly ClientAttendee[]): NamedAssignee {
  const named = attendees.map((a) => ({ userId: userOfAttendee(a.address), declined: declined(a) })).filter((a): a is { userId: string; declined: boolean } => a.userId !== null);
  const users = [...new Set(named.map((a) => a.userId))];
  if (users.length === 0) return { kind: "none" };
  if (users.length > 1) return { kind: "several", userIds: users };
  return named.every((a) => a.declined) ? { kind: "declined", userId: users[0]! } : { kind: "user", userId: users[0]! };
}

/** What a PUT does to the task's assignee (docs/caldav.md#the-assignee-attendee). */
export type AssigneeChange = { kind: "keep" } | { kind: "assign"; userId: string } | { kind: "unassign" };

/**
 * The assignee change a client's ATTENDEEs ask for, given the task's assignee now: naming a user assigns
 * them; the assignee's ATTENDEE with PARTSTAT=DECLINED unassigns (the assignee declining, or an editor
 * saying so); a decline of someone else, or no ATTENDEE at all, leaves it (clients that drop ATTENDEEs
 * must not unassign).
 */
export function assigneeChange(named: NamedAssignee, current: string | null): AssigneeChange {
  if (named.kind === "user") return named.userId === current ? { kind: "keep" } : { kind: "assign", userId: named.userId };
  if (named.kind === "declined") return named.userId === current ? { kind: "unassign" } : { kind: "keep" };
  return { kind: "keep" };
}
