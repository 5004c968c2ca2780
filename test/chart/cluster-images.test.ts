/**
 * The images of the local cluster (scripts/cluster/images.sh) fit what runs
 * them: Tickler's image keeps the Dockerfile's layout, the Dapr images are
 * named and laid out as Dapr's own Helm chart (of the pinned version) expects,
 * and the chart's default Kafka image is the Kafka version the stack obtains.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { parse } from "yaml";
import { ROOT } from "../../scripts/root.js";
import { CHART_DIR, manifestValidator, named, render } from "./lib/chart.js";

const CLUSTER = path.join(ROOT, "scripts", "cluster");
const read = (file: string) => fs.readFileSync(file, "utf8");

/** Instructions of a Dockerfile/Containerfile (continuation lines joined), keyed by instruction. */
function instructions(text: string): { op: string; args: string }[] {
  return text
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => ({ op: l.split(/\s+/)[0]!.toUpperCase(), args: l.slice(l.split(/\s+/)[0]!.length).trim() }));
}
/** The instructions of the Dockerfile's last stage (the runtime image). */
function runtimeStage(text: string) {
  const all = instructions(text);
  const last = all.map((i) => i.op).lastIndexOf("FROM");
  return all.slice(last);
}
const values = (list: { op: string; args: string }[], op: string) => list.filter((i) => i.op === op).map((i) => i.args.replace(/\s+/g, " "));

/** The Dapr module source the stack's build downloaded (scripts/obtain/dapr.sh), from the Go module cache. */
function daprSource(): string {
  const version = /version="\$\{DAPR_VERSION:-([0-9.]+)\}"/.exec(read(path.join(ROOT, "scripts", "obtain", "dapr.sh")))![1]!;
  const result = spawnSync("go", ["mod", "download", "-json", `github.com/dapr/dapr@v${version}`], { encoding: "utf8", cwd: ROOT, env: { ...process.env, GOFLAGS: "-mod=mod" } });
  const dir = result.status === 0 ? (JSON.parse(result.stdout) as { Dir?: string }).Dir : undefined;
  if (!dir) throw new Error(`go mod download github.com/dapr/dapr@v${version} failed: ${result.stderr}`);
  return dir;
}

describe("cluster images: layout and names", function () {

  it("Tickler's cluster image keeps the Dockerfile's runtime layout: /app, node_modules and dist, the env, port, user and command", () => {
    const docker = runtimeStage(read(path.join(ROOT, "Dockerfile")));
    const cluster = instructions(read(path.join(CLUSTER, "image-tickler.Containerfile")));
    for (const op of ["WORKDIR", "ENV", "USER", "EXPOSE", "CMD"]) expect(values(cluster, op), op).to.deep.equal(values(docker, op));
    const copied = (list: typeof docker) => values(list, "COPY").map((a) => a.split(" ").pop());
    for (const dest of copied(docker)) expect(copied(cluster), `COPY to ${dest}`).to.include(dest);
    // The Dockerfile's HEALTHCHECK and distroless' entrypoint name node at /nodejs/bin/node.
    expect(values(docker, "HEALTHCHECK")[0]).to.include("/nodejs/bin/node");
    expect(values(cluster, "ENTRYPOINT")).to.deep.equal(['["/nodejs/bin/node"]']);
    expect(values(cluster, "COPY")).to.include("node /nodejs/bin/node");
  });

  it("the Dapr images are the ones Dapr's chart names (global.registry/<image.name>:<tag>), with each binary at /<name> as its commands call it", () => {
    const chart = path.join(daprSource(), "charts", "dapr", "charts");
    const expected: Record<string, string> = {};
    for (const sub of fs.readdirSync(chart)) {
      const file = path.join(chart, sub, "values.yaml");
      if (!fs.existsSync(file)) continue;
      const v = parse(read(file)) as { image?: { name?: string }; injectorImage?: { name?: string } };
      for (const image of [v.image?.name, v.injectorImage?.name]) if (image) expected[image] = sub;
    }
    expect(Object.keys(expected).sort()).to.deep.equal(["daprd", "injector", "operator", "placement", "scheduler", "sentry"]);
    const script = read(path.join(CLUSTER, "images.sh"));
    for (const name of Object.keys(expected)) {
      expect(script, name).to.include(`dapr-${name}`);
      // The chart's deployment runs "/<name>" (the sidecar injector builds daprd's command itself).
      if (name !== "daprd") {
        const templates = fs.readdirSync(path.join(chart, expected[name]!, "templates")).map((f) => read(path.join(chart, expected[name]!, "templates", f))).join("\n");
        expect(templates, `${name}'s command`).to.include(`- "/${name}"`);
      }
    }
    expect(script).to.include('"localhost/dapr/$bin:$dapr_version"');
    const containerfile = instructions(read(path.join(CLUSTER, "image-dapr.Containerfile")));
    expect(values(containerfile, "COPY")).to.deep.equal(["${BIN} /${BIN}"]);
    expect(values(containerfile, "USER")).to.deep.equal(["65532:65532"]);
  });

  it("the chart's default Kafka image is the Kafka version the stack obtains, and images.sh builds that tag", () => {
    const kafkaVersion = /<kafka.version>([^<]+)<\/kafka.version>/.exec(read(path.join(ROOT, "scripts", "obtain", "kafka", "pom.xml")))![1];
    const chartValues = parse(read(path.join(CHART_DIR, "values.yaml"))) as { kafka: { pods: { image: string } } };
    expect(chartValues.kafka.pods.image).to.equal(`localhost/kafka:${kafkaVersion}`);
    expect(read(path.join(CLUSTER, "images.sh"))).to.include('"localhost/kafka:$kafka_version"');
  });

  it("the dev MongoDB can run the read store image (devServices.mongodb.server=secantusd): its flags, a TCP probe, valid manifests", () => {
    const docs = render("minikube", ["--set", "devServices.mongodb.server=secantusd", "--set", "devServices.mongodb.image=localhost/secantus:0.5.3-beta.196"]);
    const pod = (named(docs, "StatefulSet", "tickler-mongodb") as any).spec.template.spec;
    const container = pod.containers[0];
    expect(container.image).to.equal("localhost/secantus:0.5.3-beta.196");
    expect(container.args.slice(0, 6)).to.deep.equal(["--host", "0.0.0.0", "--port", "27017", "--storage-path", "/data/db"]);
    expect(container.readinessProbe.tcpSocket.port).to.equal("mongodb");
    expect(container.securityContext.readOnlyRootFilesystem).to.equal(true);
    const problems = docs.flatMap((d) => manifestValidator().validate(d));
    expect(problems, problems.join("\n")).to.deep.equal([]);
    // The default stays MongoDB's own image and its mongosh probe.
    const mongod = (named(render("minikube"), "StatefulSet", "tickler-mongodb") as any).spec.template.spec.containers[0];
    expect(mongod.args[0]).to.equal("mongod");
    expect(mongod.readinessProbe.exec.command[0]).to.equal("mongosh");
  });

  it("images.sh documents the interface it implements: every image name, --only, --import", () => {
    const script = read(path.join(CLUSTER, "images.sh"));
    const names = /^all_names=\(([^)]*)\)/m.exec(script)![1]!.split(/\s+/).filter(Boolean);
    expect(names).to.have.length(11);
    const header = script.slice(0, script.indexOf("set -euo pipefail"));
    for (const name of names) expect(header, name).to.include(name.startsWith("dapr-") ? name.replace(/^dapr-/, "") : name);
    expect(header).to.include("--only").and.to.include("--import");
  });
});
