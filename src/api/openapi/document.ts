/**
 * The OpenAPI 3.1 document, generated from the route list and its zod schemas
 * (z.toJSONSchema, JSON Schema 2020-12, which is OpenAPI 3.1's dialect).
 * Request schemas are rendered as what a client sends (io: "input": defaults
 * optional, before transforms), answers as what the server produces.
 */
import { z } from "zod";
import { components, operations, problem, type Operation, type Reply, type ResponseHeader } from "./operations.js";

type Json = Record<string, unknown>;

const HEADERS: Record<ResponseHeader, Json> = {
  ETag: { description: 'the task\'s version in quotes ("3"); send it back as If-Match', schema: { type: "string" } },
  Location: { description: "path of the created task", schema: { type: "string" } },
  "Idempotent-Replayed": { description: "true when this answer replays an earlier request with the same Idempotency-Key", schema: { type: "string", enum: ["true"] } },
  "Idempotency-Key": { description: "the write's Idempotency-Key: the one sent, or one the server assigned; retrying with it is a replay", schema: { type: "string" } },
  "Retry-After": { description: "seconds to wait before retrying (the budget, or a write whose outcome is unknown)", schema: { type: "string" } },
  "WWW-Authenticate": { description: "Bearer", schema: { type: "string" } },
  Allow: { description: "the methods the path takes", schema: { type: "string" } },
};

/** What a header value can carry (HTTP fields are ASCII; fetch trims spaces at the ends). */
const VISIBLE_ASCII = "^[\\x21-\\x7e]*$";

const REQUEST_HEADERS = {
  "Idempotency-Key": {
    name: "Idempotency-Key", in: "header", required: false,
    description: "1–200 visible ASCII characters, per user; the same key with the same request within 24 h is a replay: a create answers the same task, a change of a task answers its first status and the task as it is now, applying nothing (docs/api.md#idempotency); another request under the key: 422",
    schema: { type: "string", minLength: 1, maxLength: 200, pattern: "^[\\x21-\\x7e]+$" },
  },
  "Last-Event-ID": {
    name: "Last-Event-ID", in: "header", required: false,
    description: "id of the last frame received: the task changes and reminders after it are replayed (from the replica's window or the history), else one `resync` frame",
    schema: { type: "string", pattern: VISIBLE_ASCII },
  },
  "If-Match": {
    name: "If-Match", in: "header", required: false,
    description: 'the version read (3, "3" or W/"3"); a stale one answers 412',
    schema: { type: "string", pattern: VISIBLE_ASCII },
  },
};

const DESCRIPTION = `Tickler's REST API. Every task belongs to the user named by the token's \`sub\`;
another user's task answers 404, never 403. Errors are RFC 9457 problem+json.

Sorting: a leading \`-\` means descending for every key. \`priority\` is none → high,
\`-priority\` high → none; \`dueAt\` and \`-dueAt\` put tasks without a due date last.

This document is the contract; where it and the older API.md differ, this document wins.`;

function componentSchemas(schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}`, unrepresentable: "any" }).schemas;
  return Object.fromEntries(Object.entries(generated).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema as Json]));
}

function queryParameters(query: z.ZodObject): Json[] {
  const schema = z.toJSONSchema(query, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
    ...(property.anyOf ? { style: "form", explode: true } : {}),
  }));
}

function operationObject(op: Operation): Json {
  const auth = op.auth ?? true;
  // Any write through a task actor may answer outcome-unknown; any signed-in request may find an actor unavailable.
  const replies: Record<number, Reply> = { ...op.replies, ...(auth ? ({ 401: problem(401), 429: problem(429) } as Record<number, Reply>) : {}), 500: problem(500), ...((auth ? { 503: problem(503) } : {}) as Record<number, Reply>) };
  if (op.rules && replies[400]) {
    const rules = Object.entries(op.rules).map(([field, rule]) => `${field}: ${rule}`).join("; ");
    replies[400] = { ...replies[400], description: `${replies[400].description}. Also the rules no schema can say (x-rules): ${rules}` };
  }
  const parameters = [
    ...Object.entries(op.pathParams ?? {}).map(([name, p]) => ({ name, in: "path", required: true, description: p.description, schema: withoutDialect(z.toJSONSchema(p.schema, { io: "input" })) })),
    ...(op.query ? queryParameters(op.query) : []),
    ...(op.requestHeaders ?? []).map((h) => REQUEST_HEADERS[h]),
  ].map(({ $schema: _s, ...p }: Json) => p);
  return {
    operationId: `${op.method}${op.path.replace(/[^A-Z0-9]+(.)?/gi, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    summary: op.summary,
    tags: [op.tag],
    ...(op.rules ? { "x-rules": op.rules } : {}),
    ...(auth ? {} : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: {
          "application/json": { schema: { $ref: `#/components/schemas/${op.body}` } },
          ...Object.fromEntries(Object.entries(op.otherBodyTypes ?? {}).map(([type, description]) => [type, { schema: { type: "string", description } }])),
        } } }
      : {}),
    responses: Object.fromEntries(
      Object.entries(replies).map(([status, reply]) => [
        status,
        {
          description: reply.description,
          ...(reply.headers?.length ? { headers: Object.fromEntries(reply.headers.map((h) => [h, HEADERS[h]])) } : {}),
          // Several types (e.g. JSON or CSV by a query parameter) merge with the one a schema describes.
          ...(reply.contentTypes || reply.body || reply.contentType
            ? { content: {
                ...Object.fromEntries((reply.contentTypes ?? []).map((type) => [type, { schema: {} }])),
                ...(reply.body || reply.contentType
                  ? { [reply.contentType ?? "application/json"]: { schema: reply.body ? { $ref: `#/components/schemas/${reply.body}` } : {} } }
                  : {}),
              } }
            : {}),
        },
      ]),
    ),
  };
}

function withoutDialect(schema: Json): Json {
  const { $schema: _s, ...rest } = schema;
  return rest;
}

let cached: Json | undefined;

export function openApiDocument(): Json {
  if (cached) return cached;
  const paths: Record<string, Json> = {};
  for (const op of operations) paths[op.path] = { ...paths[op.path], [op.method]: operationObject(op) };
  cached = {
    openapi: "3.1.0",
    info: { title: "Tickler API", version: "1", description: DESCRIPTION },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      schemas: { ...componentSchemas(components.requests, "input"), ...componentSchemas(components.responses, "output") },
    },
  };
  return cached;
}
