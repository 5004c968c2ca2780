/**
 * `node --import tsx scripts/soak/heapDiff.ts before.heapsnapshot after.heapsnapshot`:
 * what a Node.js process's live heap gained between two snapshots, by kind
 * of object (a constructor's name, or "string"), largest growth first. Take
 * the snapshots with `NODE_OPTIONS=--heapsnapshot-signal=SIGUSR2` and
 * `kill -USR2 <pid>` (each is taken after a full collection: live objects
 * only). How it told a leak from the actors kept active: docs/adr/0030-actors-idle-five-minutes.md.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The parts of V8's .heapsnapshot format read here. */
export interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export interface Kind {
  count: number;
  bytes: number;
}

/** Live objects by kind ("<type> <name>"; every string is "string"): count and self size. */
export function kindsOf(heap: HeapSnapshot): Map<string, Kind> {
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const [type, name, size] = [fields.indexOf("type"), fields.indexOf("name"), fields.indexOf("self_size")];
  const kinds = new Map<string, Kind>();
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    const t = types[heap.nodes[i + type]!] ?? "?";
    const key = t.endsWith("string") ? "string" : `${t} ${heap.strings[heap.nodes[i + name]!] ?? ""}`.slice(0, 100);
    const kind = kinds.get(key) ?? { count: 0, bytes: 0 };
    kind.count++;
    kind.bytes += heap.nodes[i + size]!;
    kinds.set(key, kind);
  }
  return kinds;
}

export interface Growth {
  kind: string;
  count: number;
  bytes: number;
  after: Kind;
}

/** Each kind's change from `before` to `after`, the largest growth in bytes first. */
export function growth(before: Map<string, Kind>, after: Map<string, Kind>): Growth[] {
  const none: Kind = { count: 0, bytes: 0 };
  const rows = [...new Set([...before.keys(), ...after.keys()])].map((kind) => {
    const [a, b] = [before.get(kind) ?? none, after.get(kind) ?? none];
    return { kind, count: b.count - a.count, bytes: b.bytes - a.bytes, after: b };
  });
  return rows.sort((x, y) => y.bytes - x.bytes);
}

const total = (kinds: Map<string, Kind>) => [...kinds.values()].reduce((sum, k) => sum + k.bytes, 0);

function main(argv: string[]): void {
  if (argv.length !== 2) {
    console.error("usage: node --import tsx scripts/soak/heapDiff.ts before.heapsnapshot after.heapsnapshot");
    process.exit(2);
  }
  const [before, after] = argv.map((file) => kindsOf(JSON.parse(fs.readFileSync(file, "utf8")) as HeapSnapshot));
  const mb = (n: number) => (n / 1e6).toFixed(1);
  console.log(`live heap ${mb(total(before!))} MB -> ${mb(total(after!))} MB`);
  for (const row of growth(before!, after!).slice(0, 30)) {
    console.log(`${(row.bytes / 1e3).toFixed(0).padStart(8)} KB ${String(row.count).padStart(8)} objects  (now ${row.after.count}, ${mb(row.after.bytes)} MB)  ${row.kind}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
