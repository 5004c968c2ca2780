/**
 * No import cycle in src/, between files or between folders (an app's
 * feature folder counts as its app): a cycle makes start-up order decide
 * what is undefined, and folders that import each other are no longer
 * layers. eslint's import-x/no-restricted-paths keeps the direction of each
 * folder's imports (eslint.config.js); this catches what those rules allow,
 * such as a loop inside one folder. Reads imports with the TypeScript
 * compiler's pre-processor: no type-check, well under a second.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import ts from "typescript";

const SRC = path.resolve(import.meta.dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Each file's imports of other files in src/ (type-only imports included: they are dependencies of the design too). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => path.resolve(path.dirname(file), spec).replace(/\.js$/, ".ts"));
    graph.set(file, targets);
  }
  return graph;
}

/** The strongly connected components with more than one member, or a member importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);
  return found;
}

/** src/<folder>, or the file itself at the top of src/. */
const folderOf = (file: string) => path.relative(SRC, file).split(path.sep)[0]!;

describe("import cycles in src/", () => {
  const graph = importGraph();
  const rel = (f: string) => path.relative(SRC, f);

  it("reads the imports of every file (the graph is not empty)", () => {
    expect(graph.size).to.be.greaterThan(100);
    expect(graph.get(path.join(SRC, "app.ts"))).to.include(path.join(SRC, "api/compose.ts"));
  });

  it("has no cycle between files", () => {
    expect(cycles(graph).map((c) => c.map(rel))).to.deep.equal([]);
  });

  it("has no cycle between folders", () => {
    const folders = new Map<string, string[]>();
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      const to = targets.map(folderOf).filter((t) => t !== from);
      folders.set(from, [...new Set([...(folders.get(from) ?? []), ...to])]);
    }
    expect(cycles(folders)).to.deep.equal([]);
  });
});
