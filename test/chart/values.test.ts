/**
 * values.yaml, values.schema.json and the values reference in docs/deploy.md
 * describe the same keys; every key is documented; the schema rejects what
 * helm would otherwise pass silently.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from "yaml";
import { ROOT } from "../../scripts/root.js";
import { CHART_DIR, helm, KUBE_VERSION, TARGETS, valuesFile } from "./lib/chart.js";

/** Keys whose value is an object passed through as a whole (documented once, not key by key). */
const OPAQUE = new Set(["dapr.resiliency"]);

interface ValueKey {
  path: string;
  documented: boolean;
}

/** Documentable keys of values.yaml: scalars, lists, flow maps ({ ... }) and opaque objects; block maps are sections. */
function valueKeys(map: YAMLMap, prefix = ""): ValueKey[] {
  const out: ValueKey[] = [];
  map.items.forEach((pair, index) => {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const keyPath = prefix ? `${prefix}.${key}` : key;
    // The parser attaches a comment above a map's first key to the map itself.
    const comment = (isScalar(pair.key) ? pair.key.commentBefore : undefined) ?? (index === 0 ? map.commentBefore : undefined);
    const opaque = OPAQUE.has(keyPath) || key === "resources";
    const isSection = isMap(pair.value) && !pair.value.flow && pair.value.items.length > 0 && !opaque;
    if (isSection) out.push(...valueKeys(pair.value as YAMLMap, keyPath));
    else out.push({ path: keyPath, documented: typeof comment === "string" && /^[ \t]*-- \S/m.test(comment) });
  });
  return out;
}

function schemaPaths(schema: any, prefix = ""): string[] {
  if (!schema?.properties || OPAQUE.has(prefix)) return prefix ? [prefix] : [];
  return Object.entries(schema.properties).flatMap(([key, sub]: [string, any]) => {
    const p = prefix ? `${prefix}.${key}` : key;
    // A $ref'd object (a Secret key reference, resources) is one documented value.
    return !sub.$ref && sub.type === "object" && sub.properties ? schemaPaths(sub, p) : [p];
  });
}

const schema = JSON.parse(fs.readFileSync(path.join(CHART_DIR, "values.schema.json"), "utf8"));

describe("chart values: schema and documentation", function () {
  const doc = parseDocument(fs.readFileSync(path.join(CHART_DIR, "values.yaml"), "utf8"));
  const keys = valueKeys(doc.contents as YAMLMap);

  it("every key of values.yaml has a `# --` comment", () => {
    expect(keys.length).to.be.greaterThan(60);
    expect(keys.filter((k) => !k.documented).map((k) => k.path)).to.deep.equal([]);
  });

  it("docs/deploy.md's values reference lists exactly the keys of values.yaml", () => {
    const docs = fs.readFileSync(path.join(ROOT, "docs", "deploy.md"), "utf8");
    const table = [...docs.matchAll(/^\| `([A-Za-z0-9_.]+)` \|/gm)].map((m) => m[1]!);
    const documentable = keys.map((k) => k.path);
    expect(documentable.filter((k) => !table.includes(k)), "missing from docs/deploy.md").to.deep.equal([]);
    expect(table.filter((k) => !documentable.includes(k)), "in docs/deploy.md but not in values.yaml").to.deep.equal([]);
  });

  it("the schema covers every key of values.yaml, and nothing else but helm's `global`", () => {
    const inSchema = new Set(schemaPaths(schema));
    const documentable = keys.map((k) => k.path);
    const notInSchema = documentable.filter((k) => !inSchema.has(k) && ![...inSchema].some((s) => k.startsWith(`${s}.`)));
    expect(notInSchema).to.deep.equal([]);
    const onlyInSchema = [...inSchema].filter((s) => s !== "global" && !documentable.some((k) => k === s || k.startsWith(`${s}.`)));
    expect(onlyInSchema).to.deep.equal([]);
  });

  it("the schema is strict: additionalProperties is false on every object it lists properties for", () => {
    const open: string[] = [];
    const walk = (node: any, at: string) => {
      if (!node || typeof node !== "object") return;
      if (node.type === "object" && node.properties && node.additionalProperties !== false) open.push(at);
      for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
    };
    walk(schema, "#");
    expect(open).to.deep.equal([]);
  });

  it("every values file validates; a misspelled key, a wrong type or a bad enum value is refused by helm", () => {
    for (const target of TARGETS) {
      const ok = helm(["template", "x", CHART_DIR, "--kube-version", KUBE_VERSION, "-f", valuesFile(target)]);
      expect(ok.ok, `${target}: ${ok.stderr}`).to.equal(true);
    }
    const refused = (set: string, why: RegExp) => {
      const result = helm(["template", "x", CHART_DIR, "--kube-version", KUBE_VERSION, "--set", set]);
      expect(result.ok, set).to.equal(false);
      expect(result.stderr, set).to.match(why);
    };
    refused("apps.api.replica=3", /additional properties 'replica' not allowed/);
    refused("ingres.enabled=true", /additional properties 'ingres' not allowed/);
    refused("apps.api.port=eighty", /got string, want integer/);
    refused("kafka.mode=confluent", /kafka\/mode/);
    refused("dapr.tracing.samplingRate=2", /samplingRate/);
    refused("image.pullPolicy=Sometimes", /pullPolicy/);
  });

  it("values files only override keys values.yaml has (they are checked by the same schema)", () => {
    for (const target of TARGETS) {
      const overrides = parseDocument(fs.readFileSync(valuesFile(target), "utf8")).contents;
      expect(isMap(overrides) || isSeq(overrides), target).to.equal(true);
    }
  });
});
