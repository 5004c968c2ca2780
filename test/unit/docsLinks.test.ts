/**
 * The documentation's links: every relative link in README.md, CHANGELOG.md and docs/**.md
 * names a file or folder inside this repository (never one beside or above
 * it), every #anchor names a heading of the page it points at, and every
 * path of the repository the pages name (the README's map of the code, and
 * `src/...`-style paths in code spans) exists.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith(".md") ? [full] : [];
  });
}

/** The text outside fenced code blocks and inline code spans, line by line (line numbers kept). */
function prose(text: string, keepInlineCode = false): string[] {
  let fenced = false;
  return text.split("\n").map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return "";
    }
    if (fenced) return "";
    return keepInlineCode ? line.replace(/`([^`]*)`/g, "$1") : line.replace(/`[^`]*`/g, "``");
  });
}

/** Link targets on one line: inline links and images, reference definitions, <autolinks>. */
export function linkTargets(line: string): string[] {
  const targets: string[] = [];
  for (const m of line.matchAll(/!?\[[^\][]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1]!);
  const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(line);
  if (definition) targets.push(definition[1]!);
  for (const m of line.matchAll(/<((?:[a-z][a-z0-9+.-]*:)[^>\s]+)>/gi)) targets.push(m[1]!);
  return targets;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\][]*)\]\([^)]*\)/g, "$1")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, "")
    .replace(/ /g, "-");
}

/** The text of an ATX heading line ("## Title ##" → "Title"), or null; the closing #s cut by a scan, not a backtracking regex. */
function headingText(line: string): string | null {
  const match = /^#{1,6}\s(.*)$/.exec(line);
  if (!match) return null;
  let text = match[1]!.trim();
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end--;
  text = text.slice(0, end).trimEnd();
  return text;
}

/** Every anchor a page offers: its headings' slugs (repeats get -1, -2, ...). */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(text, true)) {
    const heading = headingText(line);
    if (heading === null) continue;
    const base = slug(heading);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

interface Problem {
  where: string;
  target: string;
  problem: string;
}

function check(file: string, text = fs.readFileSync(file, "utf8")): Problem[] {
  const problems: Problem[] = [];
  prose(text).forEach((line, i) => {
    for (const target of linkTargets(line)) {
      const where = `${path.relative(ROOT, file)}:${i + 1}`;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        // A web address is not a file; a file: URL always leaves the repository.
        if (/^file:/i.test(target)) problems.push({ where, target, problem: "a file: URL leaves the repository" });
        continue;
      }
      const [rawPath, anchor] = target.split("#", 2) as [string, string | undefined];
      const linkPath = decodeURIComponent(rawPath);
      if (linkPath.startsWith("/")) {
        problems.push({ where, target, problem: "an absolute path: link relative to the page" });
        continue;
      }
      const resolved = linkPath === "" ? file : path.resolve(path.dirname(file), linkPath);
      const inside = path.relative(ROOT, resolved);
      if (inside.startsWith("..") || path.isAbsolute(inside)) {
        problems.push({ where, target, problem: "leaves the repository" });
        continue;
      }
      if (inside.split(path.sep).includes("node_modules")) {
        problems.push({ where, target, problem: "points into node_modules, which is not part of the repository" });
        continue;
      }
      if (resolved !== file && !fs.existsSync(resolved)) {
        problems.push({ where, target, problem: "no such file" });
        continue;
      }
      if (anchor !== undefined && anchor !== "" && resolved.endsWith(".md")) {
        const page = resolved === file ? text : fs.readFileSync(resolved, "utf8");
        if (!anchorsOf(page).has(anchor.toLowerCase())) {
          problems.push({ where, target, problem: `no heading with the anchor #${anchor}` });
        }
      }
    }
  });
  return problems;
}

/** The paths the README's "Map of the code" block names: each line's first column, and a second one after a wide gap. */
export function mapPaths(readme: string): string[] {
  const block = /## Map of the code\s*\n```\n([\s\S]*?)\n```/.exec(readme);
  if (!block) return [];
  return block[1]!.split("\n").flatMap((line) =>
    [...line.matchAll(/(?<=^|\s{3})((?:src|web|bin|components|charts|scripts|test|docs)\/\S*?),?(?=\s|$)/g)].map((m) => m[1]!),
  );
}

/** Repository paths named in code spans (`src/infra/config.ts`), leaving out placeholders and globs. */
export function codePaths(text: string): string[] {
  return [...text.matchAll(/`((?:src|web|bin|components|charts|scripts|test)\/[A-Za-z0-9_./-]+)`/g)].map((m) => m[1]!);
}

/** A path that exists, where `*` in its last part stands for any characters. */
function pathExists(relative: string): boolean {
  if (!relative.includes("*")) return fs.existsSync(path.join(ROOT, relative));
  const dir = path.join(ROOT, path.dirname(relative));
  const pattern = new RegExp(`^${path.basename(relative).split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return fs.existsSync(dir) && fs.readdirSync(dir).some((name) => pattern.test(name));
}

describe("documentation links", () => {
  const pages = [path.join(ROOT, "README.md"), path.join(ROOT, "CHANGELOG.md"), ...markdownFiles(path.join(ROOT, "docs"))];

  it("finds the README and the pages under docs/", () => {
    expect(pages.length).to.be.greaterThan(5);
  });

  it("resolves every relative link and #anchor to a file inside the repository", () => {
    expect(pages.flatMap((page) => check(page))).to.deep.equal([]);
  });

  it("names only paths that exist in the README's map of the code", () => {
    const named = mapPaths(fs.readFileSync(path.join(ROOT, "README.md"), "utf8"));
    expect(named.length, "paths found in the map").to.be.greaterThan(15);
    expect(named.filter((p) => !pathExists(p)), "named in the map, not in the repository").to.deep.equal([]);
  });

  it("names only files and folders that exist when it names a repository path in code", () => {
    const missing = pages.flatMap((page) => codePaths(fs.readFileSync(page, "utf8")).filter((p) => !pathExists(p)).map((p) => `${path.relative(ROOT, page)}: ${p}`));
    expect(missing).to.deep.equal([]);
  });

  it("reads links, headings and anchors the way GitHub renders them", () => {
    expect(linkTargets("see [a](docs/a.md#b) and ![c](img.png \"t\") and <https://x.test/>")).to.deep.equal(["docs/a.md#b", "img.png", "https://x.test/"]);
    expect(linkTargets("[ref]: ../outside.md")).to.deep.equal(["../outside.md"]);
    expect(slug("Listing and search: GET /tasks")).to.equal("listing-and-search-get-tasks");
    expect(slug("Node.js runtime")).to.equal("nodejs-runtime");
    expect(slug("0001. An outbox journal")).to.equal("0001-an-outbox-journal");
    expect(codePaths("see `src/a.ts`, `test/e2e/<file>.test.ts`, `test/unit/**` and `dist/web`")).to.deep.equal(["src/a.ts"]);
    expect(mapPaths("## Map of the code\n\n```\nsrc/a.ts, b.ts   x\ntest/unit/   y   test/chart/   z\n```\n")).to.deep.equal(["src/a.ts", "test/unit/", "test/chart/"]);
    expect([...anchorsOf("# A\n## Notes\n```\n# not a heading\n```\n## Notes\n")]).to.deep.equal(["a", "notes", "notes-1"]);
  });

  it("refuses a link that leaves the repository, or names nothing", () => {
    const page = path.join(ROOT, "docs", "some", "page.md");
    const text = "[out](../../../shared/API.md) [none](missing.md) [anchor](page.md#nowhere) [ok](page.md#title) [self](#title) `[code](x.md)`\n# Title\n";
    expect(check(page, text).map((p) => `${p.target}: ${p.problem}`)).to.deep.equal([
      "../../../shared/API.md: leaves the repository",
      "missing.md: no such file",
      "page.md#nowhere: no heading with the anchor #nowhere",
    ]);
  });
});
