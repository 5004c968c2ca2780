/** GET /api/v1/openapi.json (the contract) and GET /docs (a reference page for it). No token needed: the contract is public. */
import { newRouter, type Router } from "../../infra/http/router.js";
import { openApiDocument } from "./document.js";
import { DOCS_PAGE, DOCS_SCRIPT } from "./docsPage.js";

export function openApiRoutes(): Router {
  const router = newRouter();
  router.get("/api/v1/openapi.json", (ctx) => {
    ctx.set("Cache-Control", "no-cache");
    ctx.body = openApiDocument();
  });
  router.get("/docs", (ctx) => {
    ctx.type = "text/html; charset=utf-8";
    // The page's script comes from this app only; nothing is fetched from elsewhere.
    ctx.set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'");
    ctx.body = DOCS_PAGE;
  });
  router.get("/docs/docs.js", (ctx) => {
    ctx.type = "text/javascript; charset=utf-8";
    ctx.body = DOCS_SCRIPT;
  });
  return router;
}
