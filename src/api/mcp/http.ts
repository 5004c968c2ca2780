/**
 * POST /mcp: MCP over Streamable HTTP, stateless (a fresh server per request,
 * so any api replica answers any request; no sessions, no GET stream), JSON
 * answers. Serves the 2026-07-28 revision and, for older clients, the
 * 2025-era revisions (initialize handshake) from the same tools
 * (docs/adr/0019-mcp-protocol-revisions.md).
 * Authenticated like the REST API; an unauthenticated client is pointed at
 * the OAuth protected-resource metadata (RFC 9728), which names the
 * configured issuer.
 */
import { newRouter, type Router } from "../../infra/http/router.js";
import type { Context, Middleware, Next } from "koa";
import { createMcpHandler, isLegacyRequest, WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/server";
import { readJson } from "../../http/body.js";
import { HttpProblem } from "../../http/problem.js";
import { createMcpServer } from "./server.js";
import type { TicklerRest } from "./rest.js";

export interface McpRoutesDeps {
  guard: Middleware[];
  /** The REST API as the caller: their own token, on this app. */
  restFor(token: string): TicklerRest;
  /** The identity provider that issues tokens (AUTH_ISSUER), if any. */
  issuer?: string;
  /** The per-address limit of the routes that need no token (the metadata). */
  publicLimit?: Middleware;
}

const METADATA_PATH = "/.well-known/oauth-protected-resource";

/** This app's own address for the tools' REST calls (a wildcard listen address is reached on loopback). */
export function selfUrl(host: string, port: number): string {
  const name = host === "0.0.0.0" || host === "::" || host === "" ? "127.0.0.1" : host;
  return `http://${name.includes(":") ? `[${name}]` : name}:${port}`;
}

/** The public origin, as the client addressed it (a proxy in TRUSTED_PROXIES may say so: http/proxy.ts; nobody else). */
const originOf = (ctx: Context) => `${ctx.protocol}://${ctx.host}`;

const passThrough: Middleware = (_ctx, next) => next();

/** The request headers the MCP handler reads: media types, the revision, and 2026-07-28's routing headers (Mcp-Method, Mcp-Name, Mcp-Param-*). */
const forwarded = (name: string) => name === "accept" || name === "content-type" || name.startsWith("mcp-");

/** An answer read whole (every answer here is one JSON body or none; nothing streams). */
const readAnswer = async (answer: Response) => ({ status: answer.status, headers: answer.headers, text: await answer.text() });

export function mcpRoutes(deps: McpRoutesDeps): Router {
  const router = newRouter();

  const metadata = (ctx: Context) => {
    ctx.body = {
      resource: `${originOf(ctx)}/mcp`,
      ...(deps.issuer ? { authorization_servers: [deps.issuer] } : {}),
      bearer_methods_supported: ["header"],
      resource_name: "Tickler",
    };
  };
  const limit = deps.publicLimit ?? passThrough;
  router.get(METADATA_PATH, limit, metadata);
  router.get(`${METADATA_PATH}/mcp`, limit, metadata);

  const challenge = async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (err) {
      if (!(err instanceof HttpProblem) || err.status !== 401) throw err;
      const header = `Bearer resource_metadata="${originOf(ctx)}${METADATA_PATH}"`;
      throw new HttpProblem(401, err.code, err.title, err.detail, err.errors, { "WWW-Authenticate": header });
    }
  };

  // 2026-07-28: the SDK's per-request handler, a fresh server for the caller's token (the guard verified it).
  const modern = createMcpHandler(({ authInfo }) => createMcpServer(deps.restFor(authInfo!.token)), { legacy: "reject", responseMode: "json" });
  // 2025-era: served here rather than by the handler's own stateless fallback, which answers in SSE; this keeps JSON answers.
  const legacy = async (request: Request, token: string, body: unknown) => {
    const server = createMcpServer(deps.restFor(token));
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      return await readAnswer(await transport.handleRequest(request, { parsedBody: body }));
    } finally {
      await server.close();
    }
  };

  router.post("/mcp", challenge, ...deps.guard, async (ctx) => {
    const token = /^Bearer\s+(\S+)$/i.exec(ctx.get("authorization"))![1]!;
    const body = await readJson(ctx);
    const headers = new Headers();
    for (const [name, value] of Object.entries(ctx.headers)) if (forwarded(name) && typeof value === "string") headers.set(name, value);
    const request = new Request(`${originOf(ctx)}/mcp`, { method: "POST", headers });
    const answer = (await isLegacyRequest(request, body))
      ? await legacy(request, token, body)
      : await readAnswer(await modern.fetch(request, { parsedBody: body, authInfo: { token, clientId: "", scopes: [] } }));
    ctx.status = answer.status;
    answer.headers.forEach((value, name) => ctx.set(name, value));
    // Also when empty: a 202 with no body would otherwise get Koa's "Accepted".
    ctx.body = answer.text;
  });

  // Stateless: no server-to-client stream to open (GET) and no session to end (DELETE).
  router.all("/mcp", (ctx) => {
    ctx.set("Allow", "POST");
    throw new HttpProblem(405, "method_not_allowed", "Method Not Allowed", "this MCP endpoint is stateless: POST JSON-RPC messages to it", undefined, { Allow: "POST" });
  });
  return router;
}
