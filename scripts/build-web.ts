/**
 * Builds the web app (web/src) with esbuild into dist/web: content-hashed
 * assets under assets/ (each with a gzipped twin), and an index.html that
 * loads them with no inline script (the CSP forbids it). Prints the size of
 * the first load, gzipped. `npm run build:web`; also run by `npm start`,
 * `npm test` and the image build. First regenerates the app's API types from
 * the OpenAPI document (scripts/webApiTypes.ts); under CI a stale committed
 * file fails the build instead.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { ROOT } from "./root.js";
import { WEB_API_TYPES, webApiTypes, writeWebApiTypes } from "./webApiTypes.js";
import { writeShell } from "./webShell.js";

export interface WebBuild {
  outDir: string;
  /** JavaScript and CSS a first visit downloads, gzipped, in bytes. */
  firstLoadGzipBytes: number;
}

export const WEB_OUT_DIR = path.join(ROOT, "dist", "web");
/** The issue's budget for the first load. */
const BUDGET_BYTES = 100 * 1024;

export async function buildWeb(log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<WebBuild> {
  const started = Date.now();
  if (process.env.CI) {
    if (fs.readFileSync(WEB_API_TYPES, "utf8") !== (await webApiTypes())) {
      throw new Error(`${path.relative(ROOT, WEB_API_TYPES)} differs from the OpenAPI document: run \`node --import tsx scripts/webApiTypes.ts\` and commit it`);
    }
  } else if (await writeWebApiTypes()) {
    log(`${path.relative(ROOT, WEB_API_TYPES)} regenerated from the OpenAPI document`);
  }
  fs.rmSync(WEB_OUT_DIR, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: { main: path.join(ROOT, "web", "src", "main.tsx") },
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    format: "esm",
    target: ["es2022"],
    minify: true,
    sourcemap: false,
    jsx: "automatic",
    jsxImportSource: "preact",
    outdir: path.join(WEB_OUT_DIR, "assets"),
    entryNames: "[name]-[hash]",
    chunkNames: "[name]-[hash]",
    assetNames: "[name]-[hash]",
    metafile: true,
    legalComments: "none",
    logLevel: "warning",
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file]!.entryPoint?.endsWith("main.tsx"));
  if (!entry) throw new Error("esbuild produced no entry chunk");
  const css = outputs[entry]!.cssBundle;
  const firstLoad = [...staticClosure(outputs, entry), ...(css ? [css] : [])];

  for (const file of Object.keys(outputs)) {
    const full = path.join(ROOT, file);
    fs.writeFileSync(`${full}.gz`, gzipSync(fs.readFileSync(full), { level: 9 }));
  }
  const url = (file: string) => `/assets/${path.basename(file)}`;
  fs.writeFileSync(path.join(WEB_OUT_DIR, "index.html"), indexHtml(url(entry), css ? url(css) : null));
  // The offline shell: every chunk (the OIDC one too, so a sign-in page can show offline) and the stylesheet.
  const shell = Object.keys(outputs).map(url);
  writeShell(WEB_OUT_DIR, shell, createHash("sha256").update(shell.join()).digest("hex").slice(0, 12));

  const firstLoadGzipBytes = firstLoad.reduce((sum, file) => sum + fs.statSync(path.join(ROOT, `${file}.gz`)).size, 0);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  log(`web app built into ${path.relative(ROOT, WEB_OUT_DIR)} in ${Date.now() - started} ms; first load ${kb(firstLoadGzipBytes)} gzipped JS+CSS (budget ${kb(BUDGET_BYTES)}, ${firstLoad.length} files)`);
  if (firstLoadGzipBytes > BUDGET_BYTES) throw new Error(`web app first load is ${kb(firstLoadGzipBytes)} gzipped, over the ${kb(BUDGET_BYTES)} budget`);
  return { outDir: WEB_OUT_DIR, firstLoadGzipBytes };
}

/** The entry chunk and every chunk it imports statically (dynamic imports load later). */
function staticClosure(outputs: esbuild.Metafile["outputs"], entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imp of outputs[file]?.imports ?? []) if (imp.kind === "import-statement" && !imp.external) visit(imp.path);
  };
  visit(entry);
  return [...seen];
}

function indexHtml(script: string, stylesheet: string | null): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="theme-color" content="#1f5fbf">
<meta name="description" content="Tickler: tasks and reminders">
<title>Tickler</title>
<link rel="manifest" href="/manifest.webmanifest">
<link rel="icon" href="/icons/icon-192.png" type="image/png">
<link rel="apple-touch-icon" href="/icons/icon-192.png">
${stylesheet ? `<link rel="stylesheet" href="${stylesheet}">\n` : ""}<script type="module" src="${script}"></script>
</head>
<body>
<div id="app"></div>
<noscript>Tickler needs JavaScript.</noscript>
</body>
</html>
`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWeb().catch((err: unknown) => {
    process.stderr.write(`web build failed: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
