/**
 * `npm run mcp` (or the `tickler-mcp` bin): Tickler's MCP tools over stdio,
 * for desktop agent hosts. Talks to a Tickler server with a token:
 *   TICKLER_URL (default http://127.0.0.1:8080) and TICKLER_TOKEN (required),
 * or --url / --token. stdout carries the protocol; messages go to stderr.
 */
import { parseArgs } from "node:util";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { restOverFetch } from "./rest.js";
import { createMcpServer } from "./server.js";

const { values } = parseArgs({ options: { url: { type: "string" }, token: { type: "string" } } });
const url = values.url ?? process.env.TICKLER_URL ?? "http://127.0.0.1:8080";
const token = values.token ?? process.env.TICKLER_TOKEN;
if (!token) {
  process.stderr.write("tickler-mcp: set TICKLER_TOKEN (e.g. TICKLER_TOKEN=$(npm run -s token -- alice)) or pass --token\n");
  process.exit(2);
}

const server = createMcpServer(restOverFetch(url, token));
await server.connect(new StdioServerTransport());
process.stderr.write(`tickler-mcp: serving ${url} over stdio\n`);
