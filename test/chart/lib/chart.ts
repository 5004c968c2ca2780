/**
 * The chart under test, the tools to render it (helm from scripts/obtain/helm.sh)
 * and the schemas to check it (scripts/chart/obtain-schemas.sh). A tool that
 * cannot be obtained fails the run: these checks never skip.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../../../scripts/root.js";
import { ManifestValidator, parseManifests, type Manifest } from "./manifestValidator.js";

export const CHART_DIR = path.join(ROOT, "charts", "tickler");
/** The targets, each with its values file on top of values.yaml. */
export const TARGETS = ["minikube", "aks", "gke", "oke"] as const;
export type Target = (typeof TARGETS)[number];
/** The Kubernetes version rendered for and validated against (scripts/chart/obtain-schemas.sh). */
export const KUBE_VERSION = "1.34.4";
export const RELEASE = { name: "tickler", namespace: "tickler" };

/** Runs an obtain script: progress goes to our stderr, the path is its last stdout line. */
function obtain(script: string): string {
  const result = spawnSync("bash", [path.join(ROOT, script)], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  const last = result.stdout?.trim().split("\n").pop();
  if (result.status !== 0 || !last) throw new Error(`${script} failed (exit ${result.status}); the chart checks cannot run without it`);
  return last;
}

let helmPath: string | undefined;
export function helmBinary(): string {
  helmPath ??= obtain("scripts/obtain/helm.sh");
  return helmPath;
}

let schemaDir: string | undefined;
export function schemasDir(): string {
  schemaDir ??= obtain("scripts/chart/obtain-schemas.sh");
  return schemaDir;
}

let validator: ManifestValidator | undefined;
export function manifestValidator(): ManifestValidator {
  if (!validator) {
    const dir = schemasDir();
    const crds = (sub: string) => fs.readdirSync(path.join(dir, sub)).filter((f) => f.endsWith(".yaml")).map((f) => path.join(dir, sub, f));
    validator = new ManifestValidator({ kubernetesOpenApiDir: path.join(dir, "kubernetes"), crdFiles: [...crds("dapr"), ...crds("strimzi"), ...crds("prometheus-operator")] });
  }
  return validator;
}

export interface HelmResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs helm with its own empty home, so no user repository or plugin changes the result. */
export function helm(args: string[]): HelmResult {
  const cache = process.env.TICKLER_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "tickler");
  const home = path.join(cache, "helm-home");
  const env = {
    ...process.env,
    HELM_CACHE_HOME: path.join(home, "cache"),
    HELM_CONFIG_HOME: path.join(home, "config"),
    HELM_DATA_HOME: path.join(home, "data"),
  };
  const result = spawnSync(helmBinary(), args, { encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, stdout: result.stdout ?? "", stderr: result.stderr ?? result.error?.message ?? "" };
}

export const valuesFile = (target: Target) => path.join(CHART_DIR, `values-${target}.yaml`);

/** `helm template` of the chart for a target (plus extra --set/-f arguments); throws with helm's message on failure. */
export function render(target: Target | "defaults", extra: string[] = []): Manifest[] {
  const files = target === "defaults" ? [] : ["-f", valuesFile(target)];
  const result = helm(["template", RELEASE.name, CHART_DIR, "--namespace", RELEASE.namespace, "--kube-version", KUBE_VERSION, ...files, ...extra]);
  if (!result.ok) throw new Error(`helm template (${target}) failed:\n${result.stderr}`);
  return parseManifests(result.stdout);
}

export const byKind = (docs: Manifest[], kind: string) => docs.filter((d) => d.kind === kind);
export const named = (docs: Manifest[], kind: string, name: string): Manifest => {
  const found = docs.find((d) => d.kind === kind && d.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} named ${name} among ${docs.map((d) => `${String(d.kind)}/${String(d.metadata?.name)}`).join(", ")}`);
  return found;
};
