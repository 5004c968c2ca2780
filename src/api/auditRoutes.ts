/** The audit app's internal API, reached only through Dapr service invocation (app token required). */
import Router from "@koa/router";
import type { AuditDoc, AuditLog } from "../infra/auditLog.js";
import { badRequest } from "./problem.js";

export interface HistoryEntry {
  eventId: string;
  type: string;
  version: number;
  occurredAt: string;
  actor: string;
  changed: string[];
  task: Record<string, unknown>;
}

export function presentHistory(doc: AuditDoc): HistoryEntry {
  return {
    eventId: doc._id,
    type: doc.type,
    version: doc.version,
    occurredAt: doc.occurredAt,
    actor: doc.ownerId,
    changed: doc.changed,
    task: doc.task,
  };
}

export function auditRoutes(audit: AuditLog): Router {
  const router = new Router({ prefix: "/internal" });
  router.get("/history/:taskId", async (ctx) => {
    const ownerId = ctx.query.ownerId;
    if (typeof ownerId !== "string" || ownerId === "") throw badRequest("ownerId is required");
    const docs = await audit.forTask(String(ctx.params.taskId), ownerId);
    ctx.body = { items: docs.map(presentHistory) };
  });
  return router;
}
