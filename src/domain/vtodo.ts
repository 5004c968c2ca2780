/**
 * A task as a CalDAV calendar object resource (RFC 4791: one VCALENDAR with
 * one VTODO, plus the VTIMEZONEs it names) and back, parsed with ical.js.
 *
 * Round trips keep a client's data (docs/caldav.md): each modelled property
 * group (SUMMARY; DESCRIPTION; DUE+DTSTART; RRULE; PRIORITY; CATEGORIES;
 * STATUS+COMPLETED+PERCENT-COMPLETE; the VALARMs; the ATTENDEE naming the
 * assignee, icalAttendee.ts) is stored as the client
 * wrote it together with the task value it was read as. While the task still
 * has that value the client's own text is served back (its VALUE=DATE, its
 * TZID spelling, its PRIORITY 2, its alarm UIDs); once Tickler changed the
 * value, the group is written afresh. Every other VTODO property (X-, URL,
 * RELATED-TO, GEO, ...) is kept and served back unchanged, within
 * MAX_KEPT_BYTES.
 */
import ICAL from "ical.js";
import { DateTime, IANAZone } from "luxon";
import { contentLines, escapeText, foldLine, icalDuration, localDateTime, utcDateTime } from "./ical.js";
import { vtimezone } from "./icalTimezone.js";
import { assigneeNamed, attendeeLine, userOfAttendee, type ClientAttendee, type NamedAssignee } from "./icalAttendee.js";
import { ruleFrom } from "./icalFeed.js";
import { occurrencesAfter } from "./recurrence.js";
import type { Priority, Reminder, Task } from "./task.js";

/** The calendar object a client sends: at most this many octets (advertised as CALDAV:max-resource-size). */
export const MAX_RESOURCE_BYTES = 256 * 1024;
/** What is kept of a client's unmodelled properties and original texts, serialized. */
export const MAX_KEPT_BYTES = 64 * 1024;
/** Properties in one VTODO. */
export const MAX_PROPERTIES = 200;
/** VALARMs in one VTODO (a task has at most 10 reminders). */
export const MAX_ALARMS = 10;
/** Components in one calendar object (the VTODO, its instances, VTIMEZONEs). */
export const MAX_COMPONENTS = 50;

export const GROUPS = ["summary", "description", "due", "rrule", "priority", "categories", "status", "alarms", "assignee"] as const;
export type Group = (typeof GROUPS)[number];

const GROUP_OF: Record<string, Group> = {
  summary: "summary", description: "description", due: "due", dtstart: "due", rrule: "rrule", priority: "priority", categories: "categories",
  status: "status", completed: "status", "percent-complete": "status",
};
/** Written by the server on every answer; what a client sends is not kept. */
const SERVER_OWNED = new Set(["uid", "dtstamp", "last-modified", "created", "sequence"]);

/** A failed RFC 4791 precondition: `condition` is its element in Clark notation. */
export class CalendarDataError extends Error {
  constructor(readonly condition: string, message: string, readonly status = 403) {
    super(message);
  }
}
const CALDAV = "urn:ietf:params:xml:ns:caldav";
const invalid = (message: string) => new CalendarDataError(`{${CALDAV}}valid-calendar-data`, message);
const invalidObject = (message: string) => new CalendarDataError(`{${CALDAV}}valid-calendar-object-resource`, message);

/** The task fields a VTODO carries. */
export type TodoFields = Pick<Task, "title" | "description" | "priority" | "tags" | "dueAt" | "timeZone" | "reminders"> & {
  recurrence: { rule: string } | null;
  status: Task["status"];
  /** Parsed: the user an ATTENDEE names (null: none does, and the task keeps its assignee). Stored: the task's assignee. */
  assigneeId: string | null;
};

/** What is stored beside a task made or changed over CalDAV. */
export interface DavEcho {
  /** The client's UID ("" for a task made in Tickler: its id is the UID). */
  uid: string;
  /** Group → the client's jCal (properties, or VALARM components) and the task value it was read as (JSON). */
  groups: Partial<Record<Group, { raw: unknown[]; derived: string }>>;
  /** Other VTODO properties as jCal, in the client's order. */
  kept: unknown[];
  /** The client's VTIMEZONEs (jCal), served with the groups that name them. */
  timezones: unknown[];
  sequence: number;
}

export interface ParsedTodo {
  uid: string;
  fields: TodoFields;
  completedAt: string | null;
  sequence: number;
  /** RECURRENCE-ID instants of instances the client marked completed. */
  completedInstances: string[];
  /** The master's EXDATE instants. */
  excludedDates: string[];
  raw: Partial<Record<Group, unknown[]>>;
  kept: unknown[];
  timezones: unknown[];
  /** The UID its first RELATED-TO names as its parent (RELTYPE absent or PARENT), or null. Kept as written too. */
  parentUid: string | null;
  /** What the ATTENDEEs naming Tickler users say of the assignee (icalAttendee.ts assigneeChange decides). */
  assignee: NamedAssignee;
}

/** The value of a group as a task holds it: equal values serve the client's own text. */
export function derived(group: Group, t: TodoFields): string {
  switch (group) {
    case "summary": return JSON.stringify(t.title);
    case "description": return JSON.stringify(t.description);
    case "due": return JSON.stringify([t.dueAt, t.dueAt ? t.timeZone : null]);
    case "rrule": return JSON.stringify(t.recurrence?.rule ?? null);
    case "priority": return JSON.stringify(t.priority);
    case "categories": return JSON.stringify([...t.tags].sort());
    case "status": return JSON.stringify(t.status);
    case "alarms": return JSON.stringify(t.reminders);
    case "assignee": return JSON.stringify(t.assigneeId);
  }
}

export function echoOf(parsed: ParsedTodo, stored: TodoFields): DavEcho {
  const groups: DavEcho["groups"] = {};
  for (const group of GROUPS) {
    const raw = parsed.raw[group];
    if (raw && raw.length > 0) groups[group] = { raw, derived: derived(group, stored) };
  }
  return { uid: parsed.uid, groups, kept: parsed.kept, timezones: parsed.timezones, sequence: parsed.sequence };
}

const PRIORITY_OUT: Record<Priority, number> = { none: 0, high: 1, medium: 5, low: 9 };
function priorityIn(value: number): Priority {
  if (value >= 1 && value <= 4) return "high";
  if (value === 5) return "medium";
  if (value >= 6 && value <= 9) return "low";
  return "none";
}

/** An IANA name inside a client's TZID ("/freeassociation.sourceforge.net/Europe/Berlin" → Europe/Berlin), or null. */
export function ianaZoneOf(tzid: string): string | null {
  const parts = tzid.split("/");
  for (let i = 0; i < parts.length; i++) {
    const candidate = parts.slice(i).join("/");
    if (candidate && IANAZone.isValidZone(candidate)) return candidate === "Z" ? null : candidate;
  }
  return null;
}

type IcalTime = InstanceType<typeof ICAL.Time>;

/** A DATE or DATE-TIME value as an instant and the zone it was written in. */
function instantOf(prop: InstanceType<typeof ICAL.Property>, defaultZone: string, timezones: Map<string, InstanceType<typeof ICAL.Timezone>>): { at: string; zone: string } {
  const value = prop.getFirstValue() as IcalTime;
  const local = { year: value.year, month: value.month, day: value.day, hour: value.isDate ? 0 : value.hour, minute: value.isDate ? 0 : value.minute, second: value.isDate ? 0 : value.second };
  const tzid = prop.getParameter("tzid") as string | undefined;
  let zone = defaultZone;
  let at: DateTime;
  if (tzid) {
    const iana = ianaZoneOf(tzid);
    const described = timezones.get(tzid);
    if (iana) {
      zone = iana;
      at = DateTime.fromObject(local, { zone });
    } else if (described) {
      const time = new ICAL.Time({ ...local, isDate: false }, described);
      at = DateTime.fromSeconds(time.toUnixTime(), { zone: "utc" });
    } else {
      throw invalid(`TZID ${JSON.stringify(tzid.slice(0, 64))} is neither an IANA zone nor described by a VTIMEZONE`);
    }
  } else if (value.zone?.tzid === "UTC" || (value as unknown as { timezone?: string }).timezone === "Z") {
    at = DateTime.fromObject(local, { zone: "utc" });
  } else {
    at = DateTime.fromObject(local, { zone }); // floating: the user's zone
  }
  if (!at.isValid) throw invalid("a date-time that does not exist");
  return { at: at.toUTC().toISO()!, zone };
}

/** ISO 8601 duration of an ical.js duration's magnitude. */
function isoOf(d: InstanceType<typeof ICAL.Duration>): string {
  const s = d.toString().replace(/^-/, "");
  return s === "PT0S" || s === "P0D" ? "PT0S" : s;
}

/**
 * Reads a client's calendar object. `defaultZone` is the user's zone, for
 * floating times. Throws CalendarDataError (nothing is changed then).
 */
export function parseTodo(text: string, defaultZone: string): ParsedTodo {
  let root: InstanceType<typeof ICAL.Component>;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (err) {
    throw invalid(`not iCalendar: ${(err as Error).message.slice(0, 200)}`);
  }
  if (root.name !== "vcalendar") throw invalid("the body is not a VCALENDAR");
  const subs = root.getAllSubcomponents();
  if (subs.length > MAX_COMPONENTS) throw invalidObject(`more than ${MAX_COMPONENTS} components`);
  const other = subs.find((c) => c.name !== "vtodo" && c.name !== "vtimezone");
  if (other) throw new CalendarDataError(`{${CALDAV}}supported-calendar-component`, `${other.name.toUpperCase()} is not supported here: this calendar holds VTODOs`);
  const todos = subs.filter((c) => c.name === "vtodo");
  const masters = todos.filter((c) => !c.hasProperty("recurrence-id"));
  if (masters.length !== 1) throw invalidObject("a calendar object holds exactly one VTODO (with its RECURRENCE-ID instances)");
  const todo = masters[0]!;
  const uid = todo.getFirstPropertyValue("uid");
  if (typeof uid !== "string" || uid.trim() === "" || uid.length > 255) throw invalidObject("UID is required (at most 255 characters)");
  if (todos.some((c) => c.getFirstPropertyValue("uid") !== uid)) throw invalidObject("every VTODO of one object has the same UID");

  const timezoneComps = subs.filter((c) => c.name === "vtimezone");
  const timezones = new Map<string, InstanceType<typeof ICAL.Timezone>>();
  for (const comp of timezoneComps) {
    const tzid = comp.getFirstPropertyValue("tzid");
    if (typeof tzid !== "string") throw invalid("a VTIMEZONE without TZID");
    try {
      timezones.set(tzid, new ICAL.Timezone(comp));
    } catch {
      throw invalid(`VTIMEZONE ${tzid.slice(0, 64)} cannot be read`);
    }
  }

  const props = todo.getAllProperties();
  if (props.length > MAX_PROPERTIES) throw invalidObject(`more than ${MAX_PROPERTIES} properties`);
  const raw: Partial<Record<Group, unknown[]>> = {};
  const kept: unknown[] = [];
  const attendees: ClientAttendee[] = [];
  for (const prop of props) {
    // Only an ATTENDEE naming a Tickler user is the assignee; any other (a mailto: one) is kept as written.
    const assignee = prop.name === "attendee" && userOfAttendee(String(prop.getFirstValue() ?? "")) !== null;
    if (assignee) {
      const partstat = prop.getParameter("partstat");
      attendees.push({ address: String(prop.getFirstValue()), ...(typeof partstat === "string" ? { partstat } : {}) });
    }
    const group = assignee ? "assignee" : GROUP_OF[prop.name];
    if (group) (raw[group] ??= []).push(prop.toJSON());
    else if (!SERVER_OWNED.has(prop.name)) kept.push(prop.toJSON());
  }
  const alarms = todo.getAllSubcomponents("valarm");
  if (alarms.length > MAX_ALARMS) throw invalidObject(`at most ${MAX_ALARMS} VALARMs (a task has at most ${MAX_ALARMS} reminders)`);
  if (todo.getAllSubcomponents().length !== alarms.length) throw invalidObject("a VTODO holds only VALARMs");
  if (alarms.length > 0) raw.alarms = alarms.map((a) => a.toJSON());

  const single = (name: string) => {
    const all = todo.getAllProperties(name);
    if (all.length > 1) throw invalid(`${name.toUpperCase()} appears more than once`);
    return all[0];
  };
  const text1 = (name: string) => {
    const value = single(name)?.getFirstValue();
    return typeof value === "string" ? value : "";
  };

  const dueProp = single("due");
  const due = dueProp ? instantOf(dueProp, defaultZone, timezones) : null;
  const rruleProp = single("rrule");
  const rule = rruleProp ? (rruleProp.getFirstValue() as InstanceType<typeof ICAL.Recur>).toString() : null;
  const priorityValue = Number(single("priority")?.getFirstValue() ?? 0);
  const tags = todo.getAllProperties("categories").flatMap((p) => p.getValues().map(String)).map((t) => t.trim()).filter(Boolean);
  const status = text1("status").toUpperCase();
  const completedProp = single("completed");
  const done = status === "COMPLETED" || status === "CANCELLED" || (status === "" && completedProp !== undefined);
  const completedAt = done && completedProp ? instantOf(completedProp, "UTC", timezones).at : null;

  const reminders: Reminder[] = [];
  for (const alarm of alarms) {
    const trigger = alarm.getFirstProperty("trigger");
    if (!trigger) throw invalid("a VALARM without TRIGGER");
    const value = trigger.getFirstValue();
    if (value instanceof ICAL.Duration) {
      const related = String(trigger.getParameter("related") ?? "START").toUpperCase();
      const dtstart = single("dtstart");
      const anchor = related === "END" || !dtstart ? due?.at : instantOf(dtstart, due?.zone ?? defaultZone, timezones).at;
      if (!anchor) throw invalid("a relative VALARM needs a DUE (or DTSTART)");
      if (anchor === due?.at && (value.isNegative || value.toSeconds() === 0)) reminders.push({ before: isoOf(value) });
      else reminders.push({ at: new Date(Date.parse(anchor) + value.toSeconds() * 1000).toISOString() });
    } else {
      reminders.push({ at: instantOf(trigger, due?.zone ?? defaultZone, timezones).at });
    }
  }

  const completedInstances = todos
    .filter((c) => c !== todo)
    .filter((c) => {
      const s = String(c.getFirstPropertyValue("status") ?? "").toUpperCase();
      return s === "COMPLETED" || (s === "" && c.hasProperty("completed"));
    })
    .map((c) => instantOf(c.getFirstProperty("recurrence-id")!, due?.zone ?? defaultZone, timezones).at);

  const excludedDates = todo.getAllProperties("exdate").flatMap((p) => p.getValues().map((value) => {
    const time = value as IcalTime;
    const tzid = p.getParameter("tzid") as string | undefined;
    const zone = tzid ? ianaZoneOf(tzid) ?? due?.zone ?? defaultZone : time.zone?.tzid === "UTC" ? "utc" : due?.zone ?? defaultZone;
    return DateTime.fromObject({ year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second }, { zone }).toUTC().toISO()!;
  }));

  const named = assigneeNamed(attendees);
  if (named.kind === "several") throw invalid(`a task is assigned to one member: the ATTENDEEs name ${named.userIds.length} users`);

  const summary = text1("summary").trim();
  return {
    uid,
    fields: {
      title: summary === "" ? "(untitled)" : summary,
      description: text1("description"),
      priority: priorityIn(priorityValue),
      tags,
      dueAt: due?.at ?? null,
      timeZone: due?.zone ?? defaultZone,
      reminders,
      recurrence: rule ? { rule } : null,
      status: done ? "completed" : "open",
      assigneeId: named.kind === "user" ? named.userId : null,
    },
    completedAt,
    sequence: Math.max(0, Math.min(1_000_000, Number(single("sequence")?.getFirstValue() ?? 0) || 0)),
    completedInstances,
    excludedDates,
    raw,
    kept,
    timezones: timezoneComps.map((c) => c.toJSON()),
    parentUid: parentUidIn(kept),
    assignee: named,
  };
}

function parentUidIn(kept: unknown[]): string | null {
  const link = kept.find(namesParent) as [string, unknown, string, unknown] | undefined;
  return link && typeof link[3] === "string" && link[3].trim() !== "" ? link[3].trim() : null;
}

/** One content line per jCal property, refolded. */
function propertyLines(jcal: unknown): string[] {
  return [foldLine(ICAL.stringify.property(jcal as never, undefined as never, true))];
}
function componentLines(jcal: unknown): string[] {
  return ICAL.stringify.component(jcal as never, undefined as never).replace(/\r?\n[ \t]/g, "").split(/\r?\n/).filter(Boolean).map(foldLine);
}

export interface RenderOptions {
  echo: DavEcho | null;
  /** The series' newest occurrence: only it carries the RRULE (older ones are past instances). */
  head: boolean;
  /** dueAt of the series' first occurrence, for a COUNT rule (see icalFeed.ruleFrom). */
  seriesStart?: string;
  /** The UID of the task's parent (a subtask), served as RELATED-TO;RELTYPE=PARENT unless the client wrote its own. */
  parentUid?: string;
  /** The task's list is shared (has members): its assignee is served as an ATTENDEE. */
  shared?: boolean;
}

/** A RELATED-TO the client wrote that names a parent (RELTYPE absent or PARENT, RFC 5545 3.2.15). */
function namesParent(prop: unknown): boolean {
  const [name, params] = prop as [string, Record<string, unknown>];
  const reltype = params?.reltype;
  return name === "related-to" && (reltype === undefined || (typeof reltype === "string" && reltype.toUpperCase() === "PARENT"));
}

/** The calendar object of a task (CRLF lines, folded at 75 octets). */
export function renderTodo(task: Task, opts: RenderOptions): string {
  const fields: TodoFields = task;
  const echo = opts.echo;
  const lines: string[] = [];
  const zones = new Set<string>();
  const clientZones = new Set<string>();
  const fromEcho = (group: Group): unknown[] | null => {
    const stored = echo?.groups[group];
    return stored && stored.derived === derived(group, fields) ? stored.raw : null;
  };
  const emit = (group: Group, generate: () => string[]) => {
    const raw = fromEcho(group);
    if (!raw) return void lines.push(...generate());
    for (const item of raw) {
      if (group === "alarms") lines.push(...componentLines(item));
      else {
        lines.push(...propertyLines(item));
        const tzid = (item as [string, Record<string, unknown>])[1]?.tzid;
        if (typeof tzid === "string") clientZones.add(tzid);
      }
    }
  };
  const dueLine = (name: string) => {
    if (!task.dueAt) return [];
    if (task.timeZone === "UTC") return [`${name}:${utcDateTime(task.dueAt)}`];
    zones.add(task.timeZone);
    return [`${name};TZID=${task.timeZone}:${localDateTime(task.dueAt, task.timeZone)}`];
  };
  const rrule = task.status === "open" && opts.head && task.recurrence && task.dueAt ? ruleFrom(task.recurrence.rule, { ...task, dueAt: task.dueAt }, opts.seriesStart) : null;

  lines.push(`UID:${escapeText(echo?.uid || task.id)}`);
  lines.push(`DTSTAMP:${utcDateTime(task.updatedAt)}`, `CREATED:${utcDateTime(task.createdAt)}`, `LAST-MODIFIED:${utcDateTime(task.updatedAt)}`);
  lines.push(`SEQUENCE:${Math.max(task.version - 1, echo?.sequence ?? 0)}`);
  emit("summary", () => [`SUMMARY:${escapeText(task.title)}`]);
  emit("description", () => (task.description ? [`DESCRIPTION:${escapeText(task.description)}`] : []));
  emit("due", () => [...dueLine("DUE"), ...(rrule ? dueLine("DTSTART") : [])]);
  if (rrule) emit("rrule", () => [`RRULE:${rrule}`]);
  emit("priority", () => (task.priority === "none" ? [] : [`PRIORITY:${PRIORITY_OUT[task.priority]}`]));
  emit("categories", () => (task.tags.length ? [`CATEGORIES:${task.tags.map(escapeText).join(",")}`] : []));
  emit("status", () => task.status === "completed"
    ? ["STATUS:COMPLETED", `COMPLETED:${utcDateTime(task.completedAt ?? task.updatedAt)}`, "PERCENT-COMPLETE:100"]
    : ["STATUS:NEEDS-ACTION"]);
  emit("assignee", () => (opts.shared && task.assigneeId ? [foldLine(attendeeLine(task.assigneeId))] : []));
  for (const prop of echo?.kept ?? []) lines.push(...propertyLines(prop));
  if (opts.parentUid !== undefined && !(echo?.kept ?? []).some(namesParent)) lines.push(`RELATED-TO;RELTYPE=PARENT:${escapeText(opts.parentUid)}`);
  emit("alarms", () => task.reminders.flatMap((r) => [
    "BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${escapeText(task.title)}`,
    "before" in r ? `TRIGGER;RELATED=END:-${icalDuration(r.before)}` : `TRIGGER;VALUE=DATE-TIME:${utcDateTime(r.at)}`,
    "END:VALARM",
  ]));

  const year = task.dueAt ? DateTime.fromISO(task.dueAt).year : DateTime.fromISO(task.updatedAt).year;
  const timezoneLines: string[] = [];
  const given = new Map<string, unknown>();
  for (const comp of echo?.timezones ?? []) {
    const tzid = (comp as [string, [string, unknown, string, unknown][]])[1]?.find((p) => p[0] === "tzid")?.[3];
    if (typeof tzid === "string") given.set(tzid, comp);
  }
  for (const zone of new Set([...clientZones, ...zones])) {
    const comp = clientZones.has(zone) ? given.get(zone) : undefined;
    if (comp) timezoneLines.push(...componentLines(comp));
    else if (IANAZone.isValidZone(zone)) timezoneLines.push(...vtimezone(zone, year - 1, year + 2));
  }
  const head = contentLines(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tickler//CalDAV//EN", "CALSCALE:GREGORIAN"]);
  return head + timezoneLines.map((l) => `${l}\r\n`).join("") + contentLines(["BEGIN:VTODO"]) + lines.map((l) => `${l}\r\n`).join("") + contentLines(["END:VTODO", "END:VCALENDAR"]);
}

/** The next `count` occurrences after `dueAt` by `rule` in `zone` (COUNT left out: the series' own count decides). */
export function upcomingByRule(rule: string, dueAt: string, zone: string, count: number): string[] {
  const withoutCount = rule.split(";").filter((p) => !p.startsWith("COUNT=")).join(";");
  try {
    return occurrencesAfter(withoutCount, dueAt, zone, new Date(dueAt), count);
  } catch {
    return [];
  }
}
