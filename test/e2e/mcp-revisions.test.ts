/**
 * The protocol revisions POST /mcp and the stdio entry serve, each asserted
 * with the SDK's own clients on the real stack: the v2 client
 * (@modelcontextprotocol/client) speaking 2026-07-28, and the v1 client
 * (@modelcontextprotocol/sdk) speaking a 2025-era revision through the
 * initialize handshake (docs/adr/0019-mcp-protocol-revisions.md).
 * test/e2e/mcp.test.ts calls every tool with the v1 client.
 */
import path from "node:path";
import { expect } from "chai";
import { Client as ModernClient, StreamableHTTPClientTransport as ModernHttp, type FetchLike } from "@modelcontextprotocol/client";
import { StdioClientTransport as ModernStdio } from "@modelcontextprotocol/client/stdio";
import { Client as LegacyClient } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport as LegacyHttp } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { MCP_TOOLS } from "../../src/api/mcp/server.js";
import { target, tokenFor } from "../support/stack.js";

type ToolAnswer = { isError?: boolean; structuredContent?: any; content: { type: string; text: string }[] };
const ROOT = path.resolve(import.meta.dirname, "../..");
const MODERN = "2026-07-28";
/** What the v1 client (1.32.2) asks for and this server accepts. */
const LEGACY = "2025-11-25";

/** Each POST the client sent: its JSON-RPC method, the revision header, and what came back. */
interface Exchange { method: string; revisionHeader: string | null; status: number; contentType: string | null }

/** A fetch that notes what a client sent and got, so the test sees the revision on the wire. */
function recorder(): { exchanges: Exchange[]; fetch: FetchLike } {
  const exchanges: Exchange[] = [];
  const fetchAndNote: FetchLike = async (url, init) => {
    const answer = await fetch(url, init);
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as { method?: string }) : {};
    exchanges.push({ method: body.method ?? "(response)", revisionHeader: new Headers(init?.headers).get("mcp-protocol-version"), status: answer.status, contentType: answer.headers.get("content-type") });
    return answer;
  };
  return { exchanges, fetch: fetchAndNote };
}

const mcpUrl = () => new URL(`${target().apiUrl}/mcp`);
const auth = async (user: string) => ({ headers: { authorization: `Bearer ${await tokenFor(user)}` } });

async function modernHttp(user: string, mode: "auto" | { pin: string } = { pin: MODERN }) {
  const wire = recorder();
  const client = new ModernClient({ name: "e2e-modern", version: "1" }, { versionNegotiation: { mode } });
  await client.connect(new ModernHttp(mcpUrl(), { requestInit: await auth(user), fetch: wire.fetch }));
  return { client, wire };
}

async function legacyHttp(user: string) {
  const wire = recorder();
  const client = new LegacyClient({ name: "e2e-legacy", version: "1" });
  await client.connect(new LegacyHttp(mcpUrl(), { requestInit: await auth(user), fetch: wire.fetch }));
  return { client, wire };
}

async function modernStdio(user: string, mode: "legacy" | { pin: string }) {
  const client = new ModernClient({ name: "e2e-modern-stdio", version: "1" }, { versionNegotiation: { mode } });
  const env = { ...(process.env as Record<string, string>), TICKLER_URL: target().apiUrl, TICKLER_TOKEN: await tokenFor(user) };
  await client.connect(new ModernStdio({ command: process.execPath, args: ["--import", "tsx", "src/api/mcp/stdio.ts"], cwd: ROOT, env, stderr: "pipe" }));
  return client;
}

type AnyClient = { callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<unknown> };
const call = (client: AnyClient, name: string, args: Record<string, unknown> = {}) => client.callTool({ name, arguments: args }) as Promise<ToolAnswer>;

describe("MCP protocol revisions on the real stack", function () {
  const open: { close(): Promise<void> }[] = [];
  after(async () => {
    for (const client of open) await client.close();
  });

  it(`the v2 client speaks ${MODERN} over Streamable HTTP: tools listed, a task added, found and updated, another user's refused`, async () => {
    const stamp = Date.now();
    const { client, wire } = await modernHttp(`mcp-modern-${stamp}`);
    const other = await modernHttp(`mcp-modern-other-${stamp}`);
    open.push(client, other.client);
    expect(client.getNegotiatedProtocolVersion()).to.equal(MODERN);
    expect(client.getProtocolEra()).to.equal("modern");
    expect((await client.listTools()).tools.map((t) => t.name).sort()).to.deep.equal([...MCP_TOOLS].sort());

    const added = await call(client, "add-tasks", { tasks: [{ title: "Renew passport", priority: "high", idempotencyKey: "passport" }] });
    expect(added.isError, added.content[0]!.text).to.equal(undefined);
    const task = added.structuredContent.results[0].task as { id: string; version: number };
    expect((await call(client, "find-tasks", { q: "passport" })).structuredContent.items.map((t: { id: string }) => t.id)).to.deep.equal([task.id]);
    const updated = await call(client, "update-task", { id: task.id, version: task.version, changes: { title: "Renew passport (photo first)" } });
    expect(updated.structuredContent.task).to.include({ title: "Renew passport (photo first)", version: task.version + 1 });

    // Another user's agent, on the same revision, neither finds nor changes it.
    expect((await call(other.client, "find-tasks", { status: "all", q: "passport" })).structuredContent.items).to.deep.equal([]);
    const refused = await call(other.client, "update-task", { id: task.id, version: task.version + 1, changes: { title: "not yours" } });
    expect(refused.isError).to.equal(true);
    expect(refused.content[0]!.text).to.match(/^404/);

    // On the wire: a server/discover probe instead of initialize, every request naming 2026-07-28, JSON answers.
    expect(wire.exchanges.map((e) => e.method)).to.include("server/discover").and.not.include("initialize");
    for (const exchange of wire.exchanges) {
      expect(exchange, exchange.method).to.deep.include({ revisionHeader: MODERN, status: 200 });
      expect(exchange.contentType, exchange.method).to.match(/^application\/json/);
    }
  });

  it(`the v1 client speaks ${LEGACY} over Streamable HTTP (initialize handshake) and works on the same tasks as a v2 client of the same user`, async () => {
    const user = `mcp-legacy-${Date.now()}`;
    const { client, wire } = await legacyHttp(user);
    const modern = await modernHttp(user);
    open.push(client, modern.client);
    expect(client.getServerVersion()).to.deep.include({ name: "tickler" });
    expect((await client.listTools()).tools.map((t) => t.name).sort()).to.deep.equal([...MCP_TOOLS].sort());

    const task = (await call(modern.client, "add-tasks", { tasks: [{ title: "Water the plants", idempotencyKey: "plants" }] })).structuredContent.results[0].task;
    expect((await call(client, "find-tasks", {})).structuredContent.items.map((t: { id: string }) => t.id)).to.deep.equal([task.id]);
    const updated = await call(client, "update-task", { id: task.id, version: task.version, changes: { priority: "low" } });
    expect(updated.structuredContent.task).to.include({ priority: "low", version: task.version + 1 });
    const stale = await call(modern.client, "update-task", { id: task.id, version: task.version, changes: { priority: "high" } });
    expect(stale.isError).to.equal(true);
    expect(stale.structuredContent.task.version).to.equal(task.version + 1);

    // On the wire: initialize first, then every request names the 2025 revision it agreed; answers stay JSON as before.
    expect(wire.exchanges[0]).to.deep.include({ method: "initialize", status: 200 });
    expect(wire.exchanges.slice(1).map((e) => e.revisionHeader)).to.satisfy((seen: (string | null)[]) => seen.length > 0 && seen.every((v) => v === LEGACY));
    expect(wire.exchanges.map((e) => e.method)).to.not.include("server/discover");
    for (const exchange of wire.exchanges.filter((e) => e.status === 200)) expect(exchange.contentType, exchange.method).to.match(/^application\/json/);
    // The other user, over the old revision, is refused too.
    const stranger = await legacyHttp(`mcp-legacy-stranger-${Date.now()}`);
    open.push(stranger.client);
    const refused = await call(stranger.client, "update-task", { id: task.id, version: task.version + 1, changes: { title: "not yours" } });
    expect(refused.isError).to.equal(true);
    expect(refused.content[0]!.text).to.match(/^404/);
  });

  it(`a v2 client that negotiates (auto) is served ${MODERN}; an unknown revision is refused naming the one served`, async () => {
    const { client, wire } = await modernHttp(`mcp-auto-${Date.now()}`, "auto");
    open.push(client);
    expect(client.getNegotiatedProtocolVersion()).to.equal(MODERN);
    expect(wire.exchanges[0]).to.deep.include({ method: "server/discover", revisionHeader: MODERN });

    const future = "2099-01-01";
    const meta = { "io.modelcontextprotocol/protocolVersion": future, "io.modelcontextprotocol/clientInfo": { name: "raw", version: "1" }, "io.modelcontextprotocol/clientCapabilities": {} };
    const answer = await fetch(mcpUrl(), {
      method: "POST",
      headers: { ...(await auth(`mcp-future-${Date.now()}`)).headers, "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": future, "mcp-method": "tools/list" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: { _meta: meta } }),
    });
    expect(answer.status).to.equal(400);
    expect((await answer.json()).error).to.deep.include({ code: -32022, data: { supported: [MODERN], requested: future } });
    // Still stateless: no stream to open, no session to end.
    for (const method of ["GET", "DELETE"]) expect((await fetch(mcpUrl(), { method })).status, method).to.equal(405);
  });

  it(`stdio serves the v2 client ${MODERN} when it asks, and a 2025 handshake when it does not`, async () => {
    const stamp = Date.now();
    const modern = await modernStdio(`mcp-stdio-modern-${stamp}`, { pin: MODERN });
    const legacy = await modernStdio(`mcp-stdio-legacy-${stamp}`, "legacy");
    open.push(modern, legacy);
    expect([modern.getNegotiatedProtocolVersion(), modern.getProtocolEra()]).to.deep.equal([MODERN, "modern"]);
    expect([legacy.getNegotiatedProtocolVersion(), legacy.getProtocolEra()]).to.deep.equal([LEGACY, "legacy"]);
    for (const client of [modern, legacy]) expect((await client.listTools()).tools).to.have.length(MCP_TOOLS.length);

    const task = (await call(modern, "add-tasks", { tasks: [{ title: "Book the dentist", idempotencyKey: "dentist" }] })).structuredContent.results[0].task;
    expect((await call(modern, "find-tasks", {})).structuredContent.items.map((t: { id: string }) => t.id)).to.deep.equal([task.id]);
    expect((await call(modern, "update-task", { id: task.id, version: task.version, changes: { title: "Book the dentist (Tuesday)" } })).structuredContent.task.version).to.equal(task.version + 1);
    const refused = await call(legacy, "reopen-task", { id: task.id });
    expect(refused.isError).to.equal(true);
    expect(refused.content[0]!.text).to.match(/^404/);
  });
});
