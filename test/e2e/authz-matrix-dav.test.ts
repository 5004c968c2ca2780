/**
 * The authorization matrix of CalDAV, generated from the DAV route table
 * (the routes davRoutes serves, WebDAV methods included): every method and
 * path × {owner, editor, commenter, viewer, non-member, removed member},
 * each with their own app password, is allowed (2xx) or refused (403 for a
 * member without the right, 404 for anyone else), and a refused request
 * changes nothing (the list and the task acted on read the same before and
 * after). A route missing from the table below fails the test. The REST
 * routes' matrix is authz-matrix.test.ts; the decisions are src/domain/access.ts's.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { davRoutes } from "../../src/api/dav/routes.js";
import { routesOf } from "../../src/infra/http/router.js";
import { apiAs, target } from "../support/stack.js";
import { join } from "../support/sharing.js";

type Api = Awaited<ReturnType<typeof apiAs>>;
const ROLES = ["nonMember", "removed", "viewer", "commenter", "editor", "owner"] as const;
type Role = (typeof ROLES)[number];
type Outcome = "allowed" | 403 | 404 | 405;
type Expect = Record<Role, Outcome>;

const READ: Expect = { owner: "allowed", editor: "allowed", commenter: "allowed", viewer: "allowed", nonMember: 404, removed: 404 };
const EDIT_TASKS: Expect = { owner: "allowed", editor: "allowed", commenter: 403, viewer: 403, nonMember: 404, removed: 404 };
/** The list's own properties: PATCH /lists/{id}'s editList, the owner's alone. */
const EDIT_LIST: Expect = { owner: "allowed", editor: 403, commenter: 403, viewer: 403, nonMember: 404, removed: 404 };
/** MKCALENDAR where a list is: 405 to everyone, seen or not (RFC 4791 5.3.1). */
const EXISTS: Expect = { owner: 405, editor: 405, commenter: 405, viewer: 405, nonMember: 405, removed: 405 };

interface DavActor {
  api: Api;
  auth: string;
}
interface World {
  as: Record<Role, DavActor>;
  list: string;
  /** A list each role owns: where their MOVE takes the task (editTasks on both lists, as PATCH listId). */
  own: Record<Role, string>;
}
interface Call {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}
interface ListRow {
  kind: "list";
  expect: Expect;
  /** A fresh task of the owner's in the list for each call, or none. */
  task: boolean;
  call(w: World, taskId: string, role: Role): Call;
}
type Row = ListRow | { kind: "own"; why: string };
const own = (why: string): Row => ({ kind: "own", why });

const NSS = 'xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"';
const PROPFIND = `<d:propfind ${NSS}><d:prop><d:displayname/><d:getetag/></d:prop></d:propfind>`;
const QUERY = `<c:calendar-query ${NSS}><d:prop><d:getetag/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>`;
const PROPPATCH = `<d:propertyupdate ${NSS}><d:set><d:prop><d:displayname>matrix ${randomUUID()}</d:displayname></d:prop></d:set></d:propertyupdate>`;
const MKCALENDAR = `<c:mkcalendar ${NSS}><d:set><d:prop><d:displayname>matrix</d:displayname></d:prop></d:set></c:mkcalendar>`;
const vtodo = (uid: string) => ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//matrix//EN", "BEGIN:VTODO", `UID:${uid}`, "DTSTAMP:20270101T000000Z", "SUMMARY:changed by the matrix", "END:VTODO", "END:VCALENDAR"].join("\r\n");

const collection = (slash: string): Record<string, Row> => ({
  [`PROPFIND /dav/calendars/:list${slash}`]: { kind: "list", expect: READ, task: false, call: (w) => ({ method: "PROPFIND", path: `/dav/calendars/${w.list}${slash}`, body: PROPFIND, headers: { depth: "1" } }) },
  [`REPORT /dav/calendars/:list${slash}`]: { kind: "list", expect: READ, task: false, call: (w) => ({ method: "REPORT", path: `/dav/calendars/${w.list}${slash}`, body: QUERY }) },
  [`PROPPATCH /dav/calendars/:list${slash}`]: { kind: "list", expect: EDIT_LIST, task: false, call: (w) => ({ method: "PROPPATCH", path: `/dav/calendars/${w.list}${slash}`, body: PROPPATCH }) },
  [`MKCALENDAR /dav/calendars/:list${slash}`]: { kind: "list", expect: EXISTS, task: false, call: (w) => ({ method: "MKCALENDAR", path: `/dav/calendars/${w.list}${slash}`, body: MKCALENDAR }) },
  [`OPTIONS /dav/calendars/:list${slash}`]: own("the methods of the URL, the same for every caller; nothing about the list is read"),
});

/** Every route davRoutes serves: how list access decides it. */
const ROUTES: Record<string, Row> = {
  ...Object.fromEntries(["/.well-known/caldav", "/.well-known/caldav/"].flatMap((p) => ["GET", "PROPFIND", "OPTIONS"].map((m) => [`${m} ${p}`, own("discovery: a redirect to /dav/")]))),
  ...Object.fromEntries(["/dav", "/dav/", "/dav/principal", "/dav/principal/"].flatMap((p) => ["PROPFIND", "OPTIONS"].map((m) => [`${m} ${p}`, own("the caller's own principal")]))),
  ...Object.fromEntries(["/dav/calendars", "/dav/calendars/"].flatMap((p) => ["PROPFIND", "OPTIONS"].map((m) => [`${m} ${p}`, own("the caller's calendar home: the lists they may read (caldav.test.ts, revocation by the lists view)")]))),
  ...collection(""),
  ...collection("/"),
  "OPTIONS /dav/calendars/:list/:object": own("the methods of the URL, the same for every caller"),
  "GET /dav/calendars/:list/:object": { kind: "list", expect: READ, task: true, call: (w, t) => ({ method: "GET", path: `/dav/calendars/${w.list}/${t}.ics` }) },
  "PROPFIND /dav/calendars/:list/:object": { kind: "list", expect: READ, task: true, call: (w, t) => ({ method: "PROPFIND", path: `/dav/calendars/${w.list}/${t}.ics`, body: PROPFIND }) },
  "PUT /dav/calendars/:list/:object": { kind: "list", expect: EDIT_TASKS, task: true, call: (w, t) => ({ method: "PUT", path: `/dav/calendars/${w.list}/${t}.ics`, body: vtodo(t), headers: { "content-type": "text/calendar" } }) },
  "MOVE /dav/calendars/:list/:object": { kind: "list", expect: EDIT_TASKS, task: true, call: (w, t, role) => ({ method: "MOVE", path: `/dav/calendars/${w.list}/${t}.ics`, headers: { destination: `/dav/calendars/${w.own[role]}/${t}.ics`, overwrite: "F" } }) },
  "DELETE /dav/calendars/:list/:object": { kind: "list", expect: EDIT_TASKS, task: true, call: (w, t) => ({ method: "DELETE", path: `/dav/calendars/${w.list}/${t}.ics` }) },
};

/** The route table as served: "METHOD path" of each layer (HEAD is GET's). */
function served(): string[] {
  const stub = {} as never;
  const router = davRoutes({ guard: [], actors: stub, lists: stub, listActors: stub, listsView: stub, readModel: stub, store: stub, deadProps: stub, timeZoneOf: async () => "UTC" });
  return [...new Set(routesOf([router]).flatMap((r) => r.methods.filter((m) => m !== "HEAD").map((m) => `${m} ${r.path}`)))];
}

/** Waits out the per-address and per-user budgets (429 answers before any handler: nothing was done). */
async function send(actor: DavActor, call: Call): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${target().apiUrl}${call.path}`, {
      method: call.method,
      headers: { authorization: actor.auth, "content-type": "application/xml; charset=utf-8", ...call.headers },
      ...(call.body === undefined ? {} : { body: call.body }),
    });
    await res.arrayBuffer();
    if (res.status !== 429 || attempt >= 10) return res.status;
    await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? "1") * 1000));
  }
}

async function world(): Promise<World> {
  const make = async (role: string): Promise<DavActor> => {
    const api = await apiAs(`dav-matrix-${role}-${randomUUID()}`);
    const created = await api.call("POST", "/me/app-passwords", { name: "matrix" });
    expect(created.status).to.equal(201);
    return { api, auth: `Basic ${Buffer.from(`${created.body.username}:${created.body.password}`).toString("base64")}` };
  };
  const as = { owner: await make("owner"), editor: await make("editor"), commenter: await make("commenter"), viewer: await make("viewer"), nonMember: await make("non"), removed: await make("removed") };
  const list = (await as.owner.api.call("POST", "/lists", { name: "DAV matrix" })).body.id as string;
  for (const role of ["editor", "commenter", "viewer"] as const) await join(as.owner.api, list, as[role].api, role);
  await join(as.owner.api, list, as.removed.api, "editor");
  expect((await as.owner.api.call("DELETE", `/lists/${list}/members/${encodeURIComponent(as.removed.api.user)}`)).status).to.equal(204);
  const own = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, (await as[role].api.call("POST", "/lists", { name: `${role}'s own` })).body.id as string]))) as Record<Role, string>;
  return { as, list, own };
}

describe("authorization matrix of CalDAV: every DAV route × owner, editor, commenter, viewer, non-member, removed member", function () {
  this.timeout(300_000);

  it("has a row for every route the DAV router serves, and none for a route it does not", () => {
    const routes = served();
    expect(routes.filter((r) => !(r in ROUTES)), "routes missing from the expected table").to.deep.equal([]);
    expect(Object.keys(ROUTES).filter((r) => !routes.includes(r)), "rows of routes that are not served").to.deep.equal([]);
  });

  it("allows or refuses each route as the table says, and a refused request changes nothing", async () => {
    const w = await world();
    const owner = w.as.owner.api;
    const failures: string[] = [];
    for (const [route, row] of Object.entries(ROUTES)) {
      if (row.kind !== "list") continue;
      for (const role of ROLES) {
        const taskId = row.task ? (await owner.call("POST", "/tasks", { title: "matrix", listId: w.list })).body.id as string : "";
        const snapshot = async () => JSON.stringify([(await owner.call("GET", `/lists/${w.list}`)).body, taskId ? (await owner.call("GET", `/tasks/${taskId}`)).body : null]);
        const before = await snapshot();
        const status = await send(w.as[role], row.call(w, taskId, role));
        const want = row.expect[role];
        const ok = want === "allowed" ? status >= 200 && status < 300 : status === want;
        if (!ok) failures.push(`${route} as ${role}: ${status}, expected ${want}`);
        if (want !== "allowed" && (await snapshot()) !== before) failures.push(`${route} as ${role}: refused, yet changed the list or task`);
      }
    }
    expect(failures).to.deep.equal([]);
  });
});
