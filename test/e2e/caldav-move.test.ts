/**
 * The CalDAV write side across lists, on the real stack with raw CalDAV
 * requests (docs/caldav.md#move-between-lists, #conformance):
 * - MOVE of a task resource to another of the caller's lists: PATCH listId's
 *   use case (audited), the old URL gone, the new one serving the task with
 *   its ETag; every bad Destination or precondition refused with its RFC 4918
 *   status, changing nothing; COPY stays 405;
 * - a task a client made under its own name and moved through the REST API
 *   is reached by that name in the new collection, and reported gone by the
 *   old collection's sync;
 * - sharing, a role change and a removal move the collection's getctag and
 *   sync token; a removed member's sync is refused.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import type { Task } from "../../src/domain/index.js";
import { apiAs, eventually, target } from "../support/stack.js";
import { join } from "../support/sharing.js";

type Api = Awaited<ReturnType<typeof apiAs>>;
interface DavUser { api: Api; auth: string }

async function davUserOf(api: Api): Promise<DavUser> {
  const created = await api.call("POST", "/me/app-passwords", { name: "move test" });
  expect(created.status).to.equal(201);
  return { api, auth: `Basic ${Buffer.from(`${created.body.username}:${created.body.password}`).toString("base64")}` };
}

async function dav(u: DavUser, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${target().apiUrl}${path}`, { method, headers: { authorization: u.auth, ...headers }, ...(body === undefined ? {} : { body }) });
  return { status: res.status, etag: res.headers.get("etag"), allow: res.headers.get("allow"), text: await res.text() };
}

const XML = { "content-type": "application/xml; charset=utf-8" };
const ICS = { "content-type": "text/calendar; charset=utf-8" };
const NSS = 'xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/"';
const vtodo = (uid: string, summary: string) => ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VTODO", `UID:${uid}`, "DTSTAMP:20270101T000000Z", `SUMMARY:${summary}`, "END:VTODO", "END:VCALENDAR", ""].join("\r\n");
const origin = () => new URL(target().apiUrl).origin;

/** The collection's getctag and sync-token (PROPFIND Depth 0). */
async function versionOf(u: DavUser, list: string): Promise<{ status: number; ctag: string; token: string; text: string }> {
  const res = await dav(u, "PROPFIND", `/dav/calendars/${list}/`, `<d:propfind ${NSS}><d:prop><cs:getctag/><d:sync-token/><d:current-user-privilege-set/></d:prop></d:propfind>`, { ...XML, depth: "0" });
  return { status: res.status, ctag: /<cs:getctag>([^<]*)</.exec(res.text)?.[1] ?? "", token: /<d:sync-token>([^<]*)</.exec(res.text)?.[1] ?? "", text: res.text };
}

/** A sync-collection REPORT: the hrefs reported present (with their ETags) and gone (404), and the new token. */
async function sync(u: DavUser, list: string, token: string) {
  const res = await dav(u, "REPORT", `/dav/calendars/${list}/`, `<d:sync-collection ${NSS}><d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`, XML);
  const responses = [...res.text.matchAll(/<d:response>([\s\S]*?)<\/d:response>/g)].map((m) => m[1]!);
  const hrefOf = (r: string) => decodeURIComponent(/<d:href>([^<]*)</.exec(r)![1]!);
  return {
    status: res.status,
    present: new Map(responses.filter((r) => /<d:getetag>/.test(r)).map((r) => [hrefOf(r), /<d:getetag>([^<]*)</.exec(r)![1]!.replace(/&quot;/g, '"')])),
    gone: responses.filter((r) => /<d:status>HTTP\/1\.1 404/.test(r) && !/<d:propstat>/.test(r)).map(hrefOf),
    token: /<d:sync-token>([^<]*)</.exec(res.text)?.[1] ?? "",
  };
}

describe("CalDAV MOVE between lists, a moved resource's name, and sharing in sync (e2e)", function () {
  this.timeout(120_000);
  let ada: DavUser;
  let bob: DavUser;
  let from: string;
  let to: string;

  before(async () => {
    ada = await davUserOf(await apiAs(`dav-move-ada-${randomUUID()}`));
    bob = await davUserOf(await apiAs(`dav-move-bob-${randomUUID()}`));
    from = (await ada.api.call("POST", "/lists", { name: "From" })).body.id as string;
    to = (await ada.api.call("POST", "/lists", { name: "To" })).body.id as string;
  });

  /** A task a client makes in `list` under a name of its own; returns its id. */
  async function clientTask(list: string, name: string, summary: string): Promise<string> {
    expect((await dav(ada, "PUT", `/dav/calendars/${list}/${name}`, vtodo(`${name}-uid`, summary), { ...ICS, "if-none-match": "*" })).status).to.equal(201);
    const items = (await ada.api.call<{ items: Task[] }>("GET", `/tasks?list=${list}`)).body.items;
    return items.find((t) => t.title === summary)!.id;
  }

  it("moves a task to another list: one audited move, the old URL 404, the new one serving it with its ETag, the old collection's sync reporting it gone", async () => {
    const name = `client-${randomUUID()}.ics`;
    const id = await clientTask(from, name, "move me");
    const { token } = await versionOf(ada, from);
    const got = await dav(ada, "GET", `/dav/calendars/${from}/${name}`);
    const before = (await ada.api.call<Task>("GET", `/tasks/${id}`)).body;

    const moved = await dav(ada, "MOVE", `/dav/calendars/${from}/${name}`, undefined, { destination: `${origin()}/dav/calendars/${to}/${name}`, overwrite: "F", "if-match": got.etag! });
    expect(moved.status, moved.text).to.equal(201);

    expect((await dav(ada, "GET", `/dav/calendars/${from}/${name}`)).status).to.equal(404);
    const there = await dav(ada, "GET", `/dav/calendars/${to}/${name}`);
    expect(there.status).to.equal(200);
    expect(there.text).to.include(`UID:${name}-uid`).and.to.include("SUMMARY:move me");
    const listed = await dav(ada, "PROPFIND", `/dav/calendars/${to}/`, `<d:propfind ${NSS}><d:prop><d:getetag/></d:prop></d:propfind>`, { ...XML, depth: "1" });
    expect(listed.text).to.include(`/dav/calendars/${to}/${name}</d:href>`).and.to.include(there.etag!.replace(/"/g, "&quot;"));

    // The same command as PATCH listId: one new version, in the history as a change of listId.
    const after = (await ada.api.call<Task>("GET", `/tasks/${id}`)).body;
    expect(after).to.include({ listId: to, version: before.version + 1 });
    await eventually(() => ada.api.call<{ items: { version: number; changed: string[] }[] }>("GET", `/tasks/${id}/history`),
      (r) => r.body.items.some((e) => e.version === after.version && e.changed.includes("listId")), 15_000, "the move in the history");
    // The list it left reports it gone (the projection records the departure).
    await eventually(() => sync(ada, from, token), (s) => s.gone.includes(`/dav/calendars/${from}/${name}`), 15_000, "the old collection's sync reporting the move");
  });

  it("moves a task made in Tickler under a name the client chooses, and replaces a resource with Overwrite: T", async () => {
    const made = (await ada.api.call<Task>("POST", "/tasks", { title: "made in Tickler", listId: from })).body;
    const name = `chosen-${randomUUID()}.ics`;
    expect((await dav(ada, "MOVE", `/dav/calendars/${from}/${made.id}.ics`, undefined, { destination: `/dav/calendars/${to}/${name}` })).status).to.equal(201);
    expect((await dav(ada, "GET", `/dav/calendars/${to}/${name}`)).text).to.include(`UID:${made.id}`);

    // A client's task moved under a new name: another device syncing the old collection is told the name it knew is gone.
    const oldName = `renamed-${randomUUID()}.ics`;
    await clientTask(from, oldName, "renamed on the way");
    const { token } = await versionOf(ada, from);
    const newName = `arrived-${randomUUID()}.ics`;
    expect((await dav(ada, "MOVE", `/dav/calendars/${from}/${oldName}`, undefined, { destination: `/dav/calendars/${to}/${newName}` })).status).to.equal(201);
    expect((await dav(ada, "GET", `/dav/calendars/${to}/${newName}`)).text).to.include(`UID:${oldName}-uid`);
    await eventually(() => sync(ada, from, token), (s) => s.gone.includes(`/dav/calendars/${from}/${oldName}`), 15_000, "the old name reported gone");

    const victimHref = `victim-${randomUUID()}.ics`;
    const victim = await clientTask(to, victimHref, "replaced");
    const other = (await ada.api.call<Task>("POST", "/tasks", { title: "replacing", listId: from })).body;
    const replaced = await dav(ada, "MOVE", `/dav/calendars/${from}/${other.id}.ics`, undefined, { destination: `/dav/calendars/${to}/${victimHref}`, overwrite: "T" });
    expect(replaced.status).to.equal(204);
    expect((await dav(ada, "GET", `/dav/calendars/${to}/${victimHref}`)).text).to.include("SUMMARY:replacing");
    expect((await ada.api.call("GET", `/tasks/${victim}`)).status, "the replaced task is deleted").to.equal(404);
  });

  it("refuses a bad Destination, a list the caller cannot edit or see, a stale If-Match and an existing target with Overwrite: F, changing nothing; COPY is 405", async () => {
    const name = `stay-${randomUUID()}.ics`;
    const id = await clientTask(from, name, "stays");
    const taken = `taken-${randomUUID()}.ics`;
    await clientTask(to, taken, "occupies the target");
    const bobs = (await bob.api.call("POST", "/lists", { name: "Bob's" })).body.id as string;
    const shared = (await bob.api.call("POST", "/lists", { name: "Bob's, Ada views" })).body.id as string;
    await join(bob.api, shared, ada.api, "viewer");
    const snapshot = async () => JSON.stringify((await ada.api.call<Task>("GET", `/tasks/${id}`)).body);
    const before = await snapshot();
    const etag = (await dav(ada, "GET", `/dav/calendars/${from}/${name}`)).etag!;
    const src = `/dav/calendars/${from}/${name}`;

    const cases: [string, Record<string, string>, number, string?][] = [
      ["no Destination", {}, 400],
      ["another host", { destination: `https://elsewhere.example/dav/calendars/${to}/${name}` }, 502],
      ["outside the calendar home", { destination: `${origin()}/dav/principal/${name}` }, 403],
      ["onto a collection", { destination: `/dav/calendars/${to}/` }, 403],
      ["the same resource", { destination: src }, 403],
      ["a list that does not exist", { destination: `/dav/calendars/${randomUUID()}/${name}` }, 409],
      ["a list the caller cannot see", { destination: `/dav/calendars/${bobs}/${name}` }, 409],
      ["a list the caller only views", { destination: `/dav/calendars/${shared}/${name}` }, 403, "need-privileges"],
      ["a stale If-Match", { destination: `/dav/calendars/${to}/${name}`, "if-match": '"1-stale"' }, 412],
      ["an existing target with Overwrite: F", { destination: `/dav/calendars/${to}/${taken}`, overwrite: "F", "if-match": etag }, 412],
      ["a bad Overwrite", { destination: `/dav/calendars/${to}/${name}`, overwrite: "maybe" }, 400],
    ];
    for (const [what, headers, status, condition] of cases) {
      const res = await dav(ada, "MOVE", src, undefined, headers);
      expect(res.status, `${what}: ${res.text}`).to.equal(status);
      if (condition) expect(res.text, what).to.include(condition);
      expect(await snapshot(), `${what} changed nothing`).to.equal(before);
      expect((await dav(ada, "GET", src)).status, `${what}: still at its URL`).to.equal(200);
    }
    // A viewer cannot move out of a list; a stranger does not see it.
    const bobsTask = (await bob.api.call<Task>("POST", "/tasks", { title: "bob's", listId: shared })).body;
    expect((await dav(ada, "MOVE", `/dav/calendars/${shared}/${bobsTask.id}.ics`, undefined, { destination: `/dav/calendars/${to}/x.ics` })).status).to.equal(403);
    expect((await dav(bob, "MOVE", src, undefined, { destination: `/dav/calendars/${bobs}/x.ics` })).status).to.equal(404);
    expect((await bob.api.call<Task>("GET", `/tasks/${bobsTask.id}`)).body.listId).to.equal(shared);

    const copy = await dav(ada, "COPY", src, undefined, { destination: `/dav/calendars/${to}/copy.ics` });
    expect(copy.status).to.equal(405);
    expect(copy.allow).to.include("MOVE").and.not.to.include("COPY");
  });

  it("refuses a subtask moved alone; moving its parent takes it along, reached by its client name in the new collection", async () => {
    const parent = (await ada.api.call<Task>("POST", "/tasks", { title: "parent", listId: from })).body;
    const subName = `sub-${randomUUID()}.ics`;
    const body = vtodo(`${subName}-uid`, "child").replace("END:VTODO", `RELATED-TO;RELTYPE=PARENT:${parent.id}\r\nEND:VTODO`);
    expect((await dav(ada, "PUT", `/dav/calendars/${from}/${subName}`, body, { ...ICS, "if-none-match": "*" })).status).to.equal(201);
    const sub = (await ada.api.call<{ items: Task[] }>("GET", `/tasks?list=${from}`)).body.items.find((t) => t.title === "child")!;
    expect(sub.parentId).to.equal(parent.id);

    const alone = await dav(ada, "MOVE", `/dav/calendars/${from}/${subName}`, undefined, { destination: `/dav/calendars/${to}/${subName}` });
    expect(alone.status, alone.text).to.equal(403);
    expect((await ada.api.call<Task>("GET", `/tasks/${sub.id}`)).body).to.include({ listId: from, version: sub.version });

    expect((await dav(ada, "MOVE", `/dav/calendars/${from}/${parent.id}.ics`, undefined, { destination: `/dav/calendars/${to}/${parent.id}.ics` })).status).to.equal(201);
    expect((await ada.api.call<Task>("GET", `/tasks/${sub.id}`)).body).to.include({ listId: to, parentId: parent.id });
    const there = await dav(ada, "GET", `/dav/calendars/${to}/${subName}`);
    expect(there.status).to.equal(200);
    expect(there.text).to.include("SUMMARY:child");
    expect((await dav(ada, "GET", `/dav/calendars/${from}/${subName}`)).status).to.equal(404);
  });

  it("reaches a client-named task moved through the REST API by its name in the new collection, and reports it gone from the old", async () => {
    const name = `rest-moved-${randomUUID()}.ics`;
    const id = await clientTask(from, name, "moved by REST");
    const { token } = await versionOf(ada, from);
    const toToken = (await versionOf(ada, to)).token;
    expect((await ada.api.call("PATCH", `/tasks/${id}`, { listId: to })).status).to.equal(200);

    const there = await dav(ada, "GET", `/dav/calendars/${to}/${name}`);
    expect(there.status).to.equal(200);
    expect(there.text).to.include(`UID:${name}-uid`);
    expect((await dav(ada, "GET", `/dav/calendars/${from}/${name}`)).status).to.equal(404);
    expect((await sync(ada, to, toToken)).present.get(`/dav/calendars/${to}/${name}`)).to.equal(there.etag);
    await eventually(() => sync(ada, from, token), (s) => s.gone.includes(`/dav/calendars/${from}/${name}`), 15_000, "the old collection's sync reporting the move");
    // The client edits it there under its name: the same task.
    const put = await dav(ada, "PUT", `/dav/calendars/${to}/${name}`, vtodo(`${name}-uid`, "edited where it went"), { ...ICS, "if-match": there.etag! });
    expect(put.status).to.equal(204);
    expect((await ada.api.call<Task>("GET", `/tasks/${id}`)).body).to.include({ title: "edited where it went", listId: to });
  });

  it("moves getctag and the sync token when the list is shared, a role changes or a member is removed; the next sync reports the tasks; a removed member's sync is refused", async () => {
    const list = (await ada.api.call("POST", "/lists", { name: "Sharing" })).body.id as string;
    const task = (await ada.api.call<Task>("POST", "/tasks", { title: "mine", listId: list, assigneeId: ada.api.user })).body;
    const href = `/dav/calendars/${list}/${task.id}.ics`;
    const first = await versionOf(ada, list);
    const unshared = await dav(ada, "GET", href);
    expect(unshared.text).not.to.include("ATTENDEE");

    // Shared: the task now carries Ada's ATTENDEE, with no new task version.
    await join(ada.api, list, bob.api, "editor");
    const shared = await versionOf(ada, list);
    expect(shared.ctag).not.to.equal(first.ctag);
    expect(shared.token).not.to.equal(first.token);
    const now = await dav(ada, "GET", href);
    expect(now.text).to.include("ATTENDEE");
    const reported = await sync(ada, list, first.token);
    expect(reported.present.get(href)).to.equal(now.etag);
    expect(reported.token).to.equal(shared.token);

    // Bob's view of it moves with his role: read-only privileges and a new ctag.
    const asEditor = await versionOf(bob, list);
    expect(asEditor.text).to.include("<d:write/>");
    expect((await ada.api.call("PATCH", `/lists/${list}/members/${encodeURIComponent(bob.api.user)}`, { role: "viewer" })).status).to.equal(200);
    const asViewer = await versionOf(bob, list);
    expect(asViewer.text).not.to.include("<d:write/>");
    expect(asViewer.ctag).not.to.equal(asEditor.ctag);
    expect(asViewer.token).not.to.equal(asEditor.token);
    expect((await sync(bob, list, asEditor.token)).present.has(href)).to.equal(true);

    // Removed: his collection, and a sync with the token he holds, are refused.
    expect((await ada.api.call("DELETE", `/lists/${list}/members/${encodeURIComponent(bob.api.user)}`)).status).to.equal(204);
    const refused = await sync(bob, list, asViewer.token);
    expect(refused.status).to.equal(404);
    expect(refused.present.size).to.equal(0);
    expect((await versionOf(bob, list)).status).to.equal(404);
    // The last member gone: Ada's collection moves again (the ATTENDEE is no longer served).
    const alone = await versionOf(ada, list);
    expect(alone.ctag).not.to.equal(shared.ctag);
    expect((await dav(ada, "GET", href)).text).not.to.include("ATTENDEE");
  });
});
