/**
 * Serves the built web app (scripts/build-web.ts) from the api's own origin.
 * Hashed files under /assets/ are immutable; index.html is revalidated on
 * every load so a new build reaches people at once. Every answer carries a
 * strict Content-Security-Policy: scripts and styles from this origin only,
 * no inline script, API calls to this origin (plus the identity provider's,
 * whose token endpoint the OIDC code flow calls from the browser).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { newRouter, type Router } from "../../infra/http/router.js";
import type { Context, Next } from "koa";
import { ICON_SIZES } from "./icons.js";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

const HASHED_ASSET = /^\/assets\/[\w-]+-[A-Z0-9]{8,}\.(?:js|css|svg|png)$/;

export function contentSecurityPolicy(identityProvider?: string): string {
  const idp = identityProvider ? ` ${new URL(identityProvider).origin}` : "";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src 'self'${idp}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function webAppRoutes(opts: { dir: string; identityProvider?: string }): Router {
  const root = path.resolve(opts.dir);
  const csp = contentSecurityPolicy(opts.identityProvider);
  const secure = (ctx: Context) => {
    ctx.set("Content-Security-Policy", csp);
    ctx.set("X-Content-Type-Options", "nosniff");
    ctx.set("Referrer-Policy", "no-referrer");
  };
  const index = async (ctx: Context) => {
    secure(ctx);
    ctx.set("Cache-Control", "no-cache");
    const html = await readOrNull(path.join(root, "index.html"));
    if (html === null) {
      ctx.status = 503;
      ctx.type = "text/plain; charset=utf-8";
      ctx.body = "The web app is not built: run `npm run build:web`.\n";
      return;
    }
    ctx.type = "text/html; charset=utf-8";
    ctx.body = html;
  };
  const asset = async (ctx: Context, next: Next) => {
    if (!HASHED_ASSET.test(ctx.path)) return next();
    const file = path.join(root, ctx.path);
    // The build writes a gzipped twin of every asset; most browsers take it.
    const gzipped = ctx.acceptsEncodings("gzip", "identity") === "gzip" ? await readOrNull(`${file}.gz`) : null;
    const body = gzipped ?? (await readOrNull(file));
    if (body === null) return next();
    secure(ctx);
    ctx.set("Cache-Control", "public, max-age=31536000, immutable");
    ctx.set("Vary", "Accept-Encoding");
    if (gzipped) ctx.set("Content-Encoding", "gzip");
    ctx.type = TYPES[path.extname(file)] ?? "application/octet-stream";
    ctx.body = body;
  };
  /** A file of the build at a fixed name (the worker, the manifest, the icons): revalidated, since the name does not change with the content. */
  const fixed = (file: string, type: string, maxAge: number) => async (ctx: Context, next: Next) => {
    const body = await readOrNull(path.join(root, file));
    if (body === null) return next();
    secure(ctx);
    ctx.set("Cache-Control", maxAge ? `public, max-age=${maxAge}` : "no-cache");
    ctx.type = type;
    ctx.body = body;
  };
  const router = newRouter();
  // The service worker at the root, so its scope is the whole app; no-cache, so a new build's worker is found at once.
  router.get("/sw.js", fixed("sw.js", TYPES[".js"]!, 0));
  router.get("/manifest.webmanifest", fixed("manifest.webmanifest", "application/manifest+json", 0));
  for (const size of ICON_SIZES) router.get(`/icons/icon-${size}.png`, fixed(`icons/icon-${size}.png`, "image/png", 86_400));
  router.get("/", index);
  router.get("/index.html", index);
  router.get("/assets/:file", asset);
  router.get("/favicon.ico", (ctx) => {
    ctx.status = 204;
    ctx.set("Cache-Control", "public, max-age=86400");
  });
  return router;
}

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch {
    return null;
  }
}
