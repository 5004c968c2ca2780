/**
 * CalDAV (RFC 4791) for tasks at /dav/, with discovery through
 * /.well-known/caldav (RFC 6764) and sync-collection (RFC 6578). Each list the
 * caller can read is a calendar collection of VTODOs; a task is one calendar
 * object resource (src/domain/vtodo.ts). Every write is the same task actor
 * command as the REST route's (audited, evented, reminders re-planned), after
 * the same list authorization. Authentication: app passwords (basicAuth.ts).
 * What is and is not supported: docs/caldav.md.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Context, Middleware } from "koa";
import getRawBody from "raw-body";
import { newRouter, type Router } from "../../infra/http/router.js";
import type { ListActors, TaskActors } from "../../actors/client.js";
import type { TaskView } from "../../actors/taskActor.js";
import { can, DomainError, mayBeAssigned, type List, type ListAction, type Task, type TaskCommand, type TaskPatch } from "../../domain/index.js";
import { CALENDAR_ORDER, orderFromPosition, type DeadProp } from "../../domain/davProps.js";
import type { DavListProps } from "../../infra/davListProps.js";
import { COLLECTION_ALLOW, listPropHandlers } from "./listProps.js";
import { moveHandler } from "./move.js";
import { taskUpdates } from "../tasks/update.js";
import { child, children, clark, errorBody, escapeXml, multistatus, NS, parseXml, response, XmlError, MAX_XML_BYTES, type PropStat, type PropValue, type XmlElement } from "../../domain/davXml.js";
import { CalendarDataError, derived, echoOf, MAX_KEPT_BYTES, MAX_RESOURCE_BYTES, upcomingByRule, parseTodo, renderTodo, type DavEcho, type ParsedTodo, type TodoFields } from "../../domain/vtodo.js";
import { ruleFrom } from "../../domain/icalFeed.js";
import { assigneeChange } from "../../domain/icalAttendee.js";
import { matchesFilter, readFilter } from "../../domain/davFilter.js";
import { answerShaper, readCalendarData, shapes, WHOLE_OBJECT } from "../../domain/davCalendarData.js";
import { StepBudget } from "../../domain/davRecurrence.js";
import { collectionState, ctagOf, listChangedSince } from "../../domain/davSync.js";
import { nameIn } from "../../domain/davMove.js";
import { MAX_DAV_OBJECTS, type DavObject, type DavStore } from "../../infra/davStore.js";
import type { ReadModel } from "../../infra/readModel.js";
import type { ListsView } from "../../infra/listsView.js";
import { inboxIdOf } from "../../infra/ids.js";
import { TOMBSTONE_TTL_DAYS } from "../../infra/readModel.js";
import type { AuthState } from "../auth.js";
import type { Lists } from "../lists/lists.js";
import { createViaActor } from "../tasks/create.js";
import { checkParent } from "../tasks/subtasks.js";
import { requestHash } from "../tasks/idempotency.js";
import { createTaskSchema } from "../tasks/schema.js";
import ICAL from "ical.js";

export interface DavRoutesDeps {
  /** Per-address budget, then the app password, then the user's budget. */
  guard: Middleware[];
  actors: TaskActors;
  lists: Pick<Lists, "authorize" | "inbox">;
  /** PROPPATCH and MKCALENDAR write lists through their actors (listProps.ts). */
  listActors: Pick<ListActors, "handle">;
  listsView: Pick<ListsView, "of" | "apply" | "countOwned">;
  readModel: Pick<ReadModel, "applyAfterWrite" | "get" | "children">;
  store: DavStore;
  /** Properties clients set on a list's collection that Tickler does not model (RFC 4918 dead properties). */
  deadProps: Pick<DavListProps, "of" | "ofMany" | "write" | "replace">;
  /** The user's zone, for floating times. */
  timeZoneOf(userId: string): Promise<string>;
  now?: () => Date;
}

export const DAV_ROOT = "/dav/";
const PRINCIPAL = "/dav/principal/";
const HOME = "/dav/calendars/";
const collectionHref = (listId: string) => `${HOME}${listId}/`;
const objectHref = (listId: string, name: string) => `${HOME}${listId}/${encodeURIComponent(name)}`;
const SYNC_PREFIX = "https://tickler.dev/ns/sync/";
/** A sync reports again what changed this long before its token: a write that reached the read store late is not missed. */
const SYNC_OVERLAP_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Resource names a client may choose (RFC 3986 unreserved plus a few that clients use), decoded. */
const NAME = /^[\w.~@+=-]{1,255}$/;
const DAV_HEADER = "1, 3, calendar-access";
const ALLOW = "OPTIONS, GET, HEAD, PUT, DELETE, MOVE, PROPFIND, REPORT";

/** An oversized body is read and dropped up to this much, so the client gets its 413 instead of a reset connection. */
const MAX_DISCARD_BYTES = 4 * 1024 * 1024;

async function discard(req: Context["req"]): Promise<void> {
  let seen = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > MAX_DISCARD_BYTES) {
      req.destroy();
      return;
    }
  }
}

/** A body of at most `limit` bytes as text; past it, 413 with `condition` (after dropping what was sent). */
async function readBody(ctx: Context, limit: number, condition: string | null, what: string): Promise<string> {
  try {
    return await getRawBody(ctx.req, { limit, encoding: "utf8" });
  } catch (err) {
    if ((err as { type?: string }).type === "entity.too.large") {
      await discard(ctx.req).catch(() => undefined);
      throw new DavError(413, condition, `${what} is at most ${limit} bytes`);
    }
    throw new DavError(400, null, "the request body could not be read");
  }
}

const C = (name: string) => clark(NS.caldav, name);
const D = (name: string) => clark(NS.dav, name);

/** A failed precondition, answered as a DAV:error body. */
export class DavError extends Error {
  constructor(readonly status: number, readonly condition: string | null, message: string) {
    super(message);
  }
}

const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 12);

interface Rendered {
  task: Task;
  name: string;
  etag: string;
  body: string;
}

/** The rule a task's resource carries, as written (COUNT as UNTIL), or null. */
function servedRule(task: Task, head: boolean, seriesStart: string | undefined): string | null {
  return task.status === "open" && head && task.recurrence && task.dueAt ? ruleFrom(task.recurrence.rule, { ...task, dueAt: task.dueAt }, seriesStart) : null;
}

export function davRoutes(deps: DavRoutesDeps): Router {
  const router = newRouter();
  const now = deps.now ?? (() => new Date());
  const userId = (ctx: Context) => (ctx.state as AuthState).userId;

  /** Maps DAV and domain errors to their DAV answers; anything else goes to the one error path. */
  const dav = (handler: (ctx: Context) => Promise<void>): Middleware => async (ctx) => {
    try {
      ctx.set("DAV", DAV_HEADER);
      await handler(ctx);
    } catch (err) {
      let e = err;
      if (err instanceof CalendarDataError) e = new DavError(err.status, err.condition, err.message);
      else if (err instanceof XmlError) e = new DavError(400, null, `the XML body is not accepted: ${err.message}`);
      else if (err instanceof DomainError) {
        if (err.code === "not_found") e = new DavError(404, null, err.message);
        else if (err.code === "version_mismatch") e = new DavError(412, null, err.message);
        else if (err.code === "forbidden") e = new DavError(403, D("need-privileges"), err.message);
        else if (err.code === "invalid_task") e = new DavError(403, C("valid-calendar-data"), err.message);
        else if (err.code === "invalid_transition") e = new DavError(409, null, err.message);
      }
      if (!(e instanceof DavError)) throw err;
      ctx.status = e.status;
      ctx.type = "application/xml; charset=utf-8";
      ctx.body = e.condition ? errorBody(e.condition, e.message) : errorBody(D("error"), e.message).replace("<d:error/>", "");
    }
  };

  // ---- lists and objects ----

  async function listsOf(ctx: Context): Promise<List[]> {
    const mine = await deps.listsView.of(userId(ctx));
    if (!mine.some((l) => l.id === inboxIdOf(userId(ctx)))) mine.unshift(await deps.lists.inbox(userId(ctx)));
    return mine;
  }

  async function listFor(ctx: Context, action: ListAction): Promise<List> {
    // Case-insensitive as the REST routes' ids: a client that made a collection with an upper-case UUID (MKCALENDAR) finds it.
    const listId = String(ctx.params.list).toLowerCase();
    if (!UUID.test(listId)) throw new DavError(404, null, "no such calendar");
    try {
      return await deps.lists.authorize(listId, userId(ctx), action);
    } catch (err) {
      if (err instanceof DomainError && err.code === "not_found") throw new DavError(404, null, "no such calendar");
      if (err instanceof DomainError && err.code === "forbidden") throw new DavError(403, D("need-privileges"), `your role in this list does not allow ${action === "editList" ? "changing the list itself" : "changing its tasks"}`);
      throw err;
    }
  }

  function objectName(ctx: Context): string {
    let name: string;
    try {
      name = decodeURIComponent(String(ctx.params.object));
    } catch {
      throw new DavError(404, null, "no such resource");
    }
    if (!NAME.test(name)) throw new DavError(404, null, "no such resource");
    return name;
  }

  /** The task id behind a resource name: the client's name recorded at its create, else `<task id>.ics`. */
  async function resolve(listId: string, name: string): Promise<{ taskId: string; object: DavObject | null } | null> {
    const object = await deps.store.byName(listId, name);
    if (object) return { taskId: object._id, object };
    const m = /^([0-9a-f-]{36})\.ics$/.exec(name);
    if (m && UUID.test(m[1]!)) return { taskId: m[1]!, object: await deps.store.object(m[1]!) };
    return null;
  }

  /** Renders tasks of one list: each series' newest live occurrence alone carries its RRULE. */
  async function renderAll(list: Pick<List, "id" | "members">, tasks: Task[], known?: Map<string, DavObject>): Promise<Rendered[]> {
    const listId = list.id;
    // A shared list's tasks carry their assignee as an ATTENDEE (src/domain/icalAttendee.ts).
    const shared = list.members.length > 0;
    const objects = known ?? await deps.store.objectsOf(tasks.map((t) => t.id));
    // A subtask names its parent by the parent's UID: the client's, or the task id for a task made in Tickler.
    const parentIds = [...new Set(tasks.map((t) => t.parentId).filter((p): p is string => p !== null))];
    const parentObjects = parentIds.length ? await deps.store.objectsOf(parentIds) : new Map<string, DavObject>();
    const uidOf = (id: string) => parentObjects.get(id)?.echo.uid || id;
    const seriesIds = [...new Set(tasks.map((t) => t.seriesId).filter((s): s is string => s !== null))];
    const occurrences = await deps.store.occurrences(listId, seriesIds);
    const newest = new Map<string, Task>();
    for (const t of [...occurrences, ...tasks]) {
      if (!t.seriesId) continue;
      const cur = newest.get(t.seriesId);
      if (!cur || t.createdAt > cur.createdAt || (t.createdAt === cur.createdAt && t.id > cur.id)) newest.set(t.seriesId, t);
    }
    const starts = new Map<string, string>();
    for (const id of seriesIds) {
      const first = occurrences.find((t) => t.id === id) ?? tasks.find((t) => t.id === id) ?? await deps.store.task(id);
      if (first?.dueAt) starts.set(id, first.dueAt);
    }
    return tasks.map((task) => {
      const object = objects.get(task.id) ?? null;
      const head = !task.seriesId || newest.get(task.seriesId)?.id === task.id;
      const seriesStart = task.seriesId ? starts.get(task.seriesId) : undefined;
      const echo = object?.echo ?? null;
      const body = renderTodo(task, { echo, head, seriesStart, shared, ...(task.parentId ? { parentUid: uidOf(task.parentId) } : {}) });
      // Sharing a list or ending its sharing changes what its tasks serve (the ATTENDEE) without a new task version.
      const etag = echo || task.seriesId || (shared && task.assigneeId) ? `"${task.version}-${hash([echo, head, seriesStart ?? null, shared])}"` : `"${task.version}"`;
      // A record left in another list (a move it did not follow): the task is served by its id, which resolve() finds anywhere.
      return { task, name: nameIn(object && object.listId === listId ? object : null, listId, task.id), etag, body };
    });
  }

  async function renderOne(list: Pick<List, "id" | "members">, task: Task): Promise<Rendered> {
    return (await renderAll(list, [task]))[0]!;
  }

  /** The live task of a resource in this list, as its actor holds it (null: no such resource). */
  async function current(ctx: Context, list: Pick<List, "id" | "members">, name: string): Promise<{ rendered: Rendered; object: DavObject | null } | null> {
    const listId = list.id;
    const found = await resolve(listId, name);
    if (!found) return null;
    let task: Task;
    try {
      task = await deps.actors.read(found.taskId, userId(ctx), listId);
    } catch (err) {
      if (err instanceof DomainError && (err.code === "not_found" || err.code === "forbidden")) return null;
      throw err;
    }
    if (task.listId !== listId) return null;
    return { rendered: await renderOne(list, task), object: found.object };
  }

  // ---- writes, through the task actors ----

  async function write(id: string, command: TaskCommand): Promise<TaskView> {
    const view = await deps.actors.handle(id, command);
    if (view.changed) await deps.readModel.applyAfterWrite(view.task, view.deleted);
    return view;
  }

  async function complete(ctx: Context, id: string, listId: string, echo: DavEcho | null): Promise<void> {
    const view = await write(id, { kind: "complete", ownerId: userId(ctx), viaList: listId });
    if (!view.nextOccurrenceId) return;
    const next = await deps.actors.read(view.nextOccurrenceId, userId(ctx), listId).catch(() => null);
    if (next) await deps.readModel.applyAfterWrite(next, false);
    // The next occurrence keeps the client's other properties (its own UID and name are Tickler's).
    if (echo && echo.kept.length > 0) await deps.store.put(view.nextOccurrenceId, listId, `${view.nextOccurrenceId}.ics`, { uid: "", groups: {}, kept: echo.kept, timezones: [], sequence: 0 }, now());
  }

  // ---- PROPFIND ----

  type Resolver = () => Promise<string | undefined> | string | PropValue | undefined;

  function requested(body: XmlElement | null): { names: string[] | "all"; namesOnly: boolean } {
    if (!body) return { names: "all", namesOnly: false };
    if (body.ns !== NS.dav || body.name !== "propfind") throw new DavError(400, null, "the body is not a DAV:propfind");
    if (child(body, NS.dav, "propname")) return { names: "all", namesOnly: true };
    const prop = child(body, NS.dav, "prop");
    if (!prop) return { names: "all", namesOnly: false };
    return { names: prop.children.map((c) => clark(c.ns, c.name)), namesOnly: false };
  }

  async function propstat(props: Record<string, Resolver>, names: string[] | "all", namesOnly: boolean, allprop: string[]): Promise<PropStat> {
    const found = new Map<string, string | PropValue>();
    const missing: string[] = [];
    for (const name of names === "all" ? allprop : names) {
      const resolver = props[name];
      const value = resolver ? (namesOnly ? "" : await resolver()) : undefined;
      if (value === undefined) missing.push(name);
      else found.set(name, value);
    }
    return { found, missing };
  }

  const href = (h: string) => `<d:href>${escapeXml(h)}</d:href>`;
  const common = (): Record<string, Resolver> => ({
    [D("current-user-principal")]: () => href(PRINCIPAL),
    [C("calendar-home-set")]: () => href(HOME),
    [D("principal-collection-set")]: () => href(PRINCIPAL),
  });

  function principalProps(ctx: Context): Record<string, Resolver> {
    return {
      ...common(),
      [D("resourcetype")]: () => "<d:collection/><d:principal/>",
      [D("displayname")]: () => escapeXml(userId(ctx)),
      [D("principal-URL")]: () => href(PRINCIPAL),
      [C("calendar-user-address-set")]: () => "",
    };
  }

  const REPORTS = ["calendar-query", "calendar-multiget"].map((r) => `<d:supported-report><d:report><c:${r}/></d:report></d:supported-report>`).join("")
    + "<d:supported-report><d:report><d:sync-collection/></d:report></d:supported-report>";

  /** A list's dead properties as resolvers, served back as written (before the live ones, which a dead one never names). */
  const deadResolvers = (dead: DeadProp[]): Record<string, Resolver> => Object.fromEntries(dead.map((p) => [clark(p.ns, p.name), () => ({ attrs: p.attrs, inner: p.xml })]));

  function collectionProps(ctx: Context, list: List, dead: DeadProp[]): Record<string, Resolver> {
    let state: Promise<{ latest: number; count: number }> | undefined;
    const stateOf = () => (state ??= deps.store.state(list.id).then((contents) => collectionState(contents, list.updatedAt)));
    const writable = can(list, userId(ctx), "editTasks") === "allowed";
    return {
      ...deadResolvers(dead),
      ...common(),
      [D("resourcetype")]: () => "<d:collection/><c:calendar/>",
      [D("displayname")]: () => escapeXml(list.name),
      [D("owner")]: () => href(PRINCIPAL),
      [C("supported-calendar-component-set")]: () => '<c:comp name="VTODO"/>',
      [C("supported-calendar-data")]: () => '<c:calendar-data content-type="text/calendar" version="2.0"/>',
      [C("max-resource-size")]: () => String(MAX_RESOURCE_BYTES),
      [clark(NS.apple, "calendar-color")]: () => (list.colour ? escapeXml(list.colour) : undefined),
      [CALENDAR_ORDER]: () => orderFromPosition(list.position)?.toString(),
      [D("supported-report-set")]: () => REPORTS,
      [D("current-user-privilege-set")]: () => `<d:privilege><d:read/></d:privilege>${writable ? "<d:privilege><d:write/></d:privilege><d:privilege><d:write-content/></d:privilege><d:privilege><d:bind/></d:privilege><d:privilege><d:unbind/></d:privilege>" : ""}`,
      [clark(NS.cs, "getctag")]: async () => escapeXml(ctagOf(await stateOf())),
      [D("sync-token")]: async () => escapeXml(`${SYNC_PREFIX}${(await stateOf()).latest}`),
    };
  }

  function objectProps(r: Rendered, withData = false): Record<string, Resolver> {
    return {
      [D("resourcetype")]: () => "",
      [D("getetag")]: () => escapeXml(r.etag),
      [D("getcontenttype")]: () => "text/calendar; charset=utf-8; component=VTODO",
      [D("getcontentlength")]: () => String(Buffer.byteLength(r.body)),
      [D("getlastmodified")]: () => new Date(r.task.updatedAt).toUTCString(),
      ...(withData ? { [C("calendar-data")]: () => escapeXml(r.body) } : {}),
    };
  }
  const OBJECT_ALLPROP = [D("resourcetype"), D("getetag"), D("getcontenttype"), D("getcontentlength"), D("getlastmodified")];

  async function readXml(ctx: Context, required: boolean): Promise<XmlElement | null> {
    const text = await readBody(ctx, MAX_XML_BYTES, null, "an XML body");
    if (text.trim() === "") {
      if (required) throw new DavError(400, null, "an XML body is required");
      return null;
    }
    return parseXml(text);
  }

  function depthOf(ctx: Context): 0 | 1 {
    const depth = ctx.get("depth").trim().toLowerCase();
    if (depth === "" || depth === "0") return 0;
    if (depth === "1") return 1;
    throw new DavError(403, D("propfind-finite-depth"), "Depth: infinity is not supported; use 0 or 1");
  }

  async function multistatusOut(ctx: Context, responses: string[], syncToken?: string) {
    ctx.status = 207;
    ctx.type = "application/xml; charset=utf-8";
    ctx.body = multistatus(responses, syncToken);
  }

  const options = (methods: string) => dav(async (ctx) => {
    ctx.set("Allow", methods);
    ctx.status = 200;
    ctx.body = "";
  });

  const wellKnown = dav(async (ctx) => {
    ctx.status = 301;
    ctx.set("Location", DAV_ROOT);
    ctx.body = "";
  });
  for (const path of ["/.well-known/caldav", "/.well-known/caldav/"]) {
    router.register(path, ["GET", "HEAD", "PROPFIND", "OPTIONS"], [...deps.guard, wellKnown]);
  }

  const rootPropfind = dav(async (ctx) => {
    const { names, namesOnly } = requested(await readXml(ctx, false));
    const root = { ...common(), [D("resourcetype")]: () => "<d:collection/>" };
    const out = [response(ctx.path, await propstat(root, names, namesOnly, [D("resourcetype"), D("current-user-principal")]))];
    await multistatusOut(ctx, out);
  });
  for (const path of ["/dav", DAV_ROOT]) {
    router.register(path, ["PROPFIND"], [...deps.guard, rootPropfind]);
    router.register(path, ["OPTIONS"], [...deps.guard, options("OPTIONS, PROPFIND")]);
  }

  const principalPropfind = dav(async (ctx) => {
    const { names, namesOnly } = requested(await readXml(ctx, false));
    await multistatusOut(ctx, [response(PRINCIPAL, await propstat(principalProps(ctx), names, namesOnly, [D("resourcetype"), D("displayname"), C("calendar-home-set")]))]);
  });
  for (const path of ["/dav/principal", PRINCIPAL]) {
    router.register(path, ["PROPFIND"], [...deps.guard, principalPropfind]);
    router.register(path, ["OPTIONS"], [...deps.guard, options("OPTIONS, PROPFIND")]);
  }

  const COLLECTION_ALLPROP = [D("resourcetype"), D("displayname"), C("supported-calendar-component-set"), clark(NS.cs, "getctag"), D("sync-token")];
  // RFC 4918 9.1: allprop and propname name every dead property too.
  const collectionAllprop = (dead: DeadProp[]) => [...COLLECTION_ALLPROP, ...dead.map((p) => clark(p.ns, p.name))];

  const homePropfind = dav(async (ctx) => {
    const depth = depthOf(ctx);
    const { names, namesOnly } = requested(await readXml(ctx, false));
    const home = { ...common(), [D("resourcetype")]: () => "<d:collection/>", [D("displayname")]: () => "Tickler" };
    const out = [response(HOME, await propstat(home, names, namesOnly, [D("resourcetype"), D("displayname")]))];
    if (depth === 1) {
      const lists = await listsOf(ctx);
      const dead = await deps.deadProps.ofMany(lists.map((l) => l.id));
      for (const list of lists) {
        const own = dead.get(list.id) ?? [];
        out.push(response(collectionHref(list.id), await propstat(collectionProps(ctx, list, own), names, namesOnly, collectionAllprop(own))));
      }
    }
    await multistatusOut(ctx, out);
  });
  for (const path of ["/dav/calendars", HOME]) {
    router.register(path, ["PROPFIND"], [...deps.guard, homePropfind]);
    router.register(path, ["OPTIONS"], [...deps.guard, options("OPTIONS, PROPFIND")]);
  }

  const collectionPropfind = dav(async (ctx) => {
    const list = await listFor(ctx, "read");
    const depth = depthOf(ctx);
    const { names, namesOnly } = requested(await readXml(ctx, false));
    const dead = (await deps.deadProps.of(list.id)).props;
    const out = [response(collectionHref(list.id), await propstat(collectionProps(ctx, list, dead), names, namesOnly, collectionAllprop(dead)))];
    if (depth === 1) {
      const wantsData = names !== "all" && names.includes(C("calendar-data"));
      for (const r of await renderAll(list, await deps.store.live(list.id))) {
        out.push(response(objectHref(list.id, r.name), await propstat(objectProps(r, wantsData), names, namesOnly, OBJECT_ALLPROP)));
      }
    }
    await multistatusOut(ctx, out);
  });

  // ---- REPORT ----

  const collectionReport = dav(async (ctx) => {
    const list = await listFor(ctx, "read");
    const body = (await readXml(ctx, true))!;
    const propEl = child(body, NS.dav, "prop");
    const names = propEl ? propEl.children.map((c) => clark(c.ns, c.name)) : [D("getetag")];
    // What calendar-data asks for (comp/prop selection, expand, limit-recurrence-set): src/domain/davCalendarData.ts.
    const dataEl = propEl ? child(propEl, NS.caldav, "calendar-data") : undefined;
    const dataRequest = dataEl ? readCalendarData(dataEl) : WHOLE_OBJECT;
    // The user's zone places floating times (time-ranges, expand); read only when the request needs it.
    const zone = shapes(dataRequest) || child(body, NS.caldav, "filter") ? await deps.timeZoneOf(userId(ctx)) : "UTC";
    // One walk budget for the whole answer, filter and expand together (src/domain/davRecurrence.ts).
    const budget = new StepBudget();
    const shape = answerShaper(dataRequest, zone, budget);
    const out: string[] = [];
    const answer = async (rs: Rendered[]) => {
      for (const r of rs) {
        const props = { ...objectProps(r, true), [C("calendar-data")]: () => escapeXml(shape(r.body)) };
        out.push(response(objectHref(list.id, r.name), await propstat(props, names, false, OBJECT_ALLPROP)));
      }
    };
    if (body.ns === NS.caldav && body.name === "calendar-multiget") {
      const hrefs = children(body, NS.dav, "href").map((h) => h.text.trim());
      if (hrefs.length > MAX_DAV_OBJECTS) throw new DavError(403, null, `at most ${MAX_DAV_OBJECTS} hrefs`);
      const tasks: Task[] = [];
      for (const h of hrefs) {
        const path = h.replace(/^https?:\/\/[^/]+/i, "");
        const prefix = collectionHref(list.id);
        const name = path.startsWith(prefix) ? (() => { try { return decodeURIComponent(path.slice(prefix.length)); } catch { return ""; } })() : "";
        const found = NAME.test(name) ? await resolve(list.id, name) : null;
        const task = found ? await deps.store.task(found.taskId) : null;
        if (!task || task.deleted || task.listId !== list.id) {
          out.push(response(h, { status: 404 }));
          continue;
        }
        tasks.push(task);
      }
      await answer(await renderAll(list, tasks));
      return multistatusOut(ctx, out);
    }
    if (body.ns === NS.caldav && body.name === "calendar-query") {
      // Read (and bounded) once, before anything is rendered: src/domain/davFilter.ts.
      const filterEl = child(body, NS.caldav, "filter");
      const filter = filterEl ? readFilter(filterEl) : null;
      const rendered = await renderAll(list, await deps.store.live(list.id));
      const kept = filter
        ? rendered.filter((r) => matchesFilter(filter, new ICAL.Component(ICAL.parse(r.body) as unknown[]), r.task.dueAt, zone, budget))
        : rendered;
      await answer(kept);
      return multistatusOut(ctx, out);
    }
    if (body.ns === NS.dav && body.name === "sync-collection") {
      const level = child(body, NS.dav, "sync-level")?.text.trim();
      if (level && level !== "1") throw new DavError(403, D("supported-report"), "sync-level 1 only");
      const token = child(body, NS.dav, "sync-token")?.text.trim() ?? "";
      const state = collectionState(await deps.store.state(list.id), list.updatedAt);
      if (token === "") {
        await answer(await renderAll(list, await deps.store.live(list.id)));
        return multistatusOut(ctx, out, `${SYNC_PREFIX}${state.latest}`);
      }
      const since = token.startsWith(SYNC_PREFIX) ? Number(token.slice(SYNC_PREFIX.length)) : Number.NaN;
      if (!Number.isSafeInteger(since) || since < now().getTime() - (TOMBSTONE_TTL_DAYS - 1) * 86_400_000 || since > now().getTime() + 86_400_000) {
        throw new DavError(403, D("valid-sync-token"), "the sync token is unknown or too old: sync again without one");
      }
      const changed = await deps.store.changedSince(list.id, new Date(since - SYNC_OVERLAP_MS).toISOString());
      if (!changed) throw new DavError(403, D("valid-sync-token"), `more than ${MAX_DAV_OBJECTS} changes: sync again without a token`);
      const byId = new Map(changed.tasks.map((t) => [t.id, t]));
      // The list itself changed (shared, a role or member changed, its properties): every task is reported again (src/domain/davSync.ts).
      if (listChangedSince(list.updatedAt, since - SYNC_OVERLAP_MS)) for (const t of await deps.store.live(list.id)) if (!byId.has(t.id)) byId.set(t.id, { ...t, deleted: false });
      // A task moved to another list since the token is reported gone (below: its listId is not this list's) unless it came back.
      for (const id of [...changed.objectIds, ...changed.departedIds]) {
        if (!byId.has(id)) {
          const t = await deps.store.task(id);
          if (t) byId.set(id, t);
        }
      }
      // A new occurrence takes the RRULE from the one before it: report the series' other live occurrences too.
      const seriesIds = [...new Set([...byId.values()].map((t) => t.seriesId).filter((s): s is string => s !== null))];
      for (const t of await deps.store.occurrences(list.id, seriesIds)) if (!byId.has(t.id)) byId.set(t.id, { ...t, deleted: false });
      const objects = await deps.store.objectsOf([...byId.keys()]);
      const live: Task[] = [];
      for (const t of byId.values()) {
        // Gone under the name it had here (one it left with, if it moved: src/domain/davMove.ts nameIn).
        if (t.deleted || t.listId !== list.id) out.push(response(objectHref(list.id, nameIn(objects.get(t.id), list.id, t.id)), { status: 404 }));
        else live.push(t);
      }
      await answer(await renderAll(list, live, objects));
      return multistatusOut(ctx, out, `${SYNC_PREFIX}${Math.max(state.latest, since)}`);
    }
    throw new DavError(403, D("supported-report"), `REPORT ${body.name} is not supported here`);
  });

  const { proppatch, mkcalendar } = listPropHandlers({ listActors: deps.listActors, listsView: deps.listsView, deadProps: deps.deadProps, now }, {
    userId, listFor, readXml, multistatus: multistatusOut, collectionHref, fail: (status, condition, message) => new DavError(status, condition, message),
  });
  for (const path of ["/dav/calendars/:list", "/dav/calendars/:list/"]) {
    router.register(path, ["PROPFIND"], [...deps.guard, collectionPropfind]);
    router.register(path, ["REPORT"], [...deps.guard, collectionReport]);
    router.register(path, ["PROPPATCH"], [...deps.guard, dav(proppatch)]);
    router.register(path, ["MKCALENDAR"], [...deps.guard, dav(mkcalendar)]);
    router.register(path, ["OPTIONS"], [...deps.guard, options(COLLECTION_ALLOW)]);
  }

  // ---- objects ----

  const OBJECT = "/dav/calendars/:list/:object";

  router.register(OBJECT, ["OPTIONS"], [...deps.guard, options(ALLOW)]);

  router.register(OBJECT, ["GET", "HEAD"], [...deps.guard, dav(async (ctx) => {
    const list = await listFor(ctx, "read");
    const found = await current(ctx, list, objectName(ctx));
    if (!found) throw new DavError(404, null, "no such resource");
    ctx.set("ETag", found.rendered.etag);
    ctx.set("Last-Modified", new Date(found.rendered.task.updatedAt).toUTCString());
    ctx.type = "text/calendar; charset=utf-8";
    ctx.body = found.rendered.body;
  })]);

  router.register(OBJECT, ["PROPFIND"], [...deps.guard, dav(async (ctx) => {
    const list = await listFor(ctx, "read");
    const name = objectName(ctx);
    const found = await current(ctx, list, name);
    if (!found) throw new DavError(404, null, "no such resource");
    const { names, namesOnly } = requested(await readXml(ctx, false));
    await multistatusOut(ctx, [response(objectHref(list.id, found.rendered.name), await propstat(objectProps(found.rendered, true), names, namesOnly, OBJECT_ALLPROP))]);
  })]);

  // MOVE to another of the caller's lists: PATCH listId's use case (move.ts, src/api/tasks/update.ts).
  const move = moveHandler({ lists: deps.lists, store: deps.store, now, updates: taskUpdates({ actors: deps.actors, lists: deps.lists, readModel: deps.readModel, followed: (id, listId) => deps.store.follow(id, listId, now()) }) }, {
    userId, listFor, objectName, current, fail: (status, condition, message) => new DavError(status, condition, message), needPrivileges: D("need-privileges"), noUidConflict: C("no-uid-conflict"),
  });
  router.register(OBJECT, ["MOVE"], [...deps.guard, dav(move)]);

  router.register(OBJECT, ["DELETE"], [...deps.guard, dav(async (ctx) => {
    const list = await listFor(ctx, "editTasks");
    const found = await current(ctx, list, objectName(ctx));
    if (!found) throw new DavError(404, null, "no such resource");
    const ifMatch = ctx.get("if-match").trim();
    if (ifMatch && ifMatch !== "*" && ifMatch !== found.rendered.etag) throw new DavError(412, null, "If-Match does not name the current ETag");
    await write(found.rendered.task.id, { kind: "delete", ownerId: userId(ctx), viaList: list.id });
    if (found.object) await deps.store.deleted(found.object._id, now());
    ctx.status = 204;
  })]);

  router.register(OBJECT, ["PUT"], [...deps.guard, dav(async (ctx) => {
    const list = await listFor(ctx, "editTasks");
    const name = objectName(ctx);
    if (!ctx.is("text/calendar")) throw new DavError(415, C("supported-calendar-data"), "send text/calendar");
    const text = await readBody(ctx, MAX_RESOURCE_BYTES, C("max-resource-size"), "a calendar object");
    const parsed = parseTodo(text, await deps.timeZoneOf(userId(ctx)));
    const validated = validate(parsed);
    // An ATTENDEE naming someone the list does not have changes nothing (as PATCH's assigneeId: docs/lists.md#assignees).
    if (validated.assigneeId !== null && !mayBeAssigned(list, validated.assigneeId)) {
      throw new DavError(403, C("valid-calendar-data"), `the ATTENDEE names ${JSON.stringify(validated.assigneeId.slice(0, 64))}, who is neither this list's owner nor one of its members: a task is assigned to one of them`);
    }
    const existing = await current(ctx, list, name);
    const ifMatch = ctx.get("if-match").trim();
    const ifNoneMatch = ctx.get("if-none-match").trim();
    if (existing && ifNoneMatch === "*") throw new DavError(412, null, "the resource exists (If-None-Match: *)");
    if (!existing && ifMatch) throw new DavError(412, null, "no such resource to match");
    if (existing && ifMatch && ifMatch !== "*" && ifMatch !== existing.rendered.etag) throw new DavError(412, null, "If-Match does not name the current ETag");

    if (!existing) {
      await createObject(ctx, list, name, parsed, validated);
      ctx.status = 201;
      return;
    }
    const task = existing.rendered.task;
    if (parsed.uid !== (existing.object?.echo.uid || task.id)) throw new DavError(403, C("no-uid-conflict"), "a resource's UID cannot change");
    await updateObject(ctx, list, name, task, existing.object, parsed, validated);
    ctx.status = 204;
  })]);

  /** The task fields as Tickler will store them (the REST schema's checks and normalizing), or a valid-calendar-data answer. */
  function validate(parsed: ParsedTodo): TodoFields {
    const rule = parsed.fields.recurrence?.rule;
    if (rule) {
      // The document's bounds: a series of at most 999 counted occurrences, every 1 to 999 periods.
      const count = /(?:^|;)COUNT=(\d+)/.exec(rule)?.[1];
      const interval = /(?:^|;)INTERVAL=(\d+)/.exec(rule)?.[1];
      if ((count && Number(count) > 999) || (interval && Number(interval) > 999)) throw new DavError(403, C("valid-calendar-data"), "RRULE COUNT and INTERVAL are at most 999");
    }
    const { status: _status, ...input } = parsed.fields;
    const result = createTaskSchema.safeParse({ ...input, recurrence: parsed.fields.recurrence ? { rule: parsed.fields.recurrence.rule } : null });
    if (!result.success) {
      const why = result.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "VTODO"}: ${i.message}`).join("; ");
      throw new DavError(403, C("valid-calendar-data"), `the VTODO does not make a valid task: ${why}`);
    }
    const v = result.data;
    return {
      title: v.title, description: v.description ?? "", priority: v.priority ?? "none", tags: v.tags ?? [], dueAt: v.dueAt ?? null,
      timeZone: v.timeZone ?? parsed.fields.timeZone, reminders: v.reminders ?? [], recurrence: v.recurrence ? { rule: v.recurrence.rule } : null,
      status: parsed.fields.status, assigneeId: v.assigneeId ?? null,
    };
  }

  function keptWithin(echo: DavEcho): DavEcho {
    if (Buffer.byteLength(JSON.stringify(echo)) > MAX_KEPT_BYTES) {
      throw new DavError(403, C("valid-calendar-object-resource"), `at most ${MAX_KEPT_BYTES} bytes of properties Tickler does not model are kept per task`);
    }
    return echo;
  }

  /**
   * The task a client's RELATED-TO;RELTYPE=PARENT names, if it can be this task's parent now (in this list, as
   * POST /tasks checks a parentId); else undefined and the task keeps its place (the link is still kept and served
   * back as written). A parent the client has not uploaded yet links on the child's next PUT.
   */
  async function parentNamed(list: List, parsed: ParsedTodo, taskId?: string): Promise<string | undefined> {
    if (parsed.parentUid === null) return undefined;
    const object = await deps.store.byUid(list.id, parsed.parentUid);
    const candidate = object?._id ?? (UUID.test(parsed.parentUid.toLowerCase()) ? parsed.parentUid.toLowerCase() : undefined);
    if (candidate === undefined || candidate === taskId) return undefined;
    const ok = await checkParent(deps.readModel, { ...(taskId === undefined ? {} : { taskId }), listId: list.id, parentId: candidate }).then(() => true, () => false);
    return ok ? candidate : undefined;
  }

  async function createObject(ctx: Context, list: List, name: string, parsed: ParsedTodo, v: TodoFields) {
    // A UID that is already a task (anyone's, in any list) or another resource's in this list is refused: RFC 4791 no-uid-conflict.
    const clash = await deps.store.byUid(list.id, parsed.uid);
    if (clash && clash.name !== name) throw new DavError(403, C("no-uid-conflict"), "another resource of this calendar has this UID");
    if (UUID.test(parsed.uid.toLowerCase()) && (await deps.store.task(parsed.uid.toLowerCase()))) {
      throw new DavError(403, C("no-uid-conflict"), "this UID is a task that exists already");
    }
    const echo = keptWithin(echoOf(parsed, v));
    const reserved = await deps.store.byName(list.id, name);
    // The name is recorded before the task is made, so a retried PUT finds and makes the same task (never two).
    const taskId = reserved && !(await deps.store.task(reserved._id))?.deleted ? reserved._id : randomUUID();
    await deps.store.put(taskId, list.id, name, echo, now());
    const parentId = await parentNamed(list, parsed);
    const input = { title: v.title, description: v.description, priority: v.priority, tags: v.tags, dueAt: v.dueAt, timeZone: v.timeZone, reminders: v.reminders,
      recurrence: v.recurrence ? { rule: v.recurrence.rule, mode: "schedule" as const } : null, listId: list.id,
      ...(parentId ? { parentId } : {}), ...(v.assigneeId !== null ? { assigneeId: v.assigneeId } : {}) };
    await createViaActor(deps.actors, deps.readModel, { kind: "create", ownerId: userId(ctx), taskId, input, requestHash: requestHash({ dav: input }) });
    if (v.status === "completed") await complete(ctx, taskId, list.id, echo);
  }

  async function updateObject(ctx: Context, list: List, name: string, task: Task, object: DavObject | null, parsed: ParsedTodo, v: TodoFields) {
    const rendered = (await renderAll(list, [task], new Map(object ? [[task.id, object]] : [])))[0]!;
    const head = /\r\nRRULE[;:]/.test(rendered.body);
    const seriesStart = task.seriesId === task.id ? task.dueAt ?? undefined : task.seriesId ? (await deps.store.task(task.seriesId))?.dueAt ?? undefined : undefined;
    const served = servedRule(task, head, seriesStart);
    const open = task.status === "open";
    // Completing a recurring task the ways clients do: DUE moved to the next occurrence, COMPLETED on the series, or a completed RECURRENCE-ID instance.
    const recurring = open && task.recurrence !== null && task.dueAt !== null;
    // Schedule mode: DUE moved onto one of the rule's next dates. Completion mode: any later DUE (clients count on from the completion).
    const upcoming = recurring && task.recurrence!.mode === "schedule" ? upcomingByRule(task.recurrence!.rule, task.dueAt!, task.timeZone, 10) : [];
    const advanced = recurring && v.recurrence !== null && v.dueAt !== null && v.dueAt > task.dueAt! && (upcoming.includes(v.dueAt) || task.recurrence!.mode === "completion");
    // An EXDATE on the current occurrence: Tickler has no skipped occurrence, so it is done and the series moves on.
    const instanceDone = recurring && (parsed.completedInstances.includes(task.dueAt!) || parsed.excludedDates.includes(task.dueAt!));
    const completing = open && (v.status === "completed" || advanced || instanceDone);

    const patch: TaskPatch = {};
    if (v.title !== task.title) patch.title = v.title;
    if (v.description !== task.description) patch.description = v.description;
    if (v.priority !== task.priority) patch.priority = v.priority;
    if (derived("categories", v) !== derived("categories", task)) patch.tags = v.tags;
    if (!advanced && derived("due", v) !== derived("due", task)) {
      patch.dueAt = v.dueAt;
      if (v.dueAt) patch.timeZone = v.timeZone;
    }
    if (!advanced && derived("alarms", v) !== derived("alarms", task)) patch.reminders = v.reminders;
    const incomingRule = v.recurrence?.rule ?? null;
    if (open && incomingRule !== (served === null ? null : canonical(served))) {
      // A rule the resource did not carry (an older occurrence) is left alone unless the client set one.
      if (incomingRule !== null || served !== null) patch.recurrence = incomingRule === null ? null : { rule: incomingRule, mode: task.recurrence?.mode ?? "schedule" };
    }
    // A parent link the client sets or changes is applied; one it leaves out changes nothing (not every client keeps RELATED-TO).
    const parentId = await parentNamed(list, parsed, task.id);
    if (parentId !== undefined && parentId !== task.parentId) patch.parentId = parentId;
    // Likewise an ATTENDEE naming a member assigns them, the assignee's declined one unassigns; none leaves the assignee (clients drop ATTENDEEs they do not show).
    const assignee = assigneeChange(parsed.assignee, task.assigneeId);
    if (assignee.kind === "assign") patch.assigneeId = assignee.userId;
    else if (assignee.kind === "unassign") patch.assigneeId = null;
    let latest = task;
    if (Object.keys(patch).length > 0) {
      latest = (await write(task.id, { kind: "update", ownerId: userId(ctx), patch, expectedVersion: task.version, viaList: list.id })).task;
    }
    const echo = keptWithin(echoOf(parsed, { ...v, dueAt: advanced ? v.dueAt : latest.dueAt, timeZone: advanced ? v.timeZone : latest.timeZone, assigneeId: latest.assigneeId }));
    await deps.store.put(task.id, list.id, name, { ...echo, uid: object?.echo.uid ?? "" }, now());
    if (completing) await complete(ctx, task.id, list.id, echo);
    else if (!open && v.status === "open") await write(task.id, { kind: "reopen", ownerId: userId(ctx), viaList: list.id });
  }

  function canonical(rule: string): string | null {
    const r = createTaskSchema.shape.recurrence.safeParse({ rule });
    return r.success && r.data ? r.data.rule : null;
  }

  return router;
}
