/**
 * The typed clients of the audit and notifications apps (src/infra/clients/)
 * against those apps' real routes, with a sidecar that carries each call into
 * the other app's Koa callback as daprd's service invocation would: a path or
 * parameter the two sides disagree on fails here, not on a stack. Stores are
 * in-memory stand-ins that record what the routes asked for.
 */
import { expect } from "chai";
import Koa from "koa";
import request from "supertest";
import { auditRoutes } from "../../src/audit/routes.js";
import type { AuditDoc, AuditLog } from "../../src/audit/store.js";
import pino from "pino";
import { problemMiddleware } from "../../src/http/problem.js";
import { auditClient } from "../../src/infra/clients/audit.js";
import { notificationsClient } from "../../src/infra/clients/notifications.js";
import type { Router } from "../../src/infra/http/router.js";
import { SidecarError, type Sidecar } from "../../src/infra/sidecar.js";
import { notificationRoutes } from "../../src/notifications/routes.js";
import type { NotificationStore } from "../../src/notifications/store.js";

/** A sidecar whose invokeApp reaches `router` of the app named `appId`, answering as Sidecar.invokeApp does. */
function invoking(appId: string, router: Router): Pick<Sidecar, "invokeApp"> {
  const app = new Koa().use(problemMiddleware(pino({ level: "silent" }))).use(router.routes()).use(router.allowedMethods());
  return {
    async invokeApp<T>(target: string, method: string, path: string, body?: unknown): Promise<T | null> {
      expect(target).to.equal(appId);
      expect(path).not.to.match(/^\//);
      const req = request(app.callback())[method.toLowerCase() as "get"](`/${path}`);
      const res = body === undefined ? await req : await req.send(body as object);
      if (res.status >= 400) throw new SidecarError(`invoke ${appId} ${method}: ${res.status}`, res.status, res.text);
      return res.text === "" ? null : (JSON.parse(res.text) as T);
    },
  };
}

const doc = (id: string, ownerId: string): AuditDoc =>
  ({ _id: id, taskId: "t 1", ownerId, type: "tickler.task.created.v1", version: 1, occurredAt: "2026-01-01T00:00:00.000Z", changed: [], task: {}, recordedAt: new Date("2026-01-01T00:00:01.000Z") }) as unknown as AuditDoc;

describe("typed clients of the other apps, against their routes", () => {
  it("audit: history (settled and fresh, after a position), one task's history, one entry", async () => {
    const calls: unknown[][] = [];
    const store = {
      forOwner: async (ownerId: string, after: unknown, limit: number, settledBefore: Date) => {
        calls.push(["forOwner", ownerId, after, limit, settledBefore.getTime() > Date.now() + 1e9]);
        return [doc("e1", ownerId)];
      },
      forTask: async (taskId: string) => {
        calls.push(["forTask", taskId]);
        return [doc("e2", "alice+1 &x=y")];
      },
      entry: async (id: string, ownerId: string) => {
        calls.push(["entry", id, ownerId]);
        return id === "e3" ? doc(id, ownerId) : null;
      },
    } as unknown as AuditLog;
    const audit = auditClient(invoking("audit", auditRoutes(store)), "audit");
    const owner = "alice+1 &x=y";
    expect((await audit.history(owner, null, 51, false)).map((e) => e.eventId)).to.deep.equal(["e1"]);
    const after = { recordedAt: "2026-01-01T00:00:01.000Z", id: "e0" };
    expect((await audit.history(owner, after, 201, true))[0]).to.include({ eventId: "e1", actor: owner, recordedAt: "2026-01-01T00:00:01.000Z" });
    expect((await audit.taskHistory("t 1")).map((e) => e.eventId)).to.deep.equal(["e2"]);
    expect((await audit.entry(owner, "e3"))?.eventId).to.equal("e3");
    expect(await audit.entry(owner, "nope")).to.equal(null);
    expect(calls).to.deep.equal([
      ["forOwner", owner, null, 51, false],
      ["forOwner", owner, { recordedAt: new Date(after.recordedAt), id: "e0" }, 201, true],
      ["forTask", "t 1"],
      ["entry", "e3", owner],
      ["entry", "nope", owner],
    ]);
  });

  it("notifications: webhooks added, listed and removed (404 when unknown), the inbox, firings by id or since", async () => {
    const hooks: { _id: string; ownerId: string; url: string; createdAt: string }[] = [];
    const firedCalls: unknown[][] = [];
    const store = {
      webhooksOf: async (ownerId: string) => hooks.filter((h) => h.ownerId === ownerId),
      addWebhook: async (w: (typeof hooks)[number]) => void hooks.push(w),
      addWebhookCapped: async (w: (typeof hooks)[number], max: number) => hooks.filter((h) => h.ownerId === w.ownerId).length < max && hooks.push(w) > 0,
      removeWebhook: async (id: string, ownerId: string) => {
        const i = hooks.findIndex((h) => h._id === id && h.ownerId === ownerId);
        if (i >= 0) hooks.splice(i, 1);
        return i >= 0;
      },
      inbox: async (_ownerId: string, limit: number) => Array.from({ length: Math.min(limit, 3) }, (_, i) => ({ _id: `d${i}`, deliveries: [], payload: {} })),
      scheduled: async () => [],
      fired: async (ownerId: string, since: string, limit: number, id?: string) => {
        firedCalls.push([ownerId, since, limit, id]);
        return [{ _id: id ?? "d9", receivedAt: "r", remindAt: "a", firedAt: "f", payload: { task: { id: "t" } } }];
      },
    } as unknown as NotificationStore;
    const notifications = notificationsClient(invoking("notifications", notificationRoutes(store)), "notifications");
    const owner = "bob/2?";
    const added = (await notifications.addWebhook({ ownerId: owner, url: "https://example.test/hook", secret: "s".repeat(16) })) as { id: string };
    expect(added).to.include({ url: "https://example.test/hook" });
    expect(((await notifications.webhooks(owner)) as { items: { id: string }[] }).items.map((w) => w.id)).to.deep.equal([added.id]);
    expect(((await notifications.webhooks("someone else")) as { items: unknown[] }).items).to.deep.equal([]);
    await notifications.removeWebhook(owner, added.id);
    const missing = await notifications.removeWebhook(owner, added.id).then(() => null, (err: unknown) => err);
    expect(missing).to.be.instanceOf(SidecarError).and.to.have.property("status", 404);
    expect(((await notifications.inbox(owner, 2)) as { items: unknown[] }).items).to.have.length(2);
    expect(await notifications.fired(owner, { deliveryId: "d1" })).to.deep.equal([{ deliveryId: "d1", receivedAt: "r", remindAt: "a", firedAt: "f", task: { id: "t" } }]);
    expect((await notifications.fired(owner, { since: "2026-01-01T00:00:00.000Z", limit: 7 }))[0]?.deliveryId).to.equal("d9");
    expect(firedCalls).to.deep.equal([
      [owner, "", 100, "d1"],
      [owner, "2026-01-01T00:00:00.000Z", 7, undefined],
    ]);
  });

  it("notifications: a confirmation email is recorded once with its one email delivery, and the dispatcher kicked", async () => {
    const recorded: { _id: string; kind?: string; deliveries: unknown[]; payload: unknown }[] = [];
    let kicks = 0;
    const store = {
      record: async (doc: (typeof recorded)[number]) => {
        if (recorded.some((r) => r._id === doc._id)) return false;
        recorded.push(doc);
        return true;
      },
    } as unknown as NotificationStore;
    const notifications = notificationsClient(invoking("notifications", notificationRoutes(store, () => kicks++)), "notifications");
    const request = { ownerId: "bob/2?", to: "bob@example.test", confirmationId: "5f0c3c1e-8f5e-4a57-9a77-3d4c8b1e2f10" };
    await notifications.requestConfirmation(request);
    await notifications.requestConfirmation(request);
    expect(recorded).to.have.length(1);
    expect(recorded[0]).to.include({ _id: `confirm:bob/2?:${request.confirmationId}`, kind: "confirmation" });
    expect(recorded[0]!.payload).to.deep.equal({ type: "email.confirmation", confirmationId: request.confirmationId });
    expect(recorded[0]!.deliveries).to.deep.equal([{ kind: "email", to: "bob@example.test", state: "pending", attempts: 0, nextAttemptAt: null, lastError: null, deliveredAt: null }]);
    expect(kicks).to.equal(2);
    const bad = await notifications.requestConfirmation({ ...request, to: "not an address" }).then(() => null, (err: unknown) => err);
    expect(bad).to.be.instanceOf(SidecarError).and.to.have.property("status", 400);
  });
});
