/**
 * The chart's optional Prometheus operator resources (monitoring.*): off by
 * default; when on, valid against the operator's pinned CRDs, every alert
 * loaded the way Prometheus loads a rule file (the PromQL parser of
 * Prometheus itself, through scripts/obtain/promrules.sh), every tickler_*
 * metric an alert uses exported by the apps, and the thresholds of the plan
 * taken from values.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import YAML from "yaml";
import { ROOT } from "../../scripts/root.js";
import { Metrics } from "../../src/infra/metrics.js";
import { byKind, helm, KUBE_VERSION, manifestValidator, named, render, RELEASE, TARGETS, valuesFile } from "./lib/chart.js";
import type { Manifest } from "./lib/manifestValidator.js";

const ON = ["--set", "monitoring.prometheusRule.enabled=true", "--set", "monitoring.podMonitor.enabled=true"];
const ALERTS = [
  "TicklerApiLatencyHigh",
  "TicklerEventLagHigh",
  "TicklerWebhookDeliveryRatioLow",
  "TicklerDeadLettersPending",
  "TicklerOutboxGrowing",
  "TicklerConsumerStalled",
  "TicklerDependencyDown",
];

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
}
const rulesOf = (rule: Manifest): Rule[] => (rule as any).spec.groups.flatMap((g: { rules: Rule[] }) => g.rules);

let promrulesPath: string | undefined;
function promrules(): string {
  if (!promrulesPath) {
    const result = spawnSync("bash", [path.join(ROOT, "scripts/obtain/promrules.sh")], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
    const last = result.stdout?.trim().split("\n").pop();
    if (result.status !== 0 || !last) throw new Error("scripts/obtain/promrules.sh failed; the alert rules cannot be checked without it");
    promrulesPath = last;
  }
  return promrulesPath;
}

/** Prometheus's loader on the rule groups: its problems, one per line ([] when it loads). */
function loadAsPrometheus(spec: unknown): string[] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tickler-rules-")), "rules.yaml");
  fs.writeFileSync(file, YAML.stringify(spec));
  const result = spawnSync(promrules(), [file], { encoding: "utf8" });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  if (result.status !== 0 && result.status !== 1) throw new Error(`promrules failed to run: ${result.stderr}`);
  return result.stdout.split("\n").filter(Boolean);
}

/** Series names the apps export (a histogram as its _bucket, _sum and _count). */
async function exportedSeries(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const { name, type } of await new Metrics("api").registry.getMetricsAsJSON()) {
    names.add(name);
    if (String(type) === "histogram") for (const suffix of ["_bucket", "_sum", "_count"]) names.add(name + suffix);
  }
  return names;
}

describe("helm chart: Prometheus alerts and scraping (monitoring.*)", function () {

  it("renders neither resource by default, on any target", () => {
    for (const target of TARGETS) {
      const docs = render(target);
      expect(byKind(docs, "PrometheusRule"), target).to.deep.equal([]);
      expect(byKind(docs, "PodMonitor"), target).to.deep.equal([]);
    }
  });

  for (const target of TARGETS) {
    it(`${target}: when enabled, both lint and are valid against the Prometheus operator's CRDs`, () => {
      const lint = helm(["lint", path.join(ROOT, "charts", "tickler"), "--strict", "--kube-version", KUBE_VERSION, "--namespace", RELEASE.namespace, "-f", valuesFile(target), ...ON]);
      expect(lint.ok, lint.stdout + lint.stderr).to.equal(true);
      const docs = render(target, ON);
      for (const kind of ["PrometheusRule", "PodMonitor"]) {
        const doc = named(docs, kind, "tickler");
        expect(manifestValidator().validate(doc), `${target} ${kind}`).to.deep.equal([]);
      }
    });
  }

  it("the CRD validation is real: a misspelled field or a wrong type fails", () => {
    const rule = structuredClone(named(render("aks", ON), "PrometheusRule", "tickler")) as any;
    rule.spec.groups[0].rules[0].expresion = rule.spec.groups[0].rules[0].expr;
    expect(manifestValidator().validate(rule).join("\n")).to.match(/unknown field "expresion"/);
    const monitor = structuredClone(named(render("aks", ON), "PodMonitor", "tickler")) as any;
    monitor.spec.podMetricsEndpoints = "http";
    expect(manifestValidator().validate(monitor).join("\n")).to.match(/podMetricsEndpoints: must be array/);
  });

  it("has the alerts of the plan's success metrics, dead letters, the outbox, stalled consumers and dependencies, each with a severity", () => {
    const rules = rulesOf(named(render("aks", ON), "PrometheusRule", "tickler"));
    expect(rules.map((r) => r.alert)).to.deep.equal(ALERTS);
    for (const r of rules) expect(["warning", "critical"], r.alert).to.include(r.labels?.severity);
    const byName = Object.fromEntries(rules.map((r) => [r.alert, r]));
    // The plan: p95 API < 500 ms, event latency < 100 ms; dead letters > 0 for 10 minutes.
    expect(byName.TicklerApiLatencyHigh!.expr).to.match(/histogram_quantile\(0\.95,[\s\S]*tickler_http_request_duration_seconds_bucket[\s\S]*> 0\.5\s*$/);
    expect(byName.TicklerEventLagHigh!.expr).to.match(/histogram_quantile\(0\.99,[\s\S]*tickler_event_lag_seconds_bucket[\s\S]*> 0\.1\s*$/);
    expect(byName.TicklerDeadLettersPending!).to.include({ for: "10m" });
    expect(byName.TicklerDeadLettersPending!.expr).to.match(/tickler_dead_letters_pending.*> 0$/);
    // Scoped to the release's namespace, so two releases do not alert on each other.
    for (const r of rules) expect(r.expr, r.alert).to.include(`namespace="${RELEASE.namespace}"`);
  });

  it("takes thresholds and labels from values", () => {
    const docs = render("aks", [
      ...ON,
      // --set would pass a decimal as a string; the schema wants a number.
      "--set-json", "monitoring.prometheusRule.apiP95Seconds=0.3",
      "--set-json", "monitoring.prometheusRule.eventLagP99Seconds=0.05",
      "--set", "monitoring.prometheusRule.deadLettersFor=30m",
      "--set", "monitoring.prometheusRule.labels.release=kube-prometheus-stack",
      "--set", "monitoring.prometheusRule.alertLabels.team=tasks",
    ]);
    const rule = named(docs, "PrometheusRule", "tickler");
    expect(rule.metadata?.labels).to.include({ release: "kube-prometheus-stack" });
    const byName = Object.fromEntries(rulesOf(rule).map((r) => [r.alert, r]));
    expect(byName.TicklerApiLatencyHigh!.expr).to.match(/> 0\.3\s*$/);
    expect(byName.TicklerEventLagHigh!.expr).to.match(/> 0\.05\s*$/);
    expect(byName.TicklerDeadLettersPending!.for).to.equal("30m");
    for (const r of rulesOf(rule)) expect(r.labels, r.alert).to.include({ team: "tasks" });
    expect(loadAsPrometheus((rule as any).spec)).to.deep.equal([]);
  });

  it("Prometheus's own rule loader accepts every group: expressions parse, templates and labels are valid", () => {
    const rule = named(render("aks", ON), "PrometheusRule", "tickler");
    expect(loadAsPrometheus((rule as any).spec)).to.deep.equal([]);
  });

  it("the loader is real: a broken expression or annotation template is reported", () => {
    const spec = structuredClone((named(render("aks", ON), "PrometheusRule", "tickler") as any).spec);
    spec.groups[0].rules[0].expr = "histogram_quantile(0.95, sum by (le) (rate(tickler_http_request_duration_seconds_bucket[5m]))";
    spec.groups[1].rules[0].annotations.summary = "{{ $value | humanize ";
    const problems = loadAsPrometheus(spec).join("\n");
    expect(problems).to.match(/TicklerApiLatencyHigh.*could not parse expression/);
    expect(problems).to.match(/TicklerDeadLettersPending.*annotation "summary".*unclosed action/);
  });

  it("uses only tickler_* metrics the apps export", async () => {
    const exported = await exportedSeries();
    const rules = rulesOf(named(render("aks", ON), "PrometheusRule", "tickler"));
    const used = new Set(rules.flatMap((r) => [...r.expr.matchAll(/\btickler_[a-z_]+\b/g)].map((m) => m[0])));
    expect(used.size).to.be.greaterThan(5);
    expect([...used].filter((name) => !exported.has(name))).to.deep.equal([]);
  });

  it("the PodMonitor scrapes /metrics on the port every app container names http, for this release's pods only", () => {
    const docs = render("aks", ON);
    const monitor = named(docs, "PodMonitor", "tickler") as any;
    expect(monitor.spec.podMetricsEndpoints).to.deep.equal([{ port: "http", path: "/metrics", interval: "30s" }]);
    for (const d of byKind(docs, "Deployment") as any[]) {
      if (!d.spec.template.metadata.annotations?.["dapr.io/app-id"]) continue;
      const labels = d.spec.template.metadata.labels;
      for (const [k, v] of Object.entries(monitor.spec.selector.matchLabels)) expect(labels[k], `${d.metadata.name} ${k}`).to.equal(v);
      expect(d.spec.template.spec.containers[0].ports.map((p: { name: string }) => p.name)).to.include("http");
    }
  });
});
