/**
 * The MCP tools with the SDK's own client, against the in-memory REST app:
 * in process (InMemoryTransport) and over Streamable HTTP at POST /mcp on a
 * loopback port, with the v1 client (2025-era revisions) and the v2 client
 * (2026-07-28). test/e2e/mcp.test.ts and test/e2e/mcp-revisions.test.ts do
 * the same on the real stack, with the stdio entry point too.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { expect } from "chai";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { Client as ModernClient, StreamableHTTPClientTransport as ModernHttp } from "@modelcontextprotocol/client";
import { notificationApiRoutes } from "../../src/api/notifications/routes.js";
import { notificationsClient } from "../../src/infra/clients/notifications.js";
import { mcpRoutes, selfUrl } from "../../src/api/mcp/http.js";
import { restOverFetch } from "../../src/api/mcp/rest.js";
import { createMcpServer, MCP_TOOLS } from "../../src/api/mcp/server.js";
import { memoryApi, memoryToken } from "../support/memoryApi.js";

type ToolAnswer = { isError?: boolean; structuredContent?: any; content: { type: string; text: string }[] };

describe("MCP tools", function () {
  let server: Server;
  let base: string;
  before(async () => {
    const sidecar = { invokeApp: async () => ({ items: [] }) } as never;
    const { app } = memoryApi((guard) => [
      notificationApiRoutes({ guard, notifications: notificationsClient(sidecar, "notifications"), allowPrivateWebhooks: false }),
      mcpRoutes({ guard, restFor: (token) => restOverFetch(base, token), issuer: "https://id.example.test" }),
    ]);
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  async function inProcessClient(user: string) {
    const mcp = createMcpServer(restOverFetch(base, await memoryToken(user)));
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await mcp.connect(serverSide);
    const client = new Client({ name: "unit", version: "1" });
    await client.connect(clientSide);
    return { client, call: (name: string, args: Record<string, unknown> = {}) => client.callTool({ name, arguments: args }) as Promise<ToolAnswer> };
  }

  it("calls its own app on loopback when it listens on every interface", () => {
    expect(selfUrl("0.0.0.0", 8080)).to.equal("http://127.0.0.1:8080");
    expect(selfUrl("::", 8080)).to.equal("http://127.0.0.1:8080");
    expect(selfUrl("10.1.2.3", 80)).to.equal("http://10.1.2.3:80");
    expect(selfUrl("::1", 80)).to.equal("http://[::1]:80");
  });

  it("lists every workflow tool with hints and an output schema", async () => {
    const { client } = await inProcessClient("alice-list");
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).to.deep.equal([...MCP_TOOLS].sort());
    for (const tool of tools) {
      expect(tool.annotations, tool.name).to.include.keys("readOnlyHint", "destructiveHint", "idempotentHint");
      expect(tool.outputSchema?.type, tool.name).to.equal("object");
    }
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    expect(byName["delete-tasks"]!.annotations).to.include({ destructiveHint: true, readOnlyHint: false });
    expect(byName["find-tasks"]!.annotations).to.include({ readOnlyHint: true });
    expect(Object.keys(byName["find-tasks"]!.inputSchema.properties ?? {})).to.include.members(["q", "status", "priority", "tag", "dueBefore", "dueAfter", "overdue", "sort", "limit", "cursor"]);
    await client.close();
  });

  it("calls every tool, with structured results and a short text", async () => {
    const { client, call } = await inProcessClient("alice-tools");
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const added = await call("add-tasks", { tasks: [
      { title: "Pay rent", priority: "high", dueAt: tomorrow, idempotencyKey: "rent-1" },
      { title: "Standup", dueAt: tomorrow, recurrence: { rule: "FREQ=DAILY" }, idempotencyKey: "standup-1" },
    ] });
    expect(added.isError, added.content[0]!.text).to.equal(undefined);
    const [rent, standup] = added.structuredContent.results.map((r: { task: { id: string } }) => r.task);
    expect(added.content[0]!.text).to.match(/^Added 2 of 2/);
    // A retry with the same keys is the same tasks, not duplicates.
    const retried = await call("add-tasks", { tasks: [{ title: "Pay rent", priority: "high", dueAt: tomorrow, idempotencyKey: "rent-1" }] });
    expect(retried.structuredContent.results[0].task.id).to.equal(rent.id);

    const found = await call("find-tasks", { sort: "-priority", status: "open" });
    expect(found.structuredContent.items.map((t: { id: string }) => t.id)).to.have.members([rent.id, standup.id]);
    const overview = await call("overview", { timeZone: "Europe/Berlin" });
    expect(overview.structuredContent).to.have.keys("overdue", "dueToday", "next7Days");

    const updated = await call("update-task", { id: rent.id, version: 1, changes: { title: "Pay rent (Dec)" } });
    expect(updated.structuredContent.task).to.include({ title: "Pay rent (Dec)", version: 2 });
    const lost = await call("update-task", { id: rent.id, version: 1, changes: { title: "stale write" } });
    expect(lost.isError).to.equal(true);
    expect(lost.content[0]!.text).to.match(/changed since version 1 \(now version 2\)/);
    expect(lost.structuredContent.task.title).to.equal("Pay rent (Dec)");

    const snoozed = await call("snooze-task", { id: rent.id, for: "PT10M" });
    expect(snoozed.structuredContent.task.snoozedUntil).to.be.a("string");
    const completed = await call("complete-tasks", { ids: [rent.id] });
    expect(completed.structuredContent.results[0].task.status).to.equal("completed");
    expect((await call("reopen-task", { id: rent.id })).structuredContent.task.status).to.equal("open");
    expect((await call("preview-occurrences", { id: standup.id, count: 3 })).structuredContent.items).to.have.length(3);
    expect((await call("task-history", { id: rent.id })).structuredContent).to.deep.equal({ items: [] });
    expect((await call("notifications")).structuredContent).to.deep.equal({ items: [] });
    const deleted = await call("delete-tasks", { ids: [rent.id, standup.id] });
    expect(deleted.isError).to.equal(undefined);
    expect((await call("find-tasks", { status: "all" })).structuredContent.items).to.deep.equal([]);
    await client.close();
  });

  it("adds tasks without idempotency keys, answering the key each was made under, so one can be retried", async () => {
    const { client, call } = await inProcessClient("alice-keyless");
    const added = await call("add-tasks", { tasks: [{ title: "Buy milk" }, { title: "Call Bob" }] });
    expect(added.isError, added.content[0]!.text).to.equal(undefined);
    const [milk, bob] = added.structuredContent.results as { idempotencyKey: string; task: { id: string } }[];
    expect(milk!.idempotencyKey).to.be.a("string").and.not.equal(bob!.idempotencyKey);
    const retried = await call("add-tasks", { tasks: [{ title: "Buy milk", idempotencyKey: milk!.idempotencyKey }] });
    expect(retried.structuredContent.results[0]).to.deep.include({ ok: true, idempotencyKey: milk!.idempotencyKey });
    expect(retried.structuredContent.results[0].task.id).to.equal(milk!.task.id);
    expect((await call("find-tasks", { status: "all" })).structuredContent.items).to.have.length(2);
    await client.close();
  });

  it("declares the list and sharing tools with the REST routes' fields and honest hints", async () => {
    const { client } = await inProcessClient("alice-list-tools");
    const byName = Object.fromEntries((await client.listTools()).tools.map((t) => [t.name, t]));
    const fields = (name: string) => Object.keys(byName[name]!.inputSchema.properties ?? {});
    expect(fields("create-list")).to.have.members(["name", "colour", "archived", "position"]);
    expect(fields("update-list")).to.have.members(["id", "version", "changes"]);
    expect(fields("invite-to-list")).to.have.members(["id", "userId", "email", "role"]);
    const taskItem = (byName["add-tasks"]!.inputSchema.properties as { tasks: { items: { required: string[]; properties: object } } }).tasks.items;
    expect(taskItem.properties).to.have.property("idempotencyKey");
    expect(taskItem.required).to.deep.equal(["title"]);
    expect(fields("list-invitations")).to.have.members(["id"]);
    expect(fields("withdraw-invitation")).to.have.members(["id", "invitationId"]);
    for (const name of ["find-lists", "list-members", "my-invitations", "list-invitations"]) expect(byName[name]!.annotations, name).to.include({ readOnlyHint: true });
    for (const name of ["remove-member", "set-member-role", "answer-invitation"]) expect(byName[name]!.annotations, name).to.include({ readOnlyHint: false, destructiveHint: true });
    // The invitee can no longer accept; a second withdrawal changes nothing (a 404), which the description says.
    expect(byName["withdraw-invitation"]!.annotations).to.include({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    expect(byName["withdraw-invitation"]!.description).to.match(/404/);
    expect(byName["create-list"]!.annotations).to.include({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
    for (const name of ["add-tasks", "update-task"]) expect(byName[name]!.description, name).to.match(/parentId/).and.match(/assigneeId/).and.match(/listId/);
    await client.close();
  });

  it("reports failures as tool errors: bad input, unknown tasks, partial batches", async () => {
    const { client, call } = await inProcessClient("alice-errors");
    const missing = await call("reopen-task", { id: "00000000-0000-4000-8000-000000000000" });
    expect(missing.isError).to.equal(true);
    expect(missing.content[0]!.text).to.match(/^404/);
    expect((await call("add-tasks", { tasks: [] })).isError).to.equal(true);
    const partial = await call("add-tasks", { tasks: [{ title: "ok", idempotencyKey: "a" }, { title: "needs a due date", reminders: [{ before: "PT5M" }], idempotencyKey: "b" }] });
    expect(partial.isError).to.equal(true);
    expect(partial.structuredContent.results.map((r: { ok: boolean }) => r.ok)).to.deep.equal([true, false]);
    expect(partial.structuredContent.results[1].error.status).to.equal(400);
    expect((await call("snooze-task", { id: "00000000-0000-4000-8000-000000000000" })).isError).to.equal(true);
    await client.close();
  });

  it("serves Streamable HTTP at POST /mcp with the REST API's authentication, each user seeing only their own tasks", async () => {
    const unauthenticated = await fetch(`${base}/mcp`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(unauthenticated.status).to.equal(401);
    expect(unauthenticated.headers.get("www-authenticate")).to.equal(`Bearer resource_metadata="${base}/.well-known/oauth-protected-resource"`);
    const metadata = await (await fetch(`${base}/.well-known/oauth-protected-resource`)).json();
    expect(metadata).to.deep.include({ resource: `${base}/mcp`, authorization_servers: ["https://id.example.test"] });
    expect((await fetch(`${base}/mcp`)).status).to.equal(405);
    const notification = await fetch(`${base}/mcp`, {
      method: "POST",
      headers: { authorization: `Bearer ${await memoryToken("alice-http")}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }),
    });
    expect(notification.status).to.equal(202);
    expect(await notification.text()).to.equal("");

    const connect = async (user: string) => {
      const client = new Client({ name: "unit-http", version: "1" });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: { authorization: `Bearer ${await memoryToken(user)}` } } }));
      return client;
    };
    const alice = await connect("alice-http");
    const bob = await connect("bob-http");
    expect((await alice.listTools()).tools).to.have.length(MCP_TOOLS.length);
    const added = (await alice.callTool({ name: "add-tasks", arguments: { tasks: [{ title: "alice only", idempotencyKey: "k" }] } })) as ToolAnswer;
    const id = added.structuredContent.results[0].task.id;
    const bobs = (await bob.callTool({ name: "find-tasks", arguments: { status: "all" } })) as ToolAnswer;
    expect(bobs.structuredContent.items).to.deep.equal([]);
    const steal = (await bob.callTool({ name: "delete-tasks", arguments: { ids: [id] } })) as ToolAnswer;
    expect(steal.isError).to.equal(true);
    expect(steal.structuredContent.results[0].error.status).to.equal(404);
    await alice.close();
    await bob.close();
  });
  it("serves the v2 client 2026-07-28 at the same endpoint, in JSON, with nothing to listen for", async () => {
    const revisions: (string | null)[] = [];
    const client = new ModernClient({ name: "unit-modern", version: "1" }, { versionNegotiation: { mode: { pin: "2026-07-28" } } });
    await client.connect(new ModernHttp(new URL(`${base}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${await memoryToken("alice-modern")}` } },
      fetch: async (url, init) => {
        revisions.push(new Headers(init?.headers).get("mcp-protocol-version"));
        return fetch(url, init);
      },
    }));
    expect([client.getNegotiatedProtocolVersion(), client.getProtocolEra()]).to.deep.equal(["2026-07-28", "modern"]);
    expect(client.getServerCapabilities()?.tools).to.deep.equal({ listChanged: false });
    expect((await client.listTools()).tools.map((t) => t.name).sort()).to.deep.equal([...MCP_TOOLS].sort());
    const added = (await client.callTool({ name: "add-tasks", arguments: { tasks: [{ title: "modern", idempotencyKey: "m" }] } })) as ToolAnswer;
    expect(added.structuredContent.results[0].task.title).to.equal("modern");
    // The tools never change, so a listen is acknowledged with nothing to deliver and ends, holding no connection.
    const subscription = await client.listen({ toolsListChanged: true });
    expect(subscription.honoredFilter).to.deep.equal({});
    expect(await subscription.closed).to.equal("graceful");
    expect(revisions.length).to.be.greaterThan(2);
    expect(revisions.every((r) => r === "2026-07-28")).to.equal(true);
    await client.close();
  });
});
