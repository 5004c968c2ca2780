/**
 * The /docs reference page: plain HTML and a small script that renders
 * /api/v1/openapi.json (operations, parameters, bodies, answers). Served by
 * the app itself, so it works offline and behind any Ingress (no CDN).
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tickler API reference</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1d1d1f; }
  h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
  details { border: 1px solid #ddd; border-radius: 6px; margin: .5rem 0; padding: .25rem .75rem; }
  summary { cursor: pointer; }
  .m { display: inline-block; min-width: 4.5rem; font-weight: 700; text-transform: uppercase; }
  .get { color: #0a6b2d; } .post { color: #0b4f9c; } .patch { color: #8a5a00; } .delete { color: #a11; }
  code, pre { font: 13px/1.4 ui-monospace, monospace; }
  pre { background: #f6f6f8; padding: .5rem; overflow: auto; max-height: 24rem; }
  table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: .2rem .5rem; text-align: left; vertical-align: top; }
</style>
</head>
<body>
<main>
<h1>Tickler API reference</h1>
<p>The machine-readable contract is <a href="/api/v1/openapi.json"><code>/api/v1/openapi.json</code></a> (OpenAPI 3.1).</p>
<div id="doc">Loading…</div>
</main>
<script src="/docs/docs.js"></script>
</body>
</html>
`;

export const DOCS_SCRIPT = `"use strict";
const el = (tag, attrs, ...children) => {
  const node = document.createElement(tag);
  Object.assign(node, attrs || {});
  for (const child of children) node.append(child);
  return node;
};
const pretty = (value) => el("pre", {}, JSON.stringify(value, null, 2));
let schemas = {};
/** A body's schema: the named component it refers to, shown in full. */
function schemaBlock(content) {
  const parts = [];
  for (const [type, media] of Object.entries(content)) {
    const ref = media.schema && media.schema.$ref;
    const name = ref ? ref.split("/").pop() : null;
    parts.push(el("p", {}, el("code", {}, type), name ? " — " + name : ""));
    if (name) parts.push(pretty(schemas[name]));
  }
  return parts;
}
function operation(path, method, op) {
  const body = el("div");
  const params = op.parameters || [];
  if (params.length) {
    const rows = params.map((p) => el("tr", {}, el("td", {}, el("code", {}, p.name)), el("td", {}, p.in + (p.required ? ", required" : "")), el("td", {}, p.description || ""), el("td", {}, el("code", {}, JSON.stringify(p.schema)))));
    body.append(el("h4", {}, "Parameters"), el("table", {}, el("tr", {}, el("th", {}, "name"), el("th", {}, "in"), el("th", {}, "meaning"), el("th", {}, "schema")), ...rows));
  }
  if (op.requestBody) body.append(el("h4", {}, "Body"), ...schemaBlock(op.requestBody.content));
  body.append(el("h4", {}, "Answers"));
  for (const [status, reply] of Object.entries(op.responses)) {
    body.append(el("p", {}, el("strong", {}, status + " "), reply.description + (reply.headers ? " — headers: " + Object.keys(reply.headers).join(", ") : "")));
    if (reply.content) body.append(...schemaBlock(reply.content));
  }
  return el("details", {}, el("summary", {}, el("span", { className: "m " + method }, method), el("code", {}, path), " — " + op.summary), body);
}
fetch("/api/v1/openapi.json").then((r) => r.json()).then((doc) => {
  schemas = doc.components.schemas;
  const root = document.getElementById("doc");
  root.textContent = "";
  root.append(el("p", {}, doc.info.description));
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags && op.tags[0]) || "other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push(operation(path, method, op));
    }
  }
  for (const [tag, ops] of byTag) root.append(el("h2", {}, tag), ...ops);
  root.append(el("h2", {}, "Schemas"), ...Object.entries(doc.components.schemas).map(([name, schema]) => el("details", {}, el("summary", {}, el("code", {}, name)), pretty(schema))));
}, (err) => { document.getElementById("doc").textContent = "Could not load the document: " + err; });
`;
