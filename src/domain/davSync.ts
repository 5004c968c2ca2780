/**
 * A calendar collection's version as CalDAV clients see it (getctag, the
 * RFC 6578 sync token): what its tasks serve depends on the list too (who is
 * a member decides the ATTENDEE, the caller's role the privileges, the list's
 * properties the collection's), so the list's own last change counts beside
 * its tasks' and their client data's. docs/caldav.md#conformance.
 */

/** The newest change of the collection's contents (ms) and its live task count. */
export interface ContentsState {
  latest: number;
  count: number;
}

/** The collection's state: its contents' newest change or the list's own (sharing, roles, properties), whichever is later. */
export function collectionState(contents: ContentsState, listUpdatedAt: string): ContentsState {
  return { latest: Math.max(contents.latest, Date.parse(listUpdatedAt) || 0), count: contents.count };
}

/** CalendarServer's getctag: changes whenever the state does. */
export function ctagOf(state: ContentsState): string {
  return `${state.latest}-${state.count}`;
}

/**
 * Whether a sync from a token of `since` (ms, the overlap already taken off)
 * must report every task of the list again: the list itself changed since,
 * which may have changed what each of them serves without a new task version
 * (its ATTENDEE when the list was shared or its last member left).
 */
export function listChangedSince(listUpdatedAt: string, since: number): boolean {
  return (Date.parse(listUpdatedAt) || 0) >= since;
}
