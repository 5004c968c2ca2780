/**
 * Reads a JSON request body with explicit answers for what can go wrong:
 * 415 for another content type, 413 past the size limit, 400 for bad JSON.
 * Actor and subscription callbacks read their raw bodies themselves.
 */
import type { Context } from "koa";
import getRawBody from "raw-body";
import { badRequest, HttpProblem } from "./problem.js";

export const MAX_BODY_BYTES = 64 * 1024;

export async function readJson(ctx: Context, { allowEmpty = false } = {}): Promise<unknown> {
  const length = ctx.request.length;
  const hasBody = ctx.request.length > 0 || ctx.get("transfer-encoding") !== "";
  if (!hasBody || length === 0) {
    if (allowEmpty) return {};
    throw badRequest("a JSON body is required");
  }
  if (!ctx.is("application/json", "application/*+json")) {
    throw new HttpProblem(415, "unsupported_media_type", "Unsupported Media Type", "send application/json");
  }
  let raw: string;
  try {
    raw = await getRawBody(ctx.req, { limit: MAX_BODY_BYTES, encoding: "utf8", length: length || undefined });
  } catch (err) {
    const type = (err as { type?: string }).type;
    if (type === "entity.too.large") {
      throw new HttpProblem(413, "payload_too_large", "Payload Too Large", `bodies are limited to ${MAX_BODY_BYTES} bytes`);
    }
    throw badRequest("the request body could not be read");
  }
  if (raw.trim() === "" && allowEmpty) return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw badRequest("the request body is not valid JSON");
  }
}

export { readRaw } from "../infra/http/rawBody.js";
