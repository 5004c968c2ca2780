/**
 * The web app's API types (web/src/api-types.ts), generated with
 * openapi-typescript from the OpenAPI document the api app serves, built in
 * process (src/api/openapi/document.ts) so no stack is needed. Run by the web
 * build; test/unit/webApiTypes.test.ts fails when the committed file drifts.
 * `node --import tsx scripts/webApiTypes.ts` rewrites it.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { openApiDocument } from "../src/api/openapi/document.js";
import { ROOT } from "./root.js";

export const WEB_API_TYPES = path.join(ROOT, "web", "src", "api-types.ts");

const HEADER = `/**
 * Generated from the served OpenAPI document by scripts/webApiTypes.ts
 * (openapi-typescript): do not edit. The web build regenerates it and
 * test/unit/webApiTypes.test.ts fails when it differs from the document.
 */

`;

/** The file's text for the document the code builds now. */
export async function webApiTypes(): Promise<string> {
  // openapi-typescript may annotate what it is given: hand it a copy of the cached document
  // (a plain JSON object; its type is checked by the generator, not by us).
  const ast = await openapiTS(structuredClone(openApiDocument()) as unknown as OpenAPI3, { silent: true });
  return HEADER + astToString(ast);
}

/** Rewrites web/src/api-types.ts if it differs; true when it changed. */
export async function writeWebApiTypes(): Promise<boolean> {
  const text = await webApiTypes();
  const current = fs.existsSync(WEB_API_TYPES) ? fs.readFileSync(WEB_API_TYPES, "utf8") : null;
  if (current === text) return false;
  fs.writeFileSync(WEB_API_TYPES, text);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeWebApiTypes().then(
    (changed) => process.stdout.write(`${path.relative(ROOT, WEB_API_TYPES)} ${changed ? "regenerated" : "unchanged"}\n`),
    (err: unknown) => {
      process.stderr.write(`web API types failed: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
