/**
 * MCP on the whole stack, with the SDK's own client over both transports:
 * Streamable HTTP at POST /mcp of the api app, and the stdio entry point
 * (`npm run mcp`'s script) talking to the api with a token.
 */
import path from "node:path";
import { expect } from "chai";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { MCP_TOOLS } from "../../src/api/mcp/server.js";
import { eventually, target, tokenFor } from "../support/stack.js";

type ToolAnswer = { isError?: boolean; structuredContent?: any; content: { type: string; text: string }[] };
const ROOT = path.resolve(import.meta.dirname, "../..");

async function httpClient(user: string): Promise<Client> {
  const client = new Client({ name: "e2e-http", version: "1" });
  const headers = { authorization: `Bearer ${await tokenFor(user)}` };
  await client.connect(new StreamableHTTPClientTransport(new URL(`${target().apiUrl}/mcp`), { requestInit: { headers } }));
  return client;
}

async function stdioClient(user: string): Promise<Client> {
  const client = new Client({ name: "e2e-stdio", version: "1" });
  const env = { ...(process.env as Record<string, string>), TICKLER_URL: target().apiUrl, TICKLER_TOKEN: await tokenFor(user) };
  await client.connect(new StdioClientTransport({ command: process.execPath, args: ["--import", "tsx", "src/api/mcp/stdio.ts"], cwd: ROOT, env, stderr: "pipe" }));
  return client;
}

const call = (client: Client, name: string, args: Record<string, unknown> = {}) => client.callTool({ name, arguments: args }) as Promise<ToolAnswer>;

describe("MCP server on the real stack", function () {
  const clients: Client[] = [];
  after(async () => {
    for (const client of clients) await client.close();
  });

  for (const [transport, connect] of [["Streamable HTTP", httpClient], ["stdio", stdioClient]] as const) {
    it(`${transport}: lists the tools and calls every one`, async () => {
      const client = await connect(`mcp-${transport === "stdio" ? "stdio" : "http"}-${Date.now()}`);
      clients.push(client);
      expect((await client.listTools()).tools.map((t) => t.name).sort()).to.deep.equal([...MCP_TOOLS].sort());

      const due = new Date(Date.now() + 3 * 3_600_000).toISOString();
      const added = await call(client, "add-tasks", { tasks: [
        { title: "Pay rent", priority: "high", dueAt: due, reminders: [{ before: "PT1H" }], idempotencyKey: "rent" },
        { title: "Stretch", dueAt: due, recurrence: { rule: "FREQ=DAILY", mode: "completion" }, idempotencyKey: "stretch" },
      ] });
      expect(added.isError, added.content[0]!.text).to.equal(undefined);
      const [rent, stretch] = added.structuredContent.results.map((r: { task: { id: string } }) => r.task);
      const retry = await call(client, "add-tasks", { tasks: [{ title: "Pay rent", priority: "high", dueAt: due, reminders: [{ before: "PT1H" }], idempotencyKey: "rent" }] });
      expect(retry.structuredContent.results[0].task.id).to.equal(rent.id);

      const found = await call(client, "find-tasks", { sort: "-priority" });
      expect(found.structuredContent.items.map((t: { id: string }) => t.id)).to.deep.equal([rent.id, stretch.id]);
      const overview = await call(client, "overview", {});
      const soon = [...overview.structuredContent.dueToday.items, ...overview.structuredContent.next7Days.items].map((t: { id: string }) => t.id);
      expect(soon).to.include.members([rent.id, stretch.id]);

      // Comments: added, edited, listed and deleted through the tools (the REST routes decide who may).
      const said = await call(client, "add-comment", { id: rent.id, text: "Paying by transfer" });
      expect(said.isError, said.content[0]!.text).to.equal(undefined);
      const commentId = said.structuredContent.comment.id as string;
      expect((await call(client, "edit-comment", { id: rent.id, commentId, text: "Paid by card" })).structuredContent.comment.text).to.equal("Paid by card");
      expect((await call(client, "list-comments", { id: rent.id })).structuredContent.items.map((c: { text: string }) => c.text)).to.deep.equal(["Paid by card"]);
      expect((await call(client, "delete-comment", { id: rent.id, commentId })).structuredContent).to.deep.equal({ deleted: true });
      expect((await call(client, "list-comments", { id: rent.id })).structuredContent.items).to.deep.equal([]);
      expect((await call(client, "add-comment", { id: rent.id, text: "" })).isError, "empty text").to.equal(true);

      const updated = await call(client, "update-task", { id: rent.id, version: 1, changes: { title: "Pay rent (December)" } });
      expect(updated.structuredContent.task.version).to.equal(2);
      const lost = await call(client, "update-task", { id: rent.id, version: 1, changes: { title: "stale" } });
      expect(lost.isError).to.equal(true);
      expect(lost.structuredContent.task.title).to.equal("Pay rent (December)");

      expect((await call(client, "snooze-task", { id: rent.id, for: "PT30M" })).structuredContent.task.snoozedUntil).to.be.a("string");
      expect((await call(client, "preview-occurrences", { id: stretch.id, count: 2 })).structuredContent.items).to.have.length(2);
      const completed = await call(client, "complete-tasks", { ids: [stretch.id] });
      expect(completed.structuredContent.results[0].task.status).to.equal("completed");
      expect(completed.structuredContent.results[0].next?.seriesId).to.equal(stretch.id);
      expect((await call(client, "reopen-task", { id: stretch.id })).structuredContent.task.status).to.equal("open");
      expect((await call(client, "notifications", { limit: 10 })).structuredContent.items).to.be.an("array");
      const deleted = await call(client, "delete-tasks", { ids: [rent.id] });
      expect(deleted.isError).to.equal(undefined);
      // The audit trail is fed by events, so it catches up shortly after the deletion.
      const history = await eventually(
        () => call(client, "task-history", { id: rent.id }),
        (answer) => (answer.structuredContent?.items ?? []).some((e: { type: string }) => e.type === "tickler.task.deleted.v1"),
        20_000,
        "the deletion in the task's history",
      );
      expect(history.structuredContent.items.map((e: { version: number }) => e.version)).to.deep.equal([1, 2, 3, 4]);
    });
  }

  it("adds tasks without idempotency keys and retries one with the key it answered", async () => {
    const client = await httpClient(`mcp-keyless-${Date.now()}`);
    clients.push(client);
    const added = await call(client, "add-tasks", { tasks: [{ title: "Buy milk" }, { title: "Call the plumber" }] });
    expect(added.isError, added.content[0]!.text).to.equal(undefined);
    const [milk, plumber] = added.structuredContent.results as { idempotencyKey: string; task: { id: string } }[];
    expect(milk!.idempotencyKey).to.be.a("string").and.not.equal(plumber!.idempotencyKey);
    const retry = await call(client, "add-tasks", { tasks: [{ title: "Buy milk", idempotencyKey: milk!.idempotencyKey }] });
    expect(retry.structuredContent.results[0]).to.deep.include({ ok: true, idempotencyKey: milk!.idempotencyKey });
    expect(retry.structuredContent.results[0].task.id).to.equal(milk!.task.id);
    expect((await call(client, "find-tasks", { status: "all" })).structuredContent.items.map((t: { id: string }) => t.id)).to.have.members([milk!.task.id, plumber!.task.id]);
  });

  it("shares a list through the tools: create, invite, accept, tasks seen, role change, removal, leaving, declining", async () => {
    const stamp = Date.now();
    const [aliceId, bobId, carolId] = [`mcp-owner-${stamp}`, `mcp-member-${stamp}`, `mcp-leaver-${stamp}`];
    const alice = await httpClient(aliceId);
    const bob = await stdioClient(bobId);
    const carol = await httpClient(carolId);
    clients.push(alice, bob, carol);
    const ok = async (client: Client, name: string, args: Record<string, unknown> = {}) => {
      const answer = await call(client, name, args);
      expect(answer.isError, `${name}: ${answer.content[0]?.text}`).to.equal(undefined);
      return answer.structuredContent;
    };

    const { list } = await ok(alice, "create-list", { name: "Household", colour: "#1E90FF" });
    expect(list).to.deep.include({ name: "Household", colour: "#1e90ff", ownerId: aliceId, version: 1 });
    expect((await ok(alice, "update-list", { id: list.id, version: 1, changes: { name: "Home" } })).list).to.deep.include({ name: "Home", version: 2 });
    const stale = await call(alice, "update-list", { id: list.id, version: 1, changes: { name: "stale" } });
    expect(stale.isError).to.equal(true);
    expect(stale.structuredContent.list).to.deep.include({ name: "Home", version: 2 });
    expect((await ok(alice, "find-lists")).items.map((l: { id: string }) => l.id)).to.include(list.id);
    const sink = (await ok(alice, "add-tasks", { tasks: [{ title: "Fix the sink", listId: list.id }] })).results[0].task;

    const invited = (await ok(alice, "invite-to-list", { id: list.id, userId: bobId, role: "editor" })).invitation;
    const waiting = (await ok(bob, "my-invitations")).items;
    expect(waiting).to.have.length(1);
    expect(waiting[0]).to.deep.include({ id: invited.id, listId: list.id, listName: "Home", role: "editor" });
    expect((await ok(bob, "answer-invitation", { id: invited.id, answer: "accept" })).list.id).to.equal(list.id);
    expect((await ok(bob, "my-invitations")).items).to.deep.equal([]);
    expect((await ok(bob, "find-lists")).items.map((l: { id: string }) => l.id)).to.include(list.id);
    expect((await ok(bob, "find-tasks", { list: list.id })).items.map((t: { id: string }) => t.id)).to.deep.equal([sink.id]);

    // Subtasks and assignment go through add-tasks and update-task.
    const washer = (await ok(alice, "add-tasks", { tasks: [{ title: "Buy a washer", listId: list.id, parentId: sink.id, assigneeId: bobId }] })).results[0].task;
    expect(washer).to.deep.include({ parentId: sink.id, assigneeId: bobId });
    expect((await ok(bob, "find-tasks", { assignee: "me" })).items.map((t: { id: string }) => t.id)).to.deep.equal([washer.id]);
    expect((await ok(bob, "update-task", { id: sink.id, version: sink.version, changes: { title: "Fix the kitchen sink" } })).task.title).to.equal("Fix the kitchen sink");
    const done = (await ok(bob, "complete-tasks", { ids: [sink.id], withSubtasks: true })).results[0].task;
    expect(done.status).to.equal("completed");
    expect((await ok(bob, "find-tasks", { list: list.id, status: "completed" })).items.map((t: { id: string }) => t.id)).to.have.members([sink.id, washer.id]);

    expect((await ok(alice, "set-member-role", { id: list.id, userId: bobId, role: "viewer" })).items).to.deep.equal([{ userId: aliceId, role: "owner" }, { userId: bobId, role: "viewer" }]);
    expect((await ok(bob, "list-members", { id: list.id })).items).to.deep.equal([{ userId: aliceId, role: "owner" }, { userId: bobId, role: "viewer" }]);
    const refused = await call(bob, "update-task", { id: sink.id, version: done.version, changes: { title: "a viewer's edit" } });
    expect(refused.isError).to.equal(true);
    expect(refused.content[0]!.text).to.match(/^403/);

    // A member leaves by themselves; an invitation declined is gone.
    const carolsInvitation = (await ok(alice, "invite-to-list", { id: list.id, userId: carolId, role: "viewer" })).invitation;
    await ok(carol, "answer-invitation", { id: carolsInvitation.id, answer: "accept" });
    expect(await ok(carol, "remove-member", { id: list.id })).to.deep.equal({ removed: carolId });
    const again = (await ok(alice, "invite-to-list", { id: list.id, userId: carolId, role: "commenter" })).invitation;
    expect(await ok(carol, "answer-invitation", { id: again.id, answer: "decline" })).to.deep.equal({ answer: "decline" });
    expect((await ok(carol, "my-invitations")).items).to.deep.equal([]);
    expect((await ok(alice, "list-members", { id: list.id })).items.map((m: { userId: string }) => m.userId)).to.deep.equal([aliceId, bobId]);

    expect(await ok(alice, "remove-member", { id: list.id, userId: bobId })).to.deep.equal({ removed: bobId });
    // Revocation is immediate: the first call after the removal is refused as if the list did not exist.
    for (const [name, args] of [["find-tasks", { list: list.id }], ["list-members", { id: list.id }], ["update-task", { id: sink.id, version: done.version, changes: { title: "gone" } }],
      ["update-list", { id: list.id, version: 2, changes: { name: "mine" } }], ["invite-to-list", { id: list.id, userId: carolId }], ["list-comments", { id: sink.id }]] as const) {
      const answer = await call(bob, name, args);
      expect(answer.isError, name).to.equal(true);
      expect(answer.content[0]!.text, name).to.match(/^404/);
    }
    expect((await ok(bob, "find-lists")).items.map((l: { id: string }) => l.id)).to.not.include(list.id);
    expect((await ok(bob, "find-tasks", { status: "all" })).items).to.deep.equal([]);
  });

  it("withdraws an invitation through the tools: the owner lists it waiting, withdraws it, and the invitee can no longer accept it", async () => {
    const stamp = Date.now();
    const [ownerId, inviteeId] = [`mcp-withdrawer-${stamp}`, `mcp-uninvited-${stamp}`];
    const owner = await httpClient(ownerId);
    const invitee = await stdioClient(inviteeId);
    clients.push(owner, invitee);
    const ok = async (client: Client, name: string, args: Record<string, unknown> = {}) => {
      const answer = await call(client, name, args);
      expect(answer.isError, `${name}: ${answer.content[0]?.text}`).to.equal(undefined);
      return answer.structuredContent;
    };

    const { list } = await ok(owner, "create-list", { name: "Book club" });
    expect((await ok(owner, "list-invitations", { id: list.id })).items).to.deep.equal([]);
    const invited = (await ok(owner, "invite-to-list", { id: list.id, userId: inviteeId, role: "commenter" })).invitation;
    const pending = await call(owner, "list-invitations", { id: list.id });
    expect(pending.structuredContent.items).to.deep.equal([invited]);
    expect(pending.content[0]!.text).to.include(inviteeId).and.include(invited.id);
    // Waiting invitations are the owner's to see: the invitee is not a member.
    expect((await call(invitee, "list-invitations", { id: list.id })).content[0]!.text).to.match(/^404/);
    expect((await ok(invitee, "my-invitations")).items.map((i: { id: string }) => i.id)).to.deep.equal([invited.id]);

    expect(await ok(owner, "withdraw-invitation", { id: list.id, invitationId: invited.id })).to.deep.equal({ withdrawn: invited.id });
    expect((await ok(owner, "list-invitations", { id: list.id })).items).to.deep.equal([]);
    expect((await ok(invitee, "my-invitations")).items).to.deep.equal([]);
    const accept = await call(invitee, "answer-invitation", { id: invited.id, answer: "accept" });
    expect(accept.isError).to.equal(true);
    expect(accept.content[0]!.text).to.match(/^404/);
    // A second withdrawal changes nothing and says the invitation is not waiting.
    const again = await call(owner, "withdraw-invitation", { id: list.id, invitationId: invited.id });
    expect(again.isError).to.equal(true);
    expect(again.content[0]!.text).to.match(/^404/);
    expect((await ok(owner, "list-members", { id: list.id })).items).to.deep.equal([{ userId: ownerId, role: "owner" }]);
    expect((await ok(invitee, "find-lists")).items.map((l: { id: string }) => l.id)).to.not.include(list.id);
  });

  it("reports errors as tool errors, and one user's agent never sees another's tasks", async () => {
    const alice = await httpClient(`mcp-alice-${Date.now()}`);
    const mallory = await stdioClient(`mcp-mallory-${Date.now()}`);
    clients.push(alice, mallory);
    const mine = (await call(alice, "add-tasks", { tasks: [{ title: "alice's secret", idempotencyKey: "s" }] })).structuredContent.results[0].task;
    expect((await call(mallory, "find-tasks", { status: "all", q: "secret" })).structuredContent.items).to.deep.equal([]);
    for (const [name, args] of [["reopen-task", { id: mine.id }], ["task-history", { id: mine.id }], ["update-task", { id: mine.id, version: 1, changes: { title: "mine" } }],
      ["list-comments", { id: mine.id }], ["add-comment", { id: mine.id, text: "mine" }]] as const) {
      const answer = await call(mallory, name, args);
      expect(answer.isError, name).to.equal(true);
      expect(answer.content[0]!.text, name).to.match(/^404/);
    }
    const batch = await call(mallory, "complete-tasks", { ids: [mine.id] });
    expect(batch.structuredContent.results[0]).to.deep.include({ ok: false });
    expect((await call(alice, "add-tasks", { tasks: [{ title: "", idempotencyKey: "x" }] })).isError).to.equal(true);
    const unauthenticated = await fetch(`${target().apiUrl}/mcp`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(unauthenticated.status).to.equal(401);
    expect(unauthenticated.headers.get("www-authenticate")).to.match(/^Bearer resource_metadata="http:\/\/.+\/\.well-known\/oauth-protected-resource"$/);
    expect((await fetch(`${target().apiUrl}/mcp`)).status).to.equal(405);
  });
});
