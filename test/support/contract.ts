/**
 * Checks one HTTP exchange against the OpenAPI document: the route and status
 * are declared, the answer's content type, headers and body match, and a
 * request the server accepted (2xx) matches its declared parameters and body.
 * Used by the unit tests (in-memory app) and by the e2e suite (every request
 * the suite sends to the api app).
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { openApiDocument } from "../../src/api/openapi/document.js";

export interface Exchange {
  method: string;
  /** Path and query, e.g. /api/v1/tasks?limit=5 */
  url: string;
  requestBody?: unknown;
  status: number;
  responseType: string;
  responseHeaders: Record<string, string>;
  responseBody?: unknown;
}

type Json = Record<string, any>;
const BASE = "https://tickler.test/openapi.json";
/** Dapr and test callbacks: served by the app but not to clients, so not in the contract. */
const CALLBACKS = /^\/(actors|dapr|events|internal)(\/|$)/;
/** CalDAV (WebDAV methods, XML and iCalendar, its own precondition errors): its contract is RFC 4791 and docs/caldav.md, not the OpenAPI document. */
const CALDAV = /^\/(dav(\/|$)|\.well-known\/caldav$)/;
const OPTIONAL_HEADERS = new Set(["idempotent-replayed", "retry-after", "www-authenticate", "allow"]);

export class Contract {
  /** Formats the document uses: date-time, uuid and email also carry a pattern (which decides); a uri is what URL parses. */
  private readonly ajv = new Ajv2020({
    strict: false, allErrors: true,
    formats: { "date-time": true, uuid: true, email: true, uri: (v: string) => URL.canParse(v) },
  });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; pattern: RegExp; params: number }[];

  /** `doc`: the document to hold the exchanges to (default: the one the code generates; the fuzzer passes the served one). */
  constructor(readonly doc: Json = openApiDocument()) {
    this.ajv.addSchema(this.doc, BASE);
    this.templates = Object.keys(this.doc.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[^{}]+\}/g, "[^/]+")}$`),
        params: (template.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.params - b.params); // literal segments win: /tasks/quick before /tasks/{id}
  }

  /** "METHOD /template" of the spec's operation an exchange reached, or null. */
  operationOf(method: string, url: string): string | null {
    const path = new URL(url, "http://x").pathname;
    const match = this.templates.find((t) => t.pattern.test(path) && this.doc.paths[t.template][method.toLowerCase()]);
    return match ? `${method.toUpperCase()} ${match.template}` : null;
  }

  /** Every operation of the spec as "METHOD /template". */
  operations(): string[] {
    return Object.entries(this.doc.paths as Record<string, object>).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
  }

  /** A predicate for one schema of the document (its $refs resolve in the document). */
  validator(schema: Json): (value: unknown) => boolean {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) this.compiled.set(key, (validate = this.ajv.compile(rebase(schema))));
    return (value) => validate(value) as boolean;
  }

  /**
   * Problems found, as sentences; empty when the exchange keeps the contract.
   * `checkRequest` (default true): an accepted request must match its declared parameters and body.
   */
  check(ex: Exchange, { checkRequest = true }: { checkRequest?: boolean } = {}): string[] {
    const url = new URL(ex.url, "http://x");
    const method = ex.method.toLowerCase();
    const where = `${ex.method} ${url.pathname} → ${ex.status}`;
    if (CALLBACKS.test(url.pathname) || CALDAV.test(url.pathname)) return [];
    const match = this.templates.find((t) => t.pattern.test(url.pathname) && this.doc.paths[t.template][method]);
    if (!match) {
      // Unknown routes and methods answer 404/405 problem+json; that is the contract too.
      return ex.status === 404 || ex.status === 405 ? this.body(where, "#/components/schemas/Problem", ex.responseBody) : [`${where}: the route is not in the spec`];
    }
    const pointer = `#/paths/${escape(match.template)}/${method}`;
    const op: Json = this.doc.paths[match.template][method];
    const reply: Json | undefined = op.responses[String(ex.status)];
    if (!reply) return [`${where}: status ${ex.status} is not declared for ${method.toUpperCase()} ${match.template}`];
    const errors: string[] = [];
    const type = ex.responseType.split(";")[0]!.trim();
    if (reply.content) {
      if (!reply.content[type] && !reply.content["*/*"]) errors.push(`${where}: content type ${type || "(none)"} is not one of ${Object.keys(reply.content).join(", ")}`);
      else if (reply.content[type]?.schema?.$ref) errors.push(...this.body(where, `${pointer}/responses/${ex.status}/content/${escape(type)}/schema`, ex.responseBody));
    } else if (ex.responseBody !== undefined && ex.responseBody !== "" && ex.responseBody !== null) {
      errors.push(`${where}: answers a body where the spec declares none`);
    }
    for (const header of Object.keys(reply.headers ?? {})) {
      if (!OPTIONAL_HEADERS.has(header.toLowerCase()) && !(header.toLowerCase() in ex.responseHeaders)) errors.push(`${where}: header ${header} is missing`);
    }
    if (ex.status < 400 && checkRequest) errors.push(...this.request(where, pointer, op, url, ex.requestBody));
    return errors;
  }

  private request(where: string, pointer: string, op: Json, url: URL, body: unknown): string[] {
    const errors: string[] = [];
    const params: Json[] = op.parameters ?? [];
    for (const name of new Set(url.searchParams.keys())) {
      const index = params.findIndex((p) => p.in === "query" && p.name === name);
      if (index < 0) {
        errors.push(`${where}: query parameter ${name} is not in the spec`);
        continue;
      }
      const numeric = ["integer", "number"].includes(params[index]!.schema?.type);
      const values = url.searchParams.getAll(name).map((v) => (numeric && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v));
      errors.push(...this.body(`${where} (query ${name})`, `${pointer}/parameters/${index}/schema`, values.length === 1 ? values[0] : values));
    }
    // A body that is not JSON (recorded as text) sent to an operation that also takes another type (CSV import) is that type's string.
    const otherType = Object.keys(op.requestBody?.content ?? {}).some((type) => type !== "application/json");
    if (typeof body === "string" && otherType) return errors;
    if (op.requestBody && body !== undefined) errors.push(...this.body(`${where} (request body)`, `${pointer}/requestBody/content/application~1json/schema`, body));
    return errors;
  }

  private body(where: string, pointer: string, value: unknown): string[] {
    let validate = this.compiled.get(pointer);
    if (!validate) this.compiled.set(pointer, (validate = this.ajv.compile({ $ref: `${BASE}${pointer}` })));
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 10).map((e) => `${where}: ${e.instancePath || "(body)"} ${e.message} (${e.schemaPath})`);
  }
}

/** A schema taken out of the document, with its local $refs pointing back into it. */
function rebase(schema: Json): Json {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) => (key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `${BASE}${value}` : value)) as Json;
}

const escape = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");
