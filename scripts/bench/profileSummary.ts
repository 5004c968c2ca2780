/**
 * Summarises a V8 .cpuprofile (from `npm run bench -- --cpu-profile`): self
 * time per package or source folder, and the heaviest functions, as shares
 * of the sampled time. `node --import tsx scripts/bench/profileSummary.ts <file>`
 * prints it for one file; the bench prints it for each app it profiled.
 */
import fs from "node:fs";

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** Which package, source folder or runtime part a frame belongs to. */
export function groupOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === "") {
    if (functionName === "(garbage collector)") return "(gc)";
    if (functionName === "(idle)" || functionName === "(program)" || functionName === "(root)") return functionName;
    return "(native)";
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.startsWith("node:")) return url.replace(/^node:(internal\/)?/, "node:").split("/").slice(0, 2).join("/");
  const own = /\/(src|scripts|test)\/(.*)\/[^/]+$/.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  return url;
}

export function summariseProfile(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const group = groupOf(frame);
    if (group === "(idle)") continue;
    busy += us;
    groups.set(group, (groups.get(group) ?? 0) + us);
    const file = frame.url.split("/").slice(-2).join("/");
    const name = `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const wall = (profile.endTime - profile.startTime) / 1e6;
  const lines = [`busy ${(busy / 1e6).toFixed(1)} s of ${wall.toFixed(1)} s sampled`];
  const table = (title: string, rows: Map<string, number>) => {
    lines.push(title);
    for (const [k, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      lines.push(`  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${k}`);
    }
  };
  table("self time by package / folder:", groups);
  table("heaviest functions (self time):", functions);
  return `${lines.join("\n")}\n`;
}

if (process.argv[1]?.endsWith("profileSummary.ts")) {
  for (const file of process.argv.slice(2)) {
    process.stdout.write(`== ${file}\n${summariseProfile(JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile)}`);
  }
}

export interface ProfiledApp { name: string; pid: number }

/** Starts the profiler in each app (profiledMain.ts toggles on SIGUSR2). */
export function startProfiles(apps: ProfiledApp[]): void {
  for (const { pid } of apps) process.kill(pid, "SIGUSR2");
}

/** Asks each profiled app (SIGUSR2 again) to write its profile, waits for the files, and summarises them. */
export async function collectProfiles(dir: string, pids: ProfiledApp[], timeoutMs = 20_000): Promise<string> {
  const before = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  for (const { pid } of pids) process.kill(pid, "SIGUSR2");
  const deadline = Date.now() + timeoutMs;
  let fresh: string[] = [];
  while (Date.now() < deadline) {
    fresh = (fs.existsSync(dir) ? fs.readdirSync(dir) : []).filter((f) => !before.has(f) && f.endsWith(".cpuprofile"));
    if (fresh.length >= pids.length) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return fresh
    .map((f) => `== CPU profile ${dir}/${f}\n${summariseProfile(JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8")) as CpuProfile, 20)}`)
    .join("\n");
}
