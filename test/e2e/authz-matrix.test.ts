/**
 * The authorization matrix, generated from the route table (the OpenAPI
 * operations the api app serves) and the MCP server's tool list: every route
 * and tool × {owner, editor, commenter, viewer, non-member, removed member}
 * is allowed (2xx) or refused (403 for a member without the right, 404 for
 * anyone else), and a refused request changes nothing (the list, its members,
 * its tasks, its waiting invitations and the task acted on read the same before and after). A route or
 * tool missing from the expected table below fails the test, so a new one
 * must be placed in it. Routes about the caller's own data (no list access
 * involved) and public routes are named with why; their own tests cover them.
 * CalDAV's routes (WebDAV methods, outside the OpenAPI document) have their
 * own matrix, from the DAV route table: authz-matrix-dav.test.ts.
 */
import { randomUUID } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { expect } from "chai";
import { operations } from "../../src/api/openapi/operations.js";
import type { Task } from "../../src/domain/index.js";
import { apiAs, target, tokenFor } from "../support/stack.js";

type Api = Awaited<ReturnType<typeof apiAs>>;
const ROLES = ["nonMember", "removed", "viewer", "commenter", "editor", "owner"] as const;
type Role = (typeof ROLES)[number];
type Outcome = "allowed" | 403 | 404;
type Expect = Record<Role, Outcome>;

const READ: Expect = { owner: "allowed", editor: "allowed", commenter: "allowed", viewer: "allowed", nonMember: 404, removed: 404 };
const EDIT: Expect = { owner: "allowed", editor: "allowed", commenter: 403, viewer: 403, nonMember: 404, removed: 404 };
/** Comments: every role but a viewer may add one (src/domain/access.ts, `comment`). */
const COMMENT: Expect = { owner: "allowed", editor: "allowed", commenter: "allowed", viewer: 403, nonMember: 404, removed: 404 };
const MANAGE: Expect = { owner: "allowed", editor: 403, commenter: 403, viewer: 403, nonMember: 404, removed: 404 };
/** An invitation is answered by its invitee alone: to everyone else it does not exist. */
const NOBODY: Expect = { owner: 404, editor: 404, commenter: 404, viewer: 404, nonMember: 404, removed: 404 };

interface World {
  as: Record<Role, Api>;
  /** A viewer whom membership rows act on (never an actor). */
  target: Api;
  /** A user who is invited in invitation rows. */
  invitee: Api;
  list: string;
}

/**
 * A client that waits out the per-user rate limit (429, Retry-After) and sends
 * again, as a well-behaved client does: the matrix's owner sets up many
 * subjects in a row, and what it checks is access, not that limit (tested in
 * the hardening suite). The limit answers before any handler, so nothing was done.
 */
function patient(api: Api): Api {
  const call: Api["call"] = async (...args) => {
    for (let attempt = 1; ; attempt++) {
      const res = await api.call(...args);
      if (res.status !== 429 || attempt >= 10) return res;
      await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? "1") * 1000));
    }
  };
  return { ...api, call };
}

/** The same patience for the MCP clients' HTTP requests: a 429 is answered before the MCP server sees the call. */
const patientFetch: typeof fetch = async (input, init) => {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(input, init);
    if (res.status !== 429 || attempt >= 10) return res;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? "1") * 1000));
  }
};

async function world(name: string): Promise<World> {
  const make = async (role: string) => patient(await apiAs(`matrix-${role}-${randomUUID()}`));
  const as = { owner: await make("owner"), editor: await make("editor"), commenter: await make("commenter"), viewer: await make("viewer"), nonMember: await make("non"), removed: await make("removed") };
  const targetUser = await make("target");
  const list = (await as.owner.call("POST", "/lists", { name })).body.id as string;
  const join = async (member: Api, role: string) => {
    const invited = await as.owner.call("POST", `/lists/${list}/invitations`, { userId: member.user, role });
    expect(invited.status, JSON.stringify(invited.body)).to.equal(201);
    expect((await member.call("POST", `/me/invitations/${invited.body.id}/accept`)).status).to.equal(200);
  };
  await join(as.editor, "editor");
  await join(as.commenter, "commenter");
  await join(as.viewer, "viewer");
  await join(as.removed, "editor");
  await join(targetUser, "viewer");
  expect((await as.owner.call("DELETE", `/lists/${list}/members/${encodeURIComponent(as.removed.user)}`)).status).to.equal(204);
  return { as, target: targetUser, invitee: await make("invitee"), list };
}

/** A request of one route by one role, made after `prepare` set up what it acts on. */
interface Call {
  method: string;
  path: string;
  body?: unknown;
}
interface ListRow {
  kind: "list";
  expect: Expect;
  /** A fresh world per row (the row changes the list or its membership when allowed). */
  ownWorld?: boolean;
  /** What the row acts on, made by the owner: a fresh task, or none. */
  call(w: World, task: Task | null): Call;
  task?: "open" | "completed" | "edited" | "trashed" | "none";
}
type Row = ListRow | { kind: "own" | "public"; why: string };

const taskRow = (expect: Expect, call: (w: World, t: Task) => Call, task: ListRow["task"] = "open"): ListRow => ({ kind: "list", expect, task, call: (w, t) => call(w, t!) });
const own = (why: string): Row => ({ kind: "own", why });
const pub = (why: string): Row => ({ kind: "public", why });

/** Every route the api app serves: how list access decides it. */
const ROUTES: Record<string, Row> = {
  "POST /api/v1/tasks": { kind: "list", expect: EDIT, task: "none", call: (w) => ({ method: "POST", path: "/tasks", body: { title: "matrix", listId: w.list } }) },
  "GET /api/v1/tasks": { kind: "list", expect: READ, task: "none", call: (w) => ({ method: "GET", path: `/tasks?list=${w.list}` }) },
  "POST /api/v1/tasks/quick": own("quick add puts a task in the caller's Inbox"),
  "GET /api/v1/tasks/{id}": taskRow(READ, (_w, t) => ({ method: "GET", path: `/tasks/${t.id}` })),
  "PATCH /api/v1/tasks/{id}": taskRow(EDIT, (_w, t) => ({ method: "PATCH", path: `/tasks/${t.id}`, body: { title: "changed" } })),
  "DELETE /api/v1/tasks/{id}": taskRow(EDIT, (_w, t) => ({ method: "DELETE", path: `/tasks/${t.id}` })),
  "GET /api/v1/trash": own("the caller's own trash, kept to the lists they are a member of"),
  "POST /api/v1/tasks/{id}/restore": taskRow(EDIT, (_w, t) => ({ method: "POST", path: `/tasks/${t.id}/restore` }), "trashed"),
  "POST /api/v1/tasks/{id}/revert": taskRow(EDIT, (_w, t) => ({ method: "POST", path: `/tasks/${t.id}/revert`, body: { version: 1 } }), "edited"),
  "POST /api/v1/tasks/{id}/complete": taskRow(EDIT, (_w, t) => ({ method: "POST", path: `/tasks/${t.id}/complete` })),
  "POST /api/v1/tasks/{id}/reopen": taskRow(EDIT, (_w, t) => ({ method: "POST", path: `/tasks/${t.id}/reopen` }), "completed"),
  "POST /api/v1/tasks/{id}/snooze": taskRow(EDIT, (_w, t) => ({ method: "POST", path: `/tasks/${t.id}/snooze`, body: { for: "PT1H" } })),
  "GET /api/v1/tasks/{id}/occurrences": taskRow(READ, (_w, t) => ({ method: "GET", path: `/tasks/${t.id}/occurrences` })),
  "GET /api/v1/tasks/{id}/comments": taskRow(READ, (_w, t) => ({ method: "GET", path: `/tasks/${t.id}/comments` })),
  "POST /api/v1/tasks/{id}/comments": taskRow(COMMENT, (_w, t) => ({ method: "POST", path: `/tasks/${t.id}/comments`, body: { text: "matrix" } })),
  "PATCH /api/v1/tasks/{id}/comments/{commentId}": own("a comment's author edits it, nobody else; by role and author: test/e2e/comments.test.ts"),
  "DELETE /api/v1/tasks/{id}/comments/{commentId}": own("a comment's author or the list's owner deletes it; by role and author: test/e2e/comments.test.ts"),
  "GET /api/v1/tasks/{id}/history": taskRow(READ, (_w, t) => ({ method: "GET", path: `/tasks/${t.id}/history` })),
  "GET /api/v1/lists": own("the caller's own lists"),
  "POST /api/v1/lists": own("makes a list the caller owns"),
  "GET /api/v1/lists/{id}": { kind: "list", expect: READ, task: "none", call: (w) => ({ method: "GET", path: `/lists/${w.list}` }) },
  "PATCH /api/v1/lists/{id}": { kind: "list", expect: MANAGE, ownWorld: true, task: "none", call: (w) => ({ method: "PATCH", path: `/lists/${w.list}`, body: { name: "renamed" } }) },
  "DELETE /api/v1/lists/{id}": { kind: "list", expect: MANAGE, ownWorld: true, task: "none", call: (w) => ({ method: "DELETE", path: `/lists/${w.list}` }) },
  "POST /api/v1/lists/{id}/invitations": {
    kind: "list", expect: MANAGE, ownWorld: true, task: "none",
    call: (w) => ({ method: "POST", path: `/lists/${w.list}/invitations`, body: { userId: w.invitee.user, role: "viewer" } }),
  },
  "GET /api/v1/lists/{id}/invitations": { kind: "list", expect: MANAGE, task: "none", call: (w) => ({ method: "GET", path: `/lists/${w.list}/invitations` }) },
  "DELETE /api/v1/lists/{id}/invitations/{invitationId}": {
    kind: "list", expect: MANAGE, ownWorld: true, task: "none",
    call: (w) => ({ method: "DELETE", path: `/lists/${w.list}/invitations/${invitationOf.get(w.list)}` }),
  },
  "GET /api/v1/me/invitations": own("the invitations waiting for the caller"),
  "POST /api/v1/me/invitations/{id}/accept": { kind: "list", expect: NOBODY, ownWorld: true, task: "none", call: (w) => ({ method: "POST", path: `/me/invitations/${invitationOf.get(w.list)}/accept` }) },
  "POST /api/v1/me/invitations/{id}/decline": { kind: "list", expect: NOBODY, ownWorld: true, task: "none", call: (w) => ({ method: "POST", path: `/me/invitations/${invitationOf.get(w.list)}/decline` }) },
  "GET /api/v1/lists/{id}/members": { kind: "list", expect: READ, task: "none", call: (w) => ({ method: "GET", path: `/lists/${w.list}/members` }) },
  "PATCH /api/v1/lists/{id}/members/{userId}": {
    kind: "list", expect: MANAGE, ownWorld: true, task: "none",
    call: (w) => ({ method: "PATCH", path: `/lists/${w.list}/members/${encodeURIComponent(w.target.user)}`, body: { role: "commenter" } }),
  },
  "DELETE /api/v1/lists/{id}/members/{userId}": {
    kind: "list", expect: MANAGE, ownWorld: true, task: "none",
    call: (w) => ({ method: "DELETE", path: `/lists/${w.list}/members/${encodeURIComponent(w.target.user)}` }),
  },
  "GET /api/v1/lists/{id}/activity": { kind: "list", expect: READ, task: "none", call: (w) => ({ method: "GET", path: `/lists/${w.list}/activity` }) },
  "GET /api/v1/history": own("the caller's own history"),
  "GET /api/v1/tags": own("the caller's own tags"),
  "PATCH /api/v1/tags/{tag}": own("renames a tag on the caller's own tasks"),
  "DELETE /api/v1/tags/{tag}": own("removes a tag from the caller's own tasks"),
  "POST /api/v1/webhooks": own("the caller's webhooks"),
  "GET /api/v1/webhooks": own("the caller's webhooks"),
  "DELETE /api/v1/webhooks/{id}": own("the caller's webhooks"),
  "GET /api/v1/notifications": own("the caller's inbox (reminders of a list they left are not recorded: revocation.test.ts)"),
  "GET /api/v1/me/preferences": own("the caller's preferences"),
  "PUT /api/v1/me/preferences": own("the caller's preferences"),
  "POST /api/v1/me/preferences/email-confirmation": own("the caller's address"),
  "POST /api/v1/me/calendar-feed": own("the caller's feed (its content: revocation.test.ts)"),
  "DELETE /api/v1/me/calendar-feed": own("the caller's feed"),
  "POST /api/v1/me/app-passwords": own("the caller's app passwords"),
  "GET /api/v1/me/app-passwords": own("the caller's app passwords"),
  "DELETE /api/v1/me/app-passwords/{id}": own("the caller's app passwords"),
  "GET /api/v1/actions/{link}": pub("the signed link is the credential; a removed member's is refused (revocation.test.ts)"),
  "POST /api/v1/actions/{link}": pub("the signed link is the credential; a removed member's is refused (revocation.test.ts)"),
  "GET /api/v1/calendar/{feed}": pub("the feed token is the credential; its content follows the lists (revocation.test.ts)"),
  "GET /api/v1/export": own("the lists the caller may read (revocation.test.ts)"),
  "POST /api/v1/import": own("imports into the caller's Inbox"),
  "GET /api/v1/stream": own("the frames of the lists the caller may read (revocation.test.ts)"),
  "GET /api/v1/session/config": pub("sign-in settings"),
  "POST /api/v1/session/dev": pub("the development sign-in"),
  "GET /": pub("the web app"),
  "GET /assets/{file}": pub("the web app"),
  "GET /api/v1/openapi.json": pub("the API document"),
  "GET /docs": pub("the API reference"),
  "GET /docs/docs.js": pub("the API reference"),
  "POST /mcp": own("each tool below, as the caller"),
  "GET /.well-known/oauth-protected-resource": pub("OAuth metadata"),
  "GET /healthz": pub("health"),
  "GET /readyz": pub("health"),
  "GET /metrics": pub("metrics"),
};

/** The invitation each accept/decline/withdraw row's world waits on (made by its owner for the invitee). */
const invitationOf = new Map<string, string>();

interface ToolRow {
  expect: Expect;
  task: NonNullable<ListRow["task"]>;
  /** A fresh world (and clients) for the row: it changes the membership when allowed. */
  ownWorld?: boolean;
  /** Made before the snapshot, so what it sets up (an invitation) is not taken for a change. */
  args(t: Task, w: World): Record<string, unknown> | Promise<Record<string, unknown>>;
}
/** Every MCP tool: how list access decides it (each calls the REST API as the caller). */
const TOOLS: Record<string, ToolRow | { own: string }> = {
  "find-tasks": { own: "the caller's tasks (GET /tasks)" },
  overview: { own: "the caller's tasks" },
  notifications: { own: "the caller's inbox" },
  "add-tasks": { own: "into the caller's Inbox, or a listId as POST /tasks decides (its row above)" },
  "preview-occurrences": { expect: READ, task: "open", args: (t) => ({ id: t.id }) },
  "task-history": { expect: READ, task: "open", args: (t) => ({ id: t.id }) },
  "update-task": { expect: EDIT, task: "open", args: (t) => ({ id: t.id, version: t.version, changes: { title: "changed" } }) },
  "complete-tasks": { expect: EDIT, task: "open", args: (t) => ({ ids: [t.id] }) },
  "reopen-task": { expect: EDIT, task: "completed", args: (t) => ({ id: t.id }) },
  "snooze-task": { expect: EDIT, task: "open", args: (t) => ({ id: t.id, for: "PT1H" }) },
  "delete-tasks": { expect: EDIT, task: "open", args: (t) => ({ ids: [t.id] }) },
  "restore-task": { expect: EDIT, task: "trashed", args: (t) => ({ id: t.id }) },
  "revert-task": { expect: EDIT, task: "edited", args: (t) => ({ id: t.id, version: 1 }) },
  "list-comments": { expect: READ, task: "open", args: (t) => ({ id: t.id }) },
  "add-comment": { expect: COMMENT, task: "open", args: (t) => ({ id: t.id, text: "matrix" }) },
  "edit-comment": { own: "a comment's author edits it (PATCH .../comments/{commentId}); by role and author: test/e2e/comments.test.ts" },
  "delete-comment": { own: "a comment's author or the list's owner deletes it (DELETE .../comments/{commentId}); by role and author: test/e2e/comments.test.ts" },
  // Lists and sharing: each tool is the route of the same name above.
  "find-lists": { own: "the caller's own lists (GET /lists)" },
  "create-list": { own: "makes a list the caller owns (POST /lists)" },
  "my-invitations": { own: "the invitations waiting for the caller (GET /me/invitations)" },
  "list-members": { expect: READ, task: "none", args: (_t, w) => ({ id: w.list }) },
  "update-list": { expect: MANAGE, task: "none", args: async (_t, w) => ({ id: w.list, version: (await w.as.owner.call("GET", `/lists/${w.list}`)).body.version, changes: { name: "renamed" } }) },
  "invite-to-list": { expect: MANAGE, task: "none", args: (_t, w) => ({ id: w.list, userId: w.invitee.user, role: "viewer" }) },
  "set-member-role": { expect: MANAGE, task: "none", args: (_t, w) => ({ id: w.list, userId: w.target.user, role: "commenter" }) },
  "remove-member": { expect: MANAGE, ownWorld: true, task: "none", args: (_t, w) => ({ id: w.list, userId: w.target.user }) },
  "list-invitations": { expect: MANAGE, task: "none", args: (_t, w) => ({ id: w.list }) },
  "withdraw-invitation": {
    expect: MANAGE, task: "none",
    // The invitee's waiting invitation (inviting again answers it, or a new one after the owner withdrew it), made before the snapshot.
    args: async (_t, w) => ({ id: w.list, invitationId: (await w.as.owner.call("POST", `/lists/${w.list}/invitations`, { userId: w.invitee.user, role: "viewer" })).body.id }),
  },
  "answer-invitation": {
    expect: NOBODY, task: "none",
    // The invitee's invitation (inviting again answers the one waiting), answered by each role in turn.
    args: async (_t, w) => ({ id: (await w.as.owner.call("POST", `/lists/${w.list}/invitations`, { userId: w.invitee.user, role: "viewer" })).body.id, answer: "accept" }),
  },
};

/** A task in the list, made by the owner, in the state a row acts on. */
async function subject(w: World, state: ListRow["task"]): Promise<Task | null> {
  if (state === "none" || state === undefined) return null;
  const task = (await w.as.owner.call("POST", "/tasks", { title: "subject", listId: w.list, dueAt: "2027-11-02T10:00:00Z", recurrence: { rule: "FREQ=WEEKLY;COUNT=3" } })).body as Task;
  expect(task.id, JSON.stringify(task)).to.be.a("string");
  if (state === "completed") expect((await w.as.owner.call("POST", `/tasks/${task.id}/complete`)).status).to.equal(200);
  if (state === "edited") expect((await w.as.owner.call("PATCH", `/tasks/${task.id}`, { title: "subject, edited" })).status).to.equal(200);
  const current = (await w.as.owner.call("GET", `/tasks/${task.id}`)).body as Task;
  // In the trash it is read by nobody (GET answers 404): the rows need only its id.
  if (state === "trashed") expect((await w.as.owner.call("DELETE", `/tasks/${task.id}`)).status).to.equal(204);
  return current;
}

/** Everything a refused request must leave as it was, as the owner (and the invitee) read it. */
async function snapshot(w: World, task: Task | null) {
  const read = async (api: Api, path: string) => {
    const r = await api.call("GET", path);
    return { status: r.status, body: r.body };
  };
  return {
    list: await read(w.as.owner, `/lists/${w.list}`),
    members: await read(w.as.owner, `/lists/${w.list}/members`),
    pending: await read(w.as.owner, `/lists/${w.list}/invitations`),
    tasks: await read(w.as.owner, `/tasks?list=${w.list}&status=all&sort=position`),
    task: task ? await read(w.as.owner, `/tasks/${task.id}`) : null,
    trash: await read(w.as.owner, "/trash"),
    invitations: await read(w.invitee, "/me/invitations"),
  };
}

const statusOf = (outcome: Outcome) => (outcome === "allowed" ? "2xx" : outcome);
const classify = (status: number): Outcome | number => (status >= 200 && status < 300 ? "allowed" : status);

describe("authorization matrix: every route and MCP tool × owner, editor, commenter, viewer, non-member, removed member", function () {
  this.timeout(600_000);
  const served = operations.map((o) => `${o.method.toUpperCase()} ${o.path}`);

  it("places every route of the route table in the expected table (and nothing else)", () => {
    expect(served.filter((r) => !(r in ROUTES)), "routes missing from the expected table").to.deep.equal([]);
    expect(Object.keys(ROUTES).filter((r) => !served.includes(r)), "rows of routes that are not served").to.deep.equal([]);
  });

  it("allows or refuses each list route as the table says, and a refused request changes nothing", async () => {
    const shared = await world("Matrix");
    const failures: string[] = [];
    for (const [route, row] of Object.entries(ROUTES)) {
      if (row.kind !== "list") continue;
      const w = row.ownWorld ? await world(route) : shared;
      if (route.includes("/me/invitations/{id}/") || route.includes("/invitations/{invitationId}")) {
        const invited = await w.as.owner.call("POST", `/lists/${w.list}/invitations`, { userId: w.invitee.user, role: "viewer" });
        invitationOf.set(w.list, invited.body.id);
      }
      // Least able first: in a row's own world, only the last (the owner) may change it.
      for (const role of ROLES) {
        const task = await subject(w, row.task);
        const call = row.call(w, task);
        const before = await snapshot(w, task);
        const res = await w.as[role].call(call.method, call.path, call.body);
        const wanted = row.expect[role];
        if (classify(res.status) !== wanted) failures.push(`${route} as ${role}: ${res.status}, expected ${statusOf(wanted)} (${JSON.stringify(res.body).slice(0, 160)})`);
        if (wanted !== "allowed") {
          const after = await snapshot(w, task);
          if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${route} as ${role}: refused, yet something changed`);
        }
      }
    }
    expect(failures).to.deep.equal([]);
  });

  it("allows or refuses each MCP tool as the table says, every tool listed, and a refused call changes nothing", async () => {
    const opened: Client[] = [];
    const connect = async (w: World) => {
      const clients = {} as Record<Role, Client>;
      for (const role of ROLES) {
        const client = new Client({ name: `matrix-${role}`, version: "1" });
        await client.connect(new StreamableHTTPClientTransport(new URL(`${target().apiUrl}/mcp`), { fetch: patientFetch, requestInit: { headers: { authorization: `Bearer ${await tokenFor(w.as[role].user)}` } } }));
        opened.push(client);
        clients[role] = client;
      }
      return clients;
    };
    try {
      const shared = await world("Matrix MCP");
      const sharedClients = await connect(shared);
      const tools = (await sharedClients.owner.listTools()).tools.map((t) => t.name);
      expect(tools.filter((t) => !(t in TOOLS)), "tools missing from the expected table").to.deep.equal([]);
      expect(Object.keys(TOOLS).filter((t) => !tools.includes(t)), "rows of tools that are not served").to.deep.equal([]);
      const failures: string[] = [];
      for (const [tool, row] of Object.entries(TOOLS)) {
        if ("own" in row) continue;
        const w = row.ownWorld ? await world(tool) : shared;
        const clients = row.ownWorld ? await connect(w) : sharedClients;
        for (const role of ROLES) {
          const task = await subject(w, row.task);
          const args = await row.args(task!, w);
          const before = await snapshot(w, task);
          const answer = (await clients[role].callTool({ name: tool, arguments: args })) as { isError?: boolean; content: { text: string }[] };
          const allowed = answer.isError !== true;
          const wanted = row.expect[role];
          if (allowed !== (wanted === "allowed")) failures.push(`${tool} as ${role}: ${allowed ? "allowed" : "refused"}, expected ${statusOf(wanted)} (${JSON.stringify(answer.content).slice(0, 160)})`);
          if (wanted !== "allowed") {
            // Refused as REST refuses it: not found to a stranger, forbidden to a member without the right.
            const text = JSON.stringify(answer.content);
            if (!text.includes(String(wanted)) && !text.toLowerCase().includes(wanted === 404 ? "not found" : "forbidden")) failures.push(`${tool} as ${role}: refused without saying ${wanted} (${text.slice(0, 160)})`);
            const after = await snapshot(w, task);
            if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${tool} as ${role}: refused, yet something changed`);
          }
        }
      }
      expect(failures).to.deep.equal([]);
    } finally {
      for (const client of opened) await client.close();
    }
  });
});
