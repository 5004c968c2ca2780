/**
 * A property-based fuzzer driven by an OpenAPI 3.1 document: for every
 * operation it draws requests that the document allows (and, separately,
 * requests with exactly one thing it does not allow), sends them, and judges
 * each answer by the document alone:
 *
 * - never a 5xx;
 * - the status is declared for the operation, and the content type, headers
 *   and body match the declared answer (test/support/contract.ts);
 * - a request the document allows is never refused with 400 or 422, unless
 *   every field the problem names is one of the operation's `x-rules` (rules
 *   over the stored task, the clock or several fields, which a schema cannot
 *   say; the document lists them).
 *
 * The arbitraries are generated from the subset of JSON Schema 2020-12 the
 * document uses; a keyword it does not know throws, so a new kind of
 * constraint in the document is taught here on purpose rather than skipped.
 * Only JSON bodies are drawn (other media types are described in prose).
 * Instants are drawn far in the future (2100 onwards) so nothing drawn
 * fires a reminder during a run, and URLs point at the reserved `.invalid`
 * domain, so a webhook drawn here can never reach anyone.
 */
import fc from "fast-check";
import { Contract } from "./contract.js";

type Schema = Record<string, any>;
type Json = Record<string, any>;

/** Keywords the arbitraries understand; annotations are ignored. */
const ANNOTATIONS = new Set(["description", "default", "examples", "title", "$schema", "readOnly", "writeOnly", "deprecated"]);
const KEYWORDS = new Set([
  "type", "enum", "const", "anyOf", "allOf", "$ref", "properties", "required", "additionalProperties", "items",
  "minItems", "maxItems", "minLength", "maxLength", "pattern", "format", "minimum", "maximum",
  // Drawn objects hold only their declared properties, which satisfy it.
  "propertyNames",
]);

const MIN_INSTANT = Date.parse("2100-01-01T00:00:00Z");
const MAX_INSTANT = Date.parse("2999-12-31T23:59:59Z");
/** Longest string drawn where the schema allows longer (long enough to reach every cap of the API's short fields). */
const LONGEST = 260;

export interface FuzzRequest {
  operation: string;
  method: string;
  /** Path and query, already encoded. */
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  /** What is wrong with it (schema-invalid requests only). */
  broken?: string;
}

export interface FuzzAnswer {
  status: number;
  type: string;
  headers: Record<string, string>;
  body: unknown;
}

export class OpenApiFuzzer {
  readonly contract: Contract;

  constructor(readonly doc: Json) {
    this.contract = new Contract(doc);
  }

  /** Every operation as [method, path template, operation object]. */
  operations(): [string, string, Json][] {
    return Object.entries(this.doc.paths as Record<string, Json>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]): [string, string, Json] => [method.toUpperCase(), path, op as Json]),
    );
  }

  resolve(schema: Schema): Schema {
    let s = schema;
    for (let hops = 0; s.$ref; hops++) {
      if (hops > 20 || !String(s.$ref).startsWith("#/")) throw new Error(`cannot follow $ref ${s.$ref}`);
      s = String(s.$ref).slice(2).split("/").reduce((node: any, key) => node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], this.doc);
      if (!s) throw new Error(`dangling $ref ${schema.$ref}`);
    }
    for (const key of Object.keys(s)) {
      if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key) && !key.startsWith("x-")) throw new Error(`the fuzzer does not know JSON Schema keyword "${key}" (in ${JSON.stringify(s).slice(0, 120)})`);
    }
    return s;
  }

  /** Values the schema allows. */
  valid(schema: Schema): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    if ("const" in s) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...(s.enum as unknown[]));
    if (s.anyOf) return fc.oneof(...(s.anyOf as Schema[]).map((branch) => this.valid({ ...without(s, "anyOf"), ...branch })));
    if (s.allOf) {
      const checks = (s.allOf as Schema[]).map((r) => this.checker(r));
      return this.valid(without(s, "allOf")).filter((v) => checks.every((check) => check(v)));
    }
    const types = typesOf(s);
    if (types.length > 1) return fc.oneof(...types.map((type) => this.valid({ ...s, type })));
    switch (types[0]) {
      case "null":
        return fc.constant(null);
      case "boolean":
        return fc.boolean();
      case "integer":
        return fc.integer({ min: s.minimum ?? -1_000_000, max: s.maximum ?? 1_000_000 });
      case "number":
        return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
      case "string":
        return this.validString(s);
      case "array":
        return fc.array(this.valid(s.items ?? {}), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, 4) });
      case "object":
        return this.validObject(s);
      default:
        // No type: any JSON value the other keywords allow.
        return fc.jsonValue({ maxDepth: 2 }).filter(this.checker(s));
    }
  }

  private validString(s: Schema): fc.Arbitrary<string> {
    const min = s.minLength ?? 0;
    const max = Math.min(s.maxLength ?? LONGEST, LONGEST);
    const fits = (v: string) => codePoints(v) >= min && codePoints(v) <= (s.maxLength ?? Infinity) && (!s.pattern || new RegExp(s.pattern, "u").test(v));
    let base: fc.Arbitrary<string>;
    if (s.format === "date-time") {
      base = fc.tuple(fc.integer({ min: MIN_INSTANT, max: MAX_INSTANT }), fc.constantFrom("Z", "+00:00", "+05:30", "-08:00"), fc.boolean()).map(([ms, offset, millis]) => instantIn(ms, offset, millis));
    } else if (s.format === "uuid") {
      base = fc.uuid();
    } else if (s.format === "uri") {
      base = fc.tuple(fc.constantFrom("http", "https"), fc.stringMatching(/^[a-z0-9-]{1,20}$/), fc.stringMatching(/^[a-zA-Z0-9/_.-]{0,40}$/))
        .map(([scheme, host, path]) => `${scheme}://${host}.invalid/${path}`);
    } else if (s.pattern) {
      base = fc.stringMatching(new RegExp(s.pattern, "u"), { size: "medium" });
    } else if (s.format !== undefined && s.format !== "email") {
      throw new Error(`the fuzzer does not know string format ${s.format}`);
    } else {
      // Any code point, astral ones included (a length counts code points in JSON Schema).
      base = fc.oneof(
        fc.string({ unit: "binary", minLength: min, maxLength: Math.min(max, 24) }),
        fc.string({ unit: "binary", minLength: Math.max(min, max - 3), maxLength: max }),
        fc.string({ unit: "grapheme-ascii", minLength: min, maxLength: max }),
      );
    }
    return base.filter(fits);
  }

  private validObject(s: Schema): fc.Arbitrary<Json> {
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    const required = new Set<string>(s.required ?? []);
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, property] of Object.entries(properties)) model[name] = this.valid(property);
    return fc.record(model, { requiredKeys: [...required].filter((k) => k in properties) }) as fc.Arbitrary<Json>;
  }

  /** Values that break exactly one rule of the schema (null when nothing can be broken). */
  invalid(schema: Schema): fc.Arbitrary<{ value: unknown; broken: string }> | null {
    const s = this.resolve(schema);
    const options: fc.Arbitrary<{ value: unknown; broken: string }>[] = [];
    const check = this.checker(s);
    const wrongType = fc.constantFrom<unknown>(12345, true, null, [], {}, "x").filter((v) => !check(v));
    options.push(wrongType.map((value) => ({ value, broken: `a ${JSON.stringify(value)} of the wrong type` })));
    if (s.enum || "const" in s) {
      options.push(fc.string({ maxLength: 12 }).filter((v) => !check(v)).map((value) => ({ value, broken: `${JSON.stringify(value)}, not one of the values` })));
    }
    const types = s.anyOf || s.allOf || s.enum || "const" in s ? [] : typesOf(s);
    if (types.includes("string") && types.length === 1) {
      if (s.maxLength !== undefined) options.push(fc.constant({ value: "x".repeat(s.maxLength + 1), broken: `longer than ${s.maxLength}` }));
      if (s.minLength) options.push(fc.constant({ value: "", broken: "empty" }));
      if (s.pattern || s.format) {
        options.push(fc.oneof(fc.string({ unit: "binary", maxLength: 20 }), fc.constantFrom("", " ", "\u0000", "2026-13-01T00:00:00Z", "P", "x y"))
          .filter((v) => !check(v)).map((value) => ({ value, broken: `${JSON.stringify(value)} breaks ${s.pattern ? "the pattern" : `format ${s.format}`}` })));
      }
    }
    if (types.includes("integer") || types.includes("number")) {
      if (s.minimum !== undefined) options.push(fc.constant({ value: s.minimum - 1, broken: `below ${s.minimum}` }));
      if (s.maximum !== undefined) options.push(fc.constant({ value: s.maximum + 1, broken: `above ${s.maximum}` }));
      if (types.includes("integer") && !types.includes("number")) options.push(fc.constant({ value: 1.5, broken: "not an integer" }));
    }
    if (types.includes("array") && types.length === 1) {
      const item = this.valid(s.items ?? {});
      // A list past a large cap is a test of its own (docs/api-limits.md), not a draw.
      if (s.maxItems !== undefined && s.maxItems <= 100) options.push(fc.array(item, { minLength: s.maxItems + 1, maxLength: s.maxItems + 1 }).map((value) => ({ value, broken: `more than ${s.maxItems} items` })));
      const badItem = s.items ? this.invalid(s.items) : null;
      if (badItem) options.push(fc.tuple(fc.array(item, { maxLength: 2 }), badItem).map(([list, bad]) => ({ value: [...list, bad.value], broken: `an item: ${bad.broken}` })));
    }
    if (types.includes("object") && types.length === 1) {
      const whole = this.validObject(s);
      for (const name of (s.required ?? []) as string[]) {
        options.push(whole.map((v) => ({ value: without(v, name), broken: `no ${name}` })));
      }
      if (s.additionalProperties === false) {
        options.push(fc.tuple(whole, fc.constantFrom("id", "ownerId", "version", "zzUnknown", "__proto__x")).map(([v, key]) => ({ value: { ...v, [key]: 1 }, broken: `unknown field ${key}` })));
      }
      for (const [name, property] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
        const bad = this.invalid(property);
        if (bad) options.push(fc.tuple(whole, bad).map(([v, b]) => ({ value: { ...v, [name]: b.value }, broken: `${name}: ${b.broken}` })));
      }
    }
    return options.length ? fc.oneof(...options) : null;
  }

  /** Whether a value matches a schema, by the document's own validator. */
  checker(schema: Schema): (value: unknown) => boolean {
    return this.contract.validator(schema);
  }

  /**
   * Requests the operation allows, as a signed-in user would send them.
   * `known`: values of path parameters the user's earlier answers carried
   * (its task ids), drawn as often as values from the schema, so a route
   * reaches a real resource and not only 404s.
   */
  validRequest(method: string, template: string, known: Record<string, string[]> = {}): fc.Arbitrary<FuzzRequest> {
    const op = this.doc.paths[template][method.toLowerCase()] as Json;
    const params = (op.parameters ?? []) as Json[];
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const p of params) {
      const drawn = this.valid(p.schema);
      const seen = p.in === "path" ? (known[p.name] ?? []).filter(this.checker(p.schema)) : [];
      const value = seen.length ? fc.oneof(drawn, fc.constantFrom(...seen)) : drawn;
      record[`${p.in}:${p.name}`] = p.required ? value : fc.option(value, { nil: undefined });
    }
    const body = jsonBodySchema(op);
    return fc.tuple(fc.record(record), body ? this.valid(body) : fc.constant(undefined)).map(([values, b]) => this.build(method, template, op, values, b));
  }

  /** Requests with exactly one parameter or the body broken (null when the operation takes nothing that can be broken). */
  invalidRequest(method: string, template: string, known: Record<string, string[]> = {}): fc.Arbitrary<FuzzRequest> | null {
    const op = this.doc.paths[template][method.toLowerCase()] as Json;
    const params = ((op.parameters ?? []) as Json[]).filter((p) => p.in !== "path"); // a broken path parameter is another path
    const body = jsonBodySchema(op);
    const valid = this.validRequest(method, template, known);
    const breakers: fc.Arbitrary<FuzzRequest>[] = [];
    for (const p of params) {
      const bad = this.invalid(p.schema);
      if (!bad) continue;
      // A parameter is text: a wrong type that serializes like a right one is not broken, and a header carries visible ASCII only.
      const check = this.checker(p.schema);
      const sendable = fc.sample(bad, { numRuns: 200, seed: 0 }).filter(({ value }) => {
        const text = serialize(value);
        if (p.in === "header" && !/^[\x21-\x7e]*$/.test(text)) return false;
        return !check(text) && !(/^-?\d+(\.\d+)?$/.test(text) && check(Number(text)));
      });
      if (sendable.length === 0) continue;
      breakers.push(fc.tuple(valid, fc.constantFrom(...sendable)).map(([req, { value, broken }]) => this.withParam(req, p, value, `${p.in} ${p.name}: ${broken}`)));
    }
    if (body) {
      const bad = this.invalid(body);
      if (bad) breakers.push(fc.tuple(valid, bad).map(([req, { value, broken }]) => ({ ...req, body: value, broken: `body: ${broken}` })));
    }
    return breakers.length ? fc.oneof(...breakers) : null;
  }

  private build(method: string, template: string, op: Json, values: Record<string, unknown>, body: unknown): FuzzRequest {
    let path = template;
    const query = new URLSearchParams();
    const headers: Record<string, string> = { accept: acceptOf(op) };
    for (const p of (op.parameters ?? []) as Json[]) {
      const value = values[`${p.in}:${p.name}`];
      if (value === undefined) continue;
      if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(serialize(value)));
      else if (p.in === "query") for (const v of Array.isArray(value) ? value : [value]) query.append(p.name, serialize(v));
      else if (p.in === "header") headers[p.name.toLowerCase()] = serialize(value);
    }
    const qs = query.toString();
    return { operation: `${method} ${template}`, method, url: path + (qs ? `?${qs}` : ""), headers, ...(body !== undefined ? { body } : {}) };
  }

  private withParam(req: FuzzRequest, p: Json, value: unknown, broken: string): FuzzRequest {
    const url = new URL(req.url, "http://x");
    const headers = { ...req.headers };
    if (p.in === "query") {
      url.searchParams.delete(p.name);
      url.searchParams.append(p.name, serialize(value));
    } else headers[p.name.toLowerCase()] = serialize(value);
    return { ...req, url: url.pathname + url.search, headers, broken };
  }

  /**
   * What is wrong with an answer, as sentences (empty: it keeps the document).
   * `allowed`: the request is one the document allows.
   */
  judge(req: FuzzRequest, answer: FuzzAnswer, allowed: boolean): string[] {
    const where = `${req.method} ${req.url} → ${answer.status}`;
    const problems: string[] = [];
    if (answer.status >= 500) problems.push(`${where}: a 5xx`);
    problems.push(...this.contract.check({
      method: req.method, url: req.url, requestBody: req.body, status: answer.status, responseType: answer.type, responseHeaders: answer.headers, responseBody: answer.body,
    }, { checkRequest: allowed }));
    if (allowed && (answer.status === 400 || answer.status === 422)) {
      const op = this.doc.paths[req.operation.slice(req.operation.indexOf(" ") + 1)][req.method.toLowerCase()] as Json;
      const rules = Object.keys((op["x-rules"] ?? {}) as Json);
      const problem = answer.type.startsWith("application/problem+json");
      const named = problem ? ((answer.body as { errors?: { path: string }[] } | null)?.errors ?? []).map((e) => e.path) : [];
      // A page for a person (an email's link) names no field: a rule about a path parameter (the signed link) excuses it.
      const pathParams = ((op.parameters ?? []) as Json[]).filter((p) => p.in === "path").map((p) => p.name as string);
      const excused = problem
        ? named.length > 0 && named.every((path) => rules.some((rule) => path === rule || path.startsWith(`${rule}.`)))
        : rules.some((rule) => pathParams.includes(rule));
      if (!excused) problems.push(`${where}: a request the document allows was refused: ${JSON.stringify(answer.body).slice(0, 300)}`);
    }
    if (!allowed && answer.status >= 200 && answer.status < 300 && req.broken) {
      // Not a failure: the server may take more than the document promises. Reported by the caller.
    }
    return problems;
  }
}

/** Sends a request to `base` (an origin) with fetch; an event stream is closed once its head is read. */
export async function send(base: string, token: string | null, req: FuzzRequest): Promise<FuzzAnswer> {
  const controller = new AbortController();
  const headers: Record<string, string> = { ...req.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  if (req.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(base + req.url, {
    method: req.method,
    headers,
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
    signal: controller.signal,
    redirect: "manual",
  });
  const type = res.headers.get("content-type") ?? "";
  let body: unknown;
  if (type.startsWith("text/event-stream")) {
    controller.abort();
  } else {
    const text = await res.text();
    body = text === "" ? undefined : /json/.test(type) ? JSON.parse(text) : text;
  }
  return { status: res.status, type, headers: Object.fromEntries(res.headers), body };
}

/** The JSON request body's schema, if the operation takes one. */
function jsonBodySchema(op: Json): Schema | undefined {
  return op.requestBody?.content?.["application/json"]?.schema as Schema | undefined;
}

/** What a generated client accepts: every media type the operation answers with. */
function acceptOf(op: Json): string {
  const types = new Set<string>();
  for (const reply of Object.values((op.responses ?? {}) as Record<string, Json>)) for (const type of Object.keys(reply.content ?? {})) types.add(type);
  types.delete("*/*");
  return types.size ? [...types].join(", ") : "*/*";
}

function typesOf(s: Schema): string[] {
  if (Array.isArray(s.type)) return s.type as string[];
  if (typeof s.type === "string") return [s.type];
  if (s.properties || s.additionalProperties !== undefined) return ["object"];
  if (s.items || s.maxItems !== undefined) return ["array"];
  return [];
}

function serialize(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function without<T extends object>(o: T, key: string): T {
  const { [key]: _gone, ...rest } = o as Record<string, unknown>;
  return rest as T;
}

const codePoints = (s: string) => [...s].length;

function instantIn(ms: number, offset: string, millis: boolean): string {
  const sign = offset === "Z" ? 0 : offset.startsWith("-") ? -1 : 1;
  const minutes = offset === "Z" ? 0 : sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(ms + minutes * 60_000).toISOString();
  return `${millis ? local.slice(0, 23) : local.slice(0, 19)}${offset}`;
}
