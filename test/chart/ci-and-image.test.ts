/**
 * The CI workflow is a valid GitHub Actions workflow (SchemaStore's schema as
 * bundled by @action-validator/core, offline) that runs the README's test
 * command, builds the image and lints/renders the chart; the Dockerfile's
 * build context holds what its stages copy.
 */
import fs from "node:fs";
import path from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { expect } from "chai";
import { parse } from "yaml";
import { ROOT } from "../../scripts/root.js";

const WORKFLOW = path.join(ROOT, ".github", "workflows", "ci.yml");

/** `entry` and every file under scripts/ it imports, transitively (relative imports; src/ and web/ are copied whole). */
function scriptsImportedFrom(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const m of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"/gm)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!.replace(/\.js$/, ".ts")));
      if (target.startsWith("scripts/")) visit(target);
    }
  };
  visit(entry);
  return [...seen].sort();
}

describe("CI workflow and container image", () => {
  it("the workflow is valid against the GitHub workflow schema", () => {
    const state = validateWorkflow(fs.readFileSync(WORKFLOW, "utf8"));
    expect(state.errors, JSON.stringify(state.errors, null, 2)).to.deep.equal([]);
  });

  it("the validator rejects a broken workflow (so the check above means something)", () => {
    const broken = fs.readFileSync(WORKFLOW, "utf8").replace("runs-on:", "run-on:");
    expect(validateWorkflow(broken).errors).to.not.deep.equal([]);
  });

  it("the workflow tests on the image's Node and the oldest supported one, sets up Go and Java 21, caches the tools, runs npm test, builds the image and lints/renders the chart", () => {
    const workflow = parse(fs.readFileSync(WORKFLOW, "utf8"));
    const steps = Object.values(workflow.jobs as Record<string, { steps: any[] }>).flatMap((j) => j.steps);
    const uses = (action: string) => steps.filter((s) => typeof s.uses === "string" && s.uses.startsWith(`${action}@`));
    expect(uses("actions/checkout")).to.have.length.greaterThan(0);
    // The Node matrix: the major the image runs, and the major of the
    // minimum in package.json "engines" (README: Node.js runtime).
    expect(uses("actions/setup-node")[0].with["node-version"]).to.equal("${{ matrix.node }}");
    const imageMajor = Number(/^ARG NODE_MAJOR=(\d+)$/m.exec(fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8"))?.[1]);
    const engines = String(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).engines.node);
    const minimumMajor = Number(/^>=\s*(\d+)/.exec(engines)?.[1]);
    expect(imageMajor).to.equal(24);
    expect(workflow.jobs.test.strategy.matrix.node).to.deep.equal([imageMajor, minimumMajor]);
    expect(uses("actions/setup-go")).to.have.length.greaterThan(0);
    expect(uses("actions/setup-java")[0].with["java-version"]).to.equal("21");
    expect(uses("actions/cache").map((s) => String(s.with.path))).to.satisfy((paths: string[]) => paths.some((p) => p.includes("~/.cache/tickler")) && paths.some((p) => p.includes("~/go/pkg/mod")));
    // The README's test command.
    expect(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).to.include("npm test");
    expect(steps.some((s) => s.run === "npm test")).to.equal(true);
    expect(uses("docker/build-push-action")).to.have.length.greaterThan(0);
    const chartStep = steps.find((s) => typeof s.run === "string" && s.run.includes("scripts/obtain/helm.sh"));
    expect(chartStep.run).to.include("lint").and.to.include("template").and.to.include("values-*.yaml");
  });

  it("the Dockerfile builds in stages, runs as a numeric non-root user, checks /healthz and copies only what .dockerignore lets in", () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8");
    const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => ({ image: m[1]!, name: m[2] }));
    expect(stages.length).to.be.at.least(2);
    expect(dockerfile).to.match(/RUN npm run build/);
    expect(dockerfile).to.match(/npm ci --omit=dev/);
    const user = dockerfile.match(/^USER\s+(\S+)/im)?.[1] ?? "";
    expect(user).to.match(/^[1-9][0-9]*(:[0-9]+)?$/);
    expect(dockerfile).to.match(/^HEALTHCHECK[\s\S]*\/healthz/m);
    expect(dockerfile).to.match(/^CMD \["dist\/main\.js"\]/m);

    // Every COPY from the build context must be present and let in by .dockerignore (an allow-list).
    const ignore = fs.readFileSync(path.join(ROOT, ".dockerignore"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
    expect(ignore[0]).to.equal("*");
    const allowed = ignore.filter((l) => l.startsWith("!")).map((l) => l.slice(1).replace(/\/$/, ""));
    const contextCopies = [...dockerfile.matchAll(/^COPY[ \t]+(?!--from)(\S.*)$/gm)].flatMap((m) => m[1]!.split(/\s+/).filter((t) => !t.startsWith("--")).slice(0, -1));
    expect(contextCopies.length).to.be.greaterThan(0);
    for (const source of contextCopies) {
      expect(fs.existsSync(path.join(ROOT, source)), source).to.equal(true);
      expect(allowed, `${source} is excluded by .dockerignore`).to.include(source.replace(/\/$/, ""));
    }
    // The web build's scripts (build-web.ts and what it imports from scripts/, transitively) are all copied:
    // by the Dockerfile and by the local cluster's image build (scripts/cluster/images.sh).
    const webBuildScripts = scriptsImportedFrom("scripts/build-web.ts");
    const imagesSh = fs.readFileSync(path.join(ROOT, "scripts", "cluster", "images.sh"), "utf8");
    const sourcesLine = imagesSh.split("\n").map((l) => l.trim()).find((l) => l.startsWith("sources=(")) ?? "";
    const imagesShSources = sourcesLine.slice("sources=(".length, sourcesLine.indexOf(")")).split(" ").filter(Boolean);
    for (const script of webBuildScripts) {
      expect(contextCopies, `the Dockerfile copies ${script} (the web build imports it)`).to.include(script);
      expect(imagesShSources, `scripts/cluster/images.sh lists ${script} among its sources (the web build imports it)`).to.include(script);
    }
    // The build compiles with the same config the image runs: ESM output in dist/.
    const build = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.build.json"), "utf8"));
    expect(build.compilerOptions.outDir).to.equal("dist");
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).type).to.equal("module");
  });
});
