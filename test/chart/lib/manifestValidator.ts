/**
 * Validates Kubernetes manifests the way the API server would on a strict
 * apply (`kubectl apply --validate=strict`), offline:
 *   - built-in kinds against the Kubernetes OpenAPI v3 documents,
 *   - custom kinds (Dapr, Strimzi) against their CRDs' openAPIV3Schema, with
 *     metadata against ObjectMeta,
 * where an object that lists its properties accepts no other field unless its
 * schema says x-kubernetes-preserve-unknown-fields (the API server's field
 * validation does the same). A kind without a schema is an error.
 */
import fs from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction, type ErrorObject } from "ajv";
import { parseAllDocuments } from "yaml";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface Manifest {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; labels?: Record<string, unknown>; annotations?: Record<string, unknown> };
  [field: string]: unknown;
}

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Decimal and binary SI quantities as resource.ParseQuantity accepts them. */
const QUANTITY = "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[KMGTPE]i|[mkMGTPE])?$";
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^(?=.{1,63}$)[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** Kinds whose names must be DNS-1035 labels (they become DNS names). */
const DNS_LABEL_KINDS = new Set(["Service"]);

/**
 * Makes an OpenAPI/CRD schema strict in place: objects with declared
 * properties and no additionalProperties reject unknown fields, unless
 * x-kubernetes-preserve-unknown-fields says otherwise; int-or-string becomes
 * an explicit anyOf; Quantity strings are checked.
 */
function strictify(schema: Json): void {
  if (Array.isArray(schema)) {
    schema.forEach(strictify);
    return;
  }
  if (!isObject(schema)) return;
  for (const value of Object.values(schema)) strictify(value);
  if (schema["x-kubernetes-int-or-string"] === true && !schema.anyOf && !schema.oneOf) {
    schema.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  if (schema["x-kubernetes-embedded-resource"] === true && isObject(schema.properties)) {
    schema.properties = { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, ...schema.properties };
  }
  if (isObject(schema.properties) && schema.additionalProperties === undefined && schema["x-kubernetes-preserve-unknown-fields"] !== true) {
    schema.additionalProperties = false;
  }
}

/**
 * The API server reads `pattern` as a Go (RE2) expression. The one RE2-only
 * construct the pinned schemas use is the case-insensitive flag group
 * `(?i)` (the Prometheus operator's CRDs, e.g. `^(?i)(abort|warn)?$`), which
 * JavaScript has as the `i` flag instead; every such pattern applies it to
 * the whole expression.
 */
const goRegExp = Object.assign(
  (pattern: string, flags: string) => (pattern.includes("(?i)") ? new RegExp(pattern.replaceAll("(?i)", ""), `${flags}i`) : new RegExp(pattern, flags)),
  { code: "new RegExp" },
);

function newAjv(): Ajv {
  // strict: false because the documents carry x-kubernetes-* keywords and
  // OpenAPI-only ones that are annotations, not assertions.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false, code: { regExp: goRegExp } });
  const int = (bits: number) => ({ type: "number" as const, validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** (bits - 1) });
  ajv.addFormat("int32", int(32));
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat("double", { type: "number", validate: () => true });
  ajv.addFormat("float", { type: "number", validate: () => true });
  ajv.addFormat("byte", /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  ajv.addFormat("int-or-string", true);
  return ajv;
}

const gvkKey = (apiVersion: string, kind: string) => `${apiVersion}/${kind}`;

export interface SchemaSources {
  /** Folder of Kubernetes OpenAPI v3 documents (api__v1_openapi.json, apis__apps__v1_openapi.json, ...). */
  kubernetesOpenApiDir: string;
  /** Files holding CustomResourceDefinitions (YAML, one or more per file). */
  crdFiles: string[];
}

export class ManifestValidator {
  private readonly ajv = newAjv();
  /** apiVersion/kind → how to compile its validator (lazily: most kinds are never used). */
  private readonly sources = new Map<string, () => ValidateFunction>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly crdKinds = new Set<string>();
  private readonly loadedDocuments = new Set<string>();

  constructor(private readonly from: SchemaSources) {
    this.indexKubernetes();
    for (const file of from.crdFiles) this.indexCrds(file);
  }

  /** apiVersion/kind pairs this validator knows. */
  kinds(): string[] {
    return [...this.sources.keys()].sort();
  }

  /** Problems of one manifest; empty when it is valid. */
  validate(doc: Manifest): string[] {
    const where = `${String(doc.kind)} ${String(doc.metadata?.name ?? "(no name)")}`;
    if (typeof doc.apiVersion !== "string" || typeof doc.kind !== "string") return [`${where}: apiVersion and kind are required strings`];
    const key = gvkKey(doc.apiVersion, doc.kind);
    const validator = this.validatorFor(key);
    if (!validator) return [`${where}: no schema for ${key} (unknown or misspelled apiVersion/kind)`];
    const problems: string[] = [];
    if (!validator(doc)) problems.push(...describe(validator.errors ?? []));
    if (this.crdKinds.has(key)) {
      // A CRD's schema leaves metadata open; the API server checks it as ObjectMeta.
      const meta = this.validatorFor("#ObjectMeta")!;
      if (!meta(doc.metadata ?? {})) problems.push(...describe(meta.errors ?? [], "/metadata"));
    }
    problems.push(...metadataProblems(doc));
    return problems.map((p) => `${where}: ${p}`);
  }

  private validatorFor(key: string): ValidateFunction | undefined {
    const known = this.compiled.get(key);
    if (known) return known;
    const make = this.sources.get(key);
    if (!make) return undefined;
    const validator = make();
    this.compiled.set(key, validator);
    return validator;
  }

  private indexKubernetes(): void {
    const dir = this.from.kubernetesOpenApiDir;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith("_openapi.json"))) {
      // Only the per-group-version documents carry schemas with GVKs; reading
      // the 60-odd files (11 MB) takes well under a second.
      const doc = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as JsonObject;
      const schemas = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
      for (const [name, schema] of Object.entries(schemas)) {
        if (name === "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" && file === "api__v1_openapi.json") {
          this.sources.set("#ObjectMeta", () => this.compileFromDocument(file, doc, name));
        }
        if (!isObject(schema) || !Array.isArray(schema["x-kubernetes-group-version-kind"])) continue;
        for (const gvk of schema["x-kubernetes-group-version-kind"]) {
          if (!isObject(gvk)) continue;
          const apiVersion = gvk.group ? `${String(gvk.group)}/${String(gvk.version)}` : String(gvk.version);
          // A type is listed in several documents (e.g. DeleteOptions); the
          // document of its own group-version is the one that defines it.
          const key = gvkKey(apiVersion, String(gvk.kind));
          const own = file === openApiFileFor(apiVersion);
          if (this.sources.has(key) && !own) continue;
          this.sources.set(key, () => this.compileFromDocument(file, doc, name));
        }
      }
    }
  }

  private compileFromDocument(file: string, doc: JsonObject, schemaName: string): ValidateFunction {
    if (!this.loadedDocuments.has(file)) {
      const schemas = (doc.components as JsonObject).schemas as JsonObject;
      const quantity = schemas["io.k8s.apimachinery.pkg.api.resource.Quantity"];
      if (isObject(quantity) && Array.isArray(quantity.oneOf)) {
        quantity.oneOf = quantity.oneOf.map((alt) => (isObject(alt) && alt.type === "string" ? { ...alt, pattern: QUANTITY } : alt));
      }
      strictify(doc);
      this.ajv.addSchema({ $id: `k8s:${file}`, components: doc.components } as object);
      this.loadedDocuments.add(file);
    }
    return this.ajv.compile({ $ref: `k8s:${file}#/components/schemas/${schemaName}` });
  }

  private indexCrds(file: string): void {
    for (const parsed of parseAllDocuments(fs.readFileSync(file, "utf8"))) {
      const crd = parsed.toJS() as JsonObject | null;
      if (!isObject(crd) || crd.kind !== "CustomResourceDefinition" || !isObject(crd.spec)) continue;
      const spec = crd.spec;
      const group = String(spec.group);
      const kind = String((spec.names as JsonObject).kind);
      for (const version of (spec.versions as JsonObject[]) ?? []) {
        if (version.served === false) continue;
        const schema = isObject(version.schema) ? version.schema.openAPIV3Schema : undefined;
        if (!isObject(schema)) continue;
        const key = gvkKey(`${group}/${String(version.name)}`, kind);
        this.crdKinds.add(key);
        this.sources.set(key, () => {
          const copy = structuredClone(schema);
          strictify(copy);
          return this.ajv.compile(copy as object);
        });
      }
    }
  }
}

/** The OpenAPI v3 document that defines a group-version ("apps/v1" → apis__apps__v1_openapi.json). */
function openApiFileFor(apiVersion: string): string {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  return group ? `apis__${group}__${version}_openapi.json` : `api__${version}_openapi.json`;
}

function describe(errors: ErrorObject[], prefix = ""): string[] {
  return errors.map((e) => {
    const at = `${prefix}${e.instancePath}` || "/";
    if (e.keyword === "additionalProperties") return `${at}: unknown field "${String((e.params as { additionalProperty: string }).additionalProperty)}"`;
    return `${at}: ${e.message ?? e.keyword}`;
  });
}

/** Name, label and annotation rules the API server applies beyond the schema. */
function metadataProblems(doc: Manifest): string[] {
  const problems: string[] = [];
  const name = doc.metadata?.name;
  if (typeof name !== "string") problems.push("/metadata/name: required");
  else if (DNS_LABEL_KINDS.has(String(doc.kind)) ? !DNS_LABEL.test(name) : !DNS_SUBDOMAIN.test(name)) problems.push(`/metadata/name: "${name}" is not a valid name for ${String(doc.kind)}`);
  for (const [key, value] of Object.entries(doc.metadata?.labels ?? {})) {
    if (!QUALIFIED_NAME.test(key)) problems.push(`/metadata/labels: invalid key "${key}"`);
    if (typeof value !== "string" || value.length > 63 || !LABEL_VALUE.test(value)) problems.push(`/metadata/labels/${key}: invalid value ${JSON.stringify(value)}`);
  }
  for (const key of Object.keys(doc.metadata?.annotations ?? {})) {
    if (!QUALIFIED_NAME.test(key)) problems.push(`/metadata/annotations: invalid key "${key}"`);
  }
  return problems;
}

/** Parses a multi-document YAML stream into manifests (empty documents dropped). */
export function parseManifests(yamlText: string): Manifest[] {
  const out: Manifest[] = [];
  for (const parsed of parseAllDocuments(yamlText)) {
    if (parsed.errors.length > 0) throw new Error(`YAML error: ${parsed.errors[0]!.message}`);
    const value = parsed.toJS() as unknown;
    if (value !== null && value !== undefined) out.push(value as Manifest);
  }
  return out;
}
