/**
 * `npm run mcp` (or the `tickler-mcp` bin): Tickler's MCP tools over stdio,
 * for desktop agent hosts. Talks to a Tickler server with a token:
 *   TICKLER_URL (default http://127.0.0.1:8080) and TICKLER_TOKEN (required),
 * or --url / --token. stdout carries the protocol; messages go to stderr.
 * Serves 2026-07-28 clients and 2025-era ones (docs/adr/0019-mcp-protocol-revisions.md).
 */
import { parseArgs } from "node:util";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { restOverFetch } from "./rest.js";
import { createMcpServer } from "./server.js";

const { values } = parseArgs({ options: { url: { type: "string" }, token: { type: "string" } } });
const url = values.url ?? process.env.TICKLER_URL ?? "http://127.0.0.1:8080";
const token = values.token ?? process.env.TICKLER_TOKEN;
if (!token) {
  process.stderr.write("tickler-mcp: set TICKLER_TOKEN (e.g. TICKLER_TOKEN=$(npm run -s token -- alice)) or pass --token\n");
  process.exit(2);
}

// The opening message picks the revision (2026-07-28 or a 2025-era handshake); one server serves the connection.
const rest = restOverFetch(url, token);
serveStdio(() => createMcpServer(rest));
process.stderr.write(`tickler-mcp: serving ${url} over stdio\n`);
