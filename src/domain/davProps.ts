/**
 * PROPPATCH (RFC 4918 9.2) and MKCALENDAR (RFC 4791 5.3.1) bodies on a list's
 * calendar collection, read from the parsed XML (davXml.ts) into ordered
 * set/remove instructions, and the all-or-nothing decision over them: the
 * list fields and the dead properties (any other property a client sets,
 * kept as written, bounded) to write when every instruction can be done,
 * else a status per property (the failed ones with their own, all others
 * 424) and nothing is written.
 */
import { attrsXml, clark, element, escapeXml, innerXml, NS, XmlError, type XmlElement } from "./davXml.js";
import type { ListPatch } from "./list.js";

export interface PropInstruction {
  op: "set" | "remove";
  /** Clark name, `{ns}name`. */
  name: string;
  el: XmlElement;
}

const D = (name: string) => clark(NS.dav, name);
const C = (name: string) => clark(NS.caldav, name);
export const DISPLAYNAME = D("displayname");
export const CALENDAR_COLOR = clark(NS.apple, "calendar-color");
export const CALENDAR_ORDER = clark(NS.apple, "calendar-order");
const COMPONENT_SET = C("supported-calendar-component-set");

/**
 * Live properties (RFC 4918, 3744, 4331, 5397, 5842, 6578, 4791, CalendarServer):
 * the server computes them, a client cannot write them (403 with
 * DAV:cannot-modify-protected-property), and they are never kept as dead ones.
 */
const PROTECTED = new Set([
  D("resourcetype"), D("owner"), D("current-user-principal"), D("principal-collection-set"), D("supported-report-set"),
  D("current-user-privilege-set"), D("sync-token"), D("getetag"), D("getcontenttype"), D("getcontentlength"), D("getlastmodified"),
  D("creationdate"), D("lockdiscovery"), D("supportedlock"), D("quota-available-bytes"), D("quota-used-bytes"), D("acl"),
  D("acl-restrictions"), D("inherited-acl-set"), D("supported-privilege-set"), D("principal-URL"), D("alternate-URI-set"),
  D("group-member-set"), D("group-membership"), D("resource-id"), D("parent-set"),
  C("calendar-home-set"), COMPONENT_SET, C("supported-calendar-data"), C("max-resource-size"), C("calendar-data"),
  C("supported-collation-set"), C("min-date-time"), C("max-date-time"), C("max-instances"), C("max-attendees-per-instance"),
  C("calendar-user-address-set"), C("schedule-inbox-URL"), C("schedule-outbox-URL"),
  clark(NS.cs, "getctag"),
]);

/** A property a client set that Tickler does not model, kept as written (RFC 4918 dead property). */
export interface DeadProp {
  ns: string;
  name: string;
  /** Its content as XML that stands alone (davXml.ts innerXml): served back inside the property's element. */
  xml: string;
  /** The attributes of the property's own element (xml:lang, ...) as XML (davXml.ts attrsXml), "" for none. */
  attrs: string;
}

/** Bounds of a list's dead properties (docs/api-limits.md): how many, one value, and all names and values together. */
export const MAX_DEAD_PROPS = 32;
export const MAX_DEAD_VALUE_BYTES = 16 * 1024;
export const MAX_DEAD_TOTAL_BYTES = 64 * 1024;

const deadBytes = (p: DeadProp) => Buffer.byteLength(p.ns) + Buffer.byteLength(p.name) + Buffer.byteLength(p.attrs) + Buffer.byteLength(p.xml);

/** The instructions of a PROPPATCH body (`DAV:propertyupdate`), in document order. */
export function proppatchInstructions(root: XmlElement): PropInstruction[] {
  if (root.ns !== NS.dav || root.name !== "propertyupdate") throw new XmlError("the body is not a DAV:propertyupdate");
  return instructions(root, ["set", "remove"]);
}

/** The properties a MKCALENDAR body (`CALDAV:mkcalendar`) sets, in document order. */
export function mkcalendarInstructions(root: XmlElement): PropInstruction[] {
  if (root.ns !== NS.caldav || root.name !== "mkcalendar") throw new XmlError("the body is not a CALDAV:mkcalendar");
  return instructions(root, ["set"]);
}

function instructions(root: XmlElement, ops: ("set" | "remove")[]): PropInstruction[] {
  const out: PropInstruction[] = [];
  for (const step of root.children) {
    const op = step.ns === NS.dav ? ops.find((o) => o === step.name) : undefined;
    if (!op) throw new XmlError(`DAV:${ops.join(" or DAV:")} expected, not ${step.name}`);
    const props = step.children.filter((c) => c.ns === NS.dav && c.name === "prop");
    if (props.length !== 1 || step.children.length !== 1) throw new XmlError(`a DAV:${op} holds one DAV:prop`);
    for (const el of props[0]!.children) out.push({ op, name: clark(el.ns, el.name), el });
  }
  if (root.name === "propertyupdate" && out.length === 0) throw new XmlError("a DAV:propertyupdate sets or removes at least one property");
  return out;
}

/** A client's `#RRGGBB` or `#RRGGBBAA` (Apple, DAVx⁵, Thunderbird) as a list's `#rrggbb` (a list has no transparency), or null. */
export function colourFromClient(value: string): string | null {
  const m = /^#([0-9a-f]{6})(?:[0-9a-f]{2})?$/i.exec(value.trim());
  return m ? `#${m[1]!.toLowerCase()}` : null;
}

/** Apple's `calendar-order` (a whole number) as a list position key: `x`, six base-36 digits, `i` (never ends in 0). */
const ORDER_KEY = /^x([0-9a-z]{6})i$/;
export const MAX_CALENDAR_ORDER = 999_999_999;

/**
 * The position a calendar-order takes: keys of client orders sort by the
 * order, after every creation-time key (those start with x only after the
 * year 4900, src/domain/position.ts) and the Inbox's, so a client that
 * numbers all its calendars sees them in its order. Null: not a whole number in 0..MAX_CALENDAR_ORDER.
 */
export function positionFromOrder(value: string): string | null {
  const text = value.trim();
  if (!/^\d{1,9}$/.test(text)) return null;
  return `x${Number(text).toString(36).padStart(6, "0")}i`;
}

/** The calendar-order a position was set from, or undefined for any other position (not served). */
export function orderFromPosition(position: string): number | undefined {
  const m = ORDER_KEY.exec(position);
  return m ? parseInt(m[1]!, 36) : undefined;
}

export interface PropOutcome {
  name: string;
  status: 200 | 403 | 409 | 424 | 507;
  /** A precondition element (RFC 4918 16) for the propstat's DAV:error. */
  condition?: string;
  reason?: string;
}

export interface PropsDecision {
  /** True when every instruction can be done: write `patch` and, if `deadChanged`, `dead`. */
  ok: boolean;
  patch: ListPatch;
  /** The list's dead properties after the request (all of them, in the order first set). */
  dead: DeadProp[];
  deadChanged: boolean;
  /** One per property named, in the body's order. */
  outcomes: PropOutcome[];
}

/** A list name as the REST schema takes it: the value to store, or why not. */
export type NameCheck = (raw: string) => { ok: true; value: string } | { ok: false; message: string };

/**
 * Whether `instructions` can all be applied to a list (`creating`: a
 * MKCALENDAR's, on a list with no dead properties yet), and the list fields
 * and dead properties they write. Processed in order, so a later instruction
 * on the same property wins (RFC 4918 9.2); removing a property the list does
 * not have is not an error (there is nothing to remove).
 */
export function decideListProps(instructions: PropInstruction[], creating: boolean, checkName: NameCheck, deadBefore: DeadProp[] = []): PropsDecision {
  const patch: ListPatch = {};
  const dead = new Map((creating ? [] : deadBefore).map((p) => [clark(p.ns, p.name), p]));
  const deadSet = new Set<string>();
  let deadChanged = false;
  const outcomes = new Map<string, PropOutcome>();
  const record = (outcome: PropOutcome) => {
    const before = outcomes.get(outcome.name);
    // A property named twice keeps its failure: the whole request fails either way.
    if (!before || before.status === 200) outcomes.set(outcome.name, outcome);
  };
  for (const { op, name, el } of instructions) {
    const value = el.children.length === 0 ? el.text : "";
    if (name === DISPLAYNAME) {
      if (op === "remove") { record({ name, status: 403, reason: "a list always has a name: set another instead" }); continue; }
      const checked = checkName(value);
      if (checked.ok) { patch.name = checked.value; record({ name, status: 200 }); } else record({ name, status: 409, reason: `displayname ${checked.message}` });
    } else if (name === CALENDAR_COLOR) {
      if (op === "remove") { patch.colour = null; record({ name, status: 200 }); continue; }
      const colour = colourFromClient(value);
      if (colour) { patch.colour = colour; record({ name, status: 200 }); } else record({ name, status: 409, reason: "calendar-color must be #RRGGBB or #RRGGBBAA" });
    } else if (name === CALENDAR_ORDER) {
      if (op === "remove") { record({ name, status: 403, reason: "a list always has a place among the lists" }); continue; }
      const position = positionFromOrder(value);
      if (position) { patch.position = position; record({ name, status: 200 }); } else record({ name, status: 409, reason: `calendar-order must be a whole number from 0 to ${MAX_CALENDAR_ORDER}` });
    } else if (creating && name === COMPONENT_SET) {
      // A new collection holds VTODOs only: asking for exactly that is what it gets.
      const comps = el.children.filter((c) => c.ns === NS.caldav && c.name === "comp").map((c) => (c.attrs.name ?? "").toUpperCase());
      if (comps.length > 0 && comps.every((c) => c === "VTODO")) record({ name, status: 200 });
      else record({ name, status: 403, condition: C("supported-calendar-component"), reason: "a Tickler calendar holds VTODO only" });
    } else if (PROTECTED.has(name)) {
      record({ name, status: 403, condition: D("cannot-modify-protected-property"), reason: "Tickler computes this property" });
    } else if (op === "remove") {
      if (dead.delete(name)) deadChanged = true;
      deadSet.delete(name);
      record({ name, status: 200 });
    } else {
      const prop: DeadProp = { ns: el.ns, name: el.name, xml: innerXml(el), attrs: attrsXml(el.attrs) };
      if (Buffer.byteLength(prop.xml) + Buffer.byteLength(prop.attrs) > MAX_DEAD_VALUE_BYTES) {
        record({ name, status: 507, reason: `a property Tickler does not model keeps at most ${MAX_DEAD_VALUE_BYTES} bytes (MAX_DEAD_VALUE_BYTES)` });
        continue;
      }
      // Map order: a property set again keeps its place, so served order is the order first set.
      dead.set(name, prop);
      deadSet.add(name);
      deadChanged = true;
      record({ name, status: 200 });
    }
  }
  // The bounds hold for the result, so a request that removes some and sets others is judged by what it leaves.
  const kept = [...dead.values()];
  const total = kept.reduce((sum, p) => sum + deadBytes(p), 0);
  if (kept.length > MAX_DEAD_PROPS || total > MAX_DEAD_TOTAL_BYTES) {
    const reason = kept.length > MAX_DEAD_PROPS
      ? `a list keeps at most ${MAX_DEAD_PROPS} properties Tickler does not model (MAX_DEAD_PROPS)`
      : `a list keeps at most ${MAX_DEAD_TOTAL_BYTES} bytes of properties Tickler does not model (MAX_DEAD_TOTAL_BYTES)`;
    for (const name of deadSet) outcomes.set(name, { name, status: 507, reason });
  }
  const all = [...outcomes.values()];
  const ok = all.every((o) => o.status === 200);
  return {
    ok, patch: ok ? patch : {}, dead: ok ? kept : deadBefore, deadChanged: ok && deadChanged,
    outcomes: ok ? all : all.map((o) => (o.status === 200 ? { name: o.name, status: 424, reason: "not done: another property in the request failed" } : o)),
  };
}

/** Whether a property of a collection is a dead one (kept as a client wrote it), not one Tickler computes or maps. */
export function isDeadProp(name: string): boolean {
  return !PROTECTED.has(name) && name !== DISPLAYNAME && name !== CALENDAR_COLOR && name !== CALENDAR_ORDER;
}

const REASON: Record<PropOutcome["status"], string> = { 200: "OK", 403: "Forbidden", 409: "Conflict", 424: "Failed Dependency", 507: "Insufficient Storage" };

/** The multistatus response of one resource: a propstat per status and reason, properties named empty (RFC 4918 9.2.1). */
export function propsResponse(href: string, outcomes: PropOutcome[]): string {
  const groups = new Map<string, PropOutcome[]>();
  for (const o of outcomes) {
    const key = JSON.stringify([o.status, o.condition ?? "", o.reason ?? ""]);
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const propstats = [...groups.values()].map((group) => {
    const { status, condition, reason } = group[0]!;
    const error = condition ? `<d:error>${element(condition)}</d:error>` : "";
    const description = reason ? `<d:responsedescription>${escapeXml(reason)}</d:responsedescription>` : "";
    return `<d:propstat><d:prop>${group.map((o) => element(o.name)).join("")}</d:prop><d:status>HTTP/1.1 ${status} ${REASON[status]}</d:status>${error}${description}</d:propstat>`;
  });
  return `<d:response><d:href>${escapeXml(href)}</d:href>${propstats.join("")}</d:response>`;
}
