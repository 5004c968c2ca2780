// The front door of `npm start`, `npm test`, `npm run bench`, `npm run chaos`
// and the mocha script lines:
//
//   node scripts/ensure-deps.mjs [<entry> [args...]]
//
// 1. Installs npm dependencies when they are missing or older than the lock
//    file, so a fresh clone needs no other step.
// 2. With an entry, runs it (a .ts entry through tsx) under a Node.js that
//    meets package.json "engines": the node running this file when it does,
//    else the pinned Node.js LTS that scripts/obtain/node.sh fetches from the
//    npm registry into the tool cache (docs/development.md: Node.js runtime). The child gets
//    that node first on PATH, so everything it starts (tsc, eslint, mocha, the
//    stack's apps, tools run through their shebangs) runs on the same node.
//
// This file must itself start on old Node.js releases (it is what rescues a
// machine whose node is too old), so it sticks to plain ES2020 and node: APIs
// that every release since 14 has.
import { execSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const stamp = path.join(root, "node_modules", ".package-lock.json");
const lock = path.join(root, "package-lock.json");
const stale = !fs.existsSync(stamp) || fs.statSync(lock).mtimeMs > fs.statSync(stamp).mtimeMs + 1000;
if (stale) {
  process.stderr.write("[deps] installing npm dependencies (npm ci)\n");
  execSync("npm ci --no-audit --no-fund", { stdio: "inherit", cwd: root });
}

/** "22.15" or "v24.1.0" → [22, 15, 0] */
function parseVersion(text) {
  const parts = text.replace(/^v/, "").split(".").map(Number);
  while (parts.length < 3) parts.push(0);
  return parts.slice(0, 3);
}
function atLeast(version, minimum) {
  for (let i = 0; i < 3; i++) if (version[i] !== minimum[i]) return version[i] > minimum[i];
  return true;
}

// The minimum comes from engines, the one place it is written down; only the
// plain ">=X.Y[.Z]" form is understood, so a change to another form fails here
// instead of being misread.
const engines = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).engines?.node ?? "";
const match = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(engines.trim());
if (!match) {
  process.stderr.write(`[node] ERROR: package.json engines.node is "${engines}"; scripts/ensure-deps.mjs understands only ">=X.Y.Z"\n`);
  process.exit(2);
}
const minimum = parseVersion(match[1]);
const minimumText = match[1];

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  // Called the old way (`ensure-deps.mjs && node ... script`): the next
  // command runs on the node on PATH, which may be too old; say so.
  if (!atLeast(parseVersion(process.versions.node), minimum)) {
    process.stderr.write(
      `[node] WARNING: node v${process.versions.node} is older than the supported minimum ${minimumText}; ` +
        `"node scripts/ensure-deps.mjs <script> [args]" runs a script on a supported node\n`,
    );
  }
  process.exit(0);
}

/** The version a node binary reports, or null when it does not run. */
function versionOf(binary) {
  const result = spawnSync(binary, ["--version"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

let node = process.execPath;
let why = "";
const own = process.versions.node;
if (process.env.TICKLER_NODE) {
  // An explicit choice (for example the obtained node on a machine whose own
  // node is new enough, to reproduce what CI's other matrix leg runs).
  node = process.env.TICKLER_NODE;
  why = "TICKLER_NODE";
} else if (!atLeast(parseVersion(own), minimum)) {
  process.stderr.write(`[node] this node, v${own}, is older than the supported minimum ${minimumText} (package.json engines); obtaining the pinned LTS\n`);
  const result = spawnSync("bash", [path.join(root, "scripts", "obtain", "node.sh")], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  const last = (result.stdout || "").trim().split("\n").pop();
  if (result.status !== 0 || !last) {
    process.stderr.write(`[node] ERROR: obtaining Node.js failed (scripts/obtain/node.sh exited ${result.status}); install Node.js >= ${minimumText}\n`);
    process.exit(1);
  }
  node = last;
  why = `the node on PATH, v${own}, is older than ${minimumText}`;
}
const version = node === process.execPath ? `v${own}` : versionOf(node);
if (!version || !atLeast(parseVersion(version), minimum)) {
  process.stderr.write(`[node] ERROR: ${node} reports ${version ?? "nothing"}; the supported minimum is ${minimumText}\n`);
  process.exit(1);
}
process.stderr.write(`[node] Node.js ${version} (${node}) runs ${entry}${why ? `; ${why}` : ""}\n`);

const env = { ...process.env };
if (node !== process.execPath) {
  env.PATH = `${path.dirname(node)}${path.delimiter}${env.PATH ?? ""}`;
  // npm sets these to its own node; whatever reads them should see ours.
  env.NODE = node;
  env.npm_node_execpath = node;
}
const child = spawn(node, [...(entry.endsWith(".ts") ? ["--import", "tsx"] : []), entry, ...args], { stdio: "inherit", env });

// Ctrl-C reaches the child directly (same process group); a signal sent to
// this process alone (npm passing on a SIGTERM) is handed on, and the child
// decides when everything has stopped.
const forward = (signal) => {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, forward);
child.once("error", (err) => {
  process.stderr.write(`[node] ERROR: could not start ${node}: ${err.message}\n`);
  process.exit(1);
});
child.once("exit", (code, signal) => {
  if (signal) {
    // Die the same way, so npm and the shell report what happened.
    for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.removeListener(s, forward);
    process.kill(process.pid, signal);
    // Should the signal not end this process, still exit as a shell would
    // (not unref'd: nothing else keeps this process alive to exit non-zero).
    setTimeout(() => process.exit(128 + (os.constants.signals[signal] ?? 0)), 200);
    return;
  }
  process.exit(code ?? 1);
});
