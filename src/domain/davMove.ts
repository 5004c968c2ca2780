/**
 * The Destination of a CalDAV MOVE (RFC 4918 9.9, 10.3) and its Overwrite
 * header (10.6), read without I/O: where in the caller's calendar home a
 * task resource is to go, or the status that refuses it (nothing is done).
 * The shell (src/api/dav/move.ts) checks the lists and does the move.
 */

/** Resource names a client may choose, decoded (as a PUT takes them, src/api/dav/routes.ts). */
export const RESOURCE_NAME = /^[\w.~@+=-]{1,255}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HOME = "/dav/calendars/";
/** A Destination is a URL of this server: longer than any path it serves is refused. */
export const MAX_DESTINATION = 2_048;

export type Destination =
  | { ok: true; listId: string; name: string }
  | { ok: false; status: 400 | 403 | 409 | 502; message: string };

const refuse = (status: 400 | 403 | 409 | 502, message: string): Destination => ({ ok: false, status, message });

/**
 * The list and resource name a Destination header names. `host` is the
 * request's Host: an absolute URL naming another authority is another
 * server's resource (502, RFC 4918 9.9.4). A path outside the calendar home,
 * or naming a collection rather than a resource in one, is refused (403); a
 * path below a collection that cannot exist, 409 (no such collection).
 */
export function destinationOf(header: string, host: string): Destination {
  const value = header.trim();
  if (value === "") return refuse(400, "MOVE needs a Destination header");
  if (value.length > MAX_DESTINATION) return refuse(400, `a Destination is at most ${MAX_DESTINATION} characters`);
  let path: string;
  if (value.startsWith("/")) path = value;
  else {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return refuse(400, "the Destination is not a URL");
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return refuse(502, "the Destination is not on this server");
    if (url.host.toLowerCase() !== host.trim().toLowerCase()) return refuse(502, "the Destination is on another server");
    if (url.search !== "" || url.hash !== "") return refuse(400, "a Destination has no query or fragment");
    path = url.pathname;
  }
  if (/[?#]/.test(path)) return refuse(400, "a Destination has no query or fragment");
  if (!path.startsWith(HOME)) return refuse(403, "the Destination is outside your calendar home (/dav/calendars/<list>/<name>)");
  const segments = path.slice(HOME.length).split("/");
  if (segments.length < 2 || segments[1] === "") return refuse(403, "a task moves to a resource in a calendar collection, not onto a collection");
  const listId = segments[0]!.toLowerCase();
  if (segments.length > 2 || !UUID.test(listId)) return refuse(409, "the Destination's calendar collection does not exist");
  let name: string;
  try {
    name = decodeURIComponent(segments[1]!);
  } catch {
    return refuse(400, "the Destination's resource name is not valid percent-encoding");
  }
  if (!RESOURCE_NAME.test(name)) return refuse(403, "the Destination's resource name is not one Tickler takes (1-255 of letters, digits and . _ ~ @ + = -)");
  return { ok: true, listId, name };
}

/** Overwrite (RFC 4918 10.6): T unless F; any other value is a bad request (null). */
export function overwriteOf(header: string): boolean | null {
  const value = header.trim().toUpperCase();
  if (value === "" || value === "T") return true;
  if (value === "F") return false;
  return null;
}

/** A name a task's resource had in a list it left. */
export interface FormerName {
  listId: string;
  name: string;
}

/** Lists whose former name a record keeps: a task moved more often than this reports its older departures as `<task id>.ics`. */
export const MAX_FORMER_NAMES = 8;

/** The former names with `former` as the newest: one per list, so a lookup by list finds the latest. */
export function withFormerName(left: readonly FormerName[], former: FormerName): FormerName[] {
  return [...left.filter((l) => l.listId !== former.listId), former].slice(-MAX_FORMER_NAMES);
}

/**
 * The name a task's resource has, or had, in a list: its record's name while
 * the record is in that list, the name it left there with, else the task id's
 * (a task made in Tickler, or a record that never followed it).
 */
export function nameIn(record: { listId: string; name: string; left?: readonly FormerName[] } | null | undefined, listId: string, taskId: string): string {
  if (record && record.listId === listId) return record.name;
  return record?.left?.find((l) => l.listId === listId)?.name ?? `${taskId}.ics`;
}
