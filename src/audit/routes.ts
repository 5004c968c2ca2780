/** The audit app's internal API (its contract: src/infra/clients/audit.ts), reached only through Dapr service invocation (app token required). */
import { newRouter, type Router } from "../infra/http/router.js";
import type { AuditDoc, AuditLog } from "./store.js";
import { badRequest } from "../http/problem.js";
import { AUDIT_ROUTES, type ActivityEntry, type HistoryEntry } from "../infra/clients/audit.js";

export function presentHistory(doc: AuditDoc): HistoryEntry {
  return {
    eventId: doc._id,
    taskId: doc.taskId,
    type: doc.type,
    version: doc.version,
    occurredAt: doc.occurredAt,
    // Who made the change; the task's maker when the event does not say (older events, the service's own).
    actor: doc.actorId ?? doc.ownerId,
    changed: doc.changed,
    task: doc.task,
    recordedAt: doc.recordedAt.toISOString(),
  };
}

export function presentActivity(doc: AuditDoc): ActivityEntry {
  return {
    eventId: doc._id,
    type: doc.type,
    version: doc.version,
    occurredAt: doc.occurredAt,
    recordedAt: doc.recordedAt.toISOString(),
    taskId: doc.taskId ?? null,
    task: doc.task ?? null,
    changed: doc.changed ?? [],
    actor: doc.actorId ?? doc.ownerId,
    kind: doc.kind ?? null,
    memberId: doc.memberId ?? null,
    list: doc.list ?? null,
    comment: doc.comment ?? null,
  };
}

/** How long the per-user feed holds back new entries: insert latency plus clock skew between audit replicas. */
export const HISTORY_SETTLE_MS = 3000;

/** The latest instant a Date can hold. */
const MAX_INSTANT = 8.64e15;

export function auditRoutes(audit: AuditLog): Router {
  const router = newRouter({ prefix: AUDIT_ROUTES.prefix });
  router.get(AUDIT_ROUTES.taskHistory, async (ctx) => {
    // Every entry of the task; the api app keeps those the caller may see.
    const docs = await audit.forTask(String(ctx.params.taskId));
    ctx.body = { items: docs.map(presentHistory) };
  });
  // The per-user feed; the api app has authenticated the owner and checked the cursor.
  router.get(AUDIT_ROUTES.feed, async (ctx) => {
    const { ownerId, afterRecordedAt, afterId, limit, fresh } = ctx.query;
    if (typeof ownerId !== "string" || ownerId === "") throw badRequest("ownerId is required");
    const max = Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > 201) throw badRequest("limit must be 1..201");
    const after = typeof afterRecordedAt === "string" && typeof afterId === "string" ? { recordedAt: new Date(afterRecordedAt), id: afterId } : null;
    if (after && Number.isNaN(after.recordedAt.getTime())) throw badRequest("afterRecordedAt must be an instant");
    // `fresh=1` (the live stream's resume) reads up to now: it covers the
    // entries this holds back with its own live frames, deduplicated by id.
    const settledBefore = fresh === "1" ? new Date(MAX_INSTANT) : new Date(Date.now() - HISTORY_SETTLE_MS);
    const docs = await audit.forOwner(ownerId, after, max, settledBefore);
    ctx.body = { items: docs.map(presentHistory) };
  });
  // Where one event is in the owner's feed: the live stream resumes after it.
  router.get(AUDIT_ROUTES.entry, async (ctx) => {
    const { ownerId, eventId } = ctx.query;
    if (typeof ownerId !== "string" || ownerId === "") throw badRequest("ownerId is required");
    if (typeof eventId !== "string" || eventId === "" || eventId.length > 300) throw badRequest("eventId is required");
    const doc = await audit.entry(eventId, ownerId);
    ctx.body = { item: doc ? presentHistory(doc) : null };
  });
  // A list's activity; the api app has checked that the caller may read the list.
  router.get(AUDIT_ROUTES.activity, async (ctx) => {
    const { beforeOccurredAt, beforeId, limit } = ctx.query;
    const max = Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > 201) throw badRequest("limit must be 1..201");
    const before = typeof beforeOccurredAt === "string" && typeof beforeId === "string" ? { occurredAt: beforeOccurredAt, id: beforeId } : null;
    if (before && Number.isNaN(Date.parse(before.occurredAt))) throw badRequest("beforeOccurredAt must be an instant");
    const docs = await audit.forList(String(ctx.params.listId), before, max);
    ctx.body = { items: docs.map(presentActivity) };
  });
  return router;
}
