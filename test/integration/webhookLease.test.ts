/**
 * Several notification replicas on one MongoDB-wire store (the test stack's
 * read store, in a database of this test's own): each webhook is sent once,
 * and a claim left by a crashed replica is taken over when it expires.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import type { Connection } from "mongoose";
import { pino } from "pino";
import { connectMongo } from "../../src/infra/mongo.js";
import { NotificationStore, type NotificationDoc } from "../../src/notifications/store.js";
import { WebhookDispatcher } from "../../src/notifications/webhooks.js";
import { eventually, stack } from "../support/stack.js";
import { startReceiver, type Receiver } from "../support/webhookReceiver.js";

describe("webhook dispatch with several notification replicas", function () {
  let mongo: Connection;
  let store: NotificationStore;
  let receiver: Receiver;
  const opts = { timeoutMs: 2000, maxAttempts: 3, backoffMs: 200, maxBackoffMs: 1000, allowPrivate: true };
  const replica = () => new WebhookDispatcher(store, opts, pino({ level: "silent" }));

  before(async () => {
    // Its own database: the stack's notification app never sees these documents.
    const uri = new URL(stack().mongoUri);
    uri.pathname = `/tickler_lease_${Date.now()}`;
    mongo = await connectMongo(uri.toString());
    store = new NotificationStore(mongo);
    receiver = await startReceiver();
  });
  after(async () => {
    await receiver.close();
    await mongo.dropDatabase();
    await mongo.close();
  });

  async function firedNotification(lease?: { owner: string; until: Date }, url = receiver.url): Promise<string> {
    const webhookId = randomUUID();
    await store.addWebhook({ _id: webhookId, ownerId: "u", url, secret: "lease-test-secret-0123", createdAt: new Date().toISOString() });
    const id = `lease-${randomUUID()}`;
    const now = new Date().toISOString();
    await store.record({
      _id: id, ownerId: "u", taskId: "t", title: "lease", remindAt: now, firedAt: now, receivedAt: now, state: "fired",
      payload: { deliveryId: id },
      deliveries: [{ webhookId, url, state: "pending", attempts: 0, nextAttemptAt: null, lastError: null, deliveredAt: null }],
    });
    if (lease) await store.notifications.updateOne({ _id: id }, { $set: { leaseOwner: lease.owner, leaseUntil: lease.until } });
    return id;
  }

  const sentFor = (id: string) => receiver.received.filter((r) => r.headers["x-tickler-delivery"] === id).length;

  it("sends each webhook once when two replicas race for it", async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => firedNotification()));
    const [a, b] = [replica(), replica()];
    for (let round = 0; round < 3; round++) await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    expect(ids.map(sentFor)).to.deep.equal([1, 1, 1, 1, 1]);
    for (const id of ids) {
      const doc = await store.notifications.findById(id).lean<NotificationDoc>();
      expect(doc).to.include({ state: "delivered" });
    }
    expect(await mongo.collection("notifications").countDocuments({ leaseOwner: { $ne: null } }), "claims released").to.equal(0);
    expect(await store.due(new Date(Date.now() + 3_600_000), 100), "due-queue empty").to.deep.equal([]);
  });

  it("leaves a notification alone while another replica's lease runs, and takes it over once it expires", async () => {
    const held = await firedNotification({ owner: "a-live-replica", until: new Date(Date.now() + 60_000) });
    const abandoned = await firedNotification({ owner: "a-crashed-replica", until: new Date(Date.now() - 1000) });
    await replica().runOnce();
    expect(sentFor(held)).to.equal(0);
    expect(sentFor(abandoned)).to.equal(1);
    expect(await store.notifications.findById(abandoned).lean<NotificationDoc>()).to.include({ state: "delivered" });
  });

  it("lets exactly one of several replicas take over the same expired lease", async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => firedNotification({ owner: "a-crashed-replica", until: new Date(Date.now() - 1000) })));
    const replicas = [replica(), replica(), replica()];
    await Promise.all(replicas.map((r) => r.runOnce()));
    await Promise.all(replicas.map((r) => r.runOnce()));
    expect(ids.map(sentFor)).to.deep.equal([1, 1, 1, 1, 1]);
  });

  it("sends a notification handed over at recording once, with no claim of its own, and a crashed holder's is taken over when its claim expires", async () => {
    const a = replica();
    const webhookId = randomUUID();
    const hook = { _id: webhookId, ownerId: "u", url: receiver.url, secret: "lease-test-secret-0123", createdAt: new Date().toISOString() };
    await store.addWebhook(hook);
    const record = async (dispatcher: WebhookDispatcher, send: boolean) => {
      const id = `handoff-${randomUUID()}`;
      const now = new Date().toISOString();
      const doc = {
        _id: id, ownerId: "u", taskId: "t", title: "handoff", remindAt: now, firedAt: now, receivedAt: now, state: "fired" as const, payload: { deliveryId: id },
        deliveries: [{ webhookId, url: receiver.url, state: "pending" as const, attempts: 0, nextAttemptAt: null, lastError: null, deliveredAt: null }],
      };
      const handoff = dispatcher.reserve()!;
      expect(await store.record(doc, handoff.lease)).to.equal(true);
      // `send: false` is a process that died right after recording it.
      if (send) handoff.send({ ...doc, dueAt: null, leaseOwner: handoff.lease.owner, leaseUntil: handoff.lease.until }, [hook]);
      return id;
    };
    const sent = await record(a, true);
    const orphan = await record(replica(), false);
    await eventually(async () => sentFor(sent), (n) => n > 0, 10_000, "the handed-over send");
    expect(sentFor(sent)).to.equal(1);
    await a.runOnce();
    expect(sentFor(orphan), "another dispatcher leaves it while the claim runs").to.equal(0);
    // The claim lasts the attempt timeout plus a margin; then anyone's due-queue round sends it.
    const survivor = new WebhookDispatcher(store, opts, pino({ level: "silent" }), () => new Date(Date.now() + opts.timeoutMs + 6_000));
    await survivor.runOnce();
    await a.stop();
    expect([sentFor(sent), sentFor(orphan)]).to.deep.equal([1, 1]);
    for (const id of [sent, orphan]) expect(await store.notifications.findById(id).lean<NotificationDoc>()).to.include({ state: "delivered", leaseOwner: null });
  });

  it("takes a receiver's endless answer as delivered without reading it all", async () => {
    let sent = 0;
    const endless = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const chunk = Buffer.alloc(1024 * 1024);
      const more = () => {
        // Stops on its own after 256 MB, far past the cap, so the test stays bounded.
        while (sent < 256 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent < 256 * 1024 * 1024) res.once("drain", more);
        else res.end();
      };
      res.on("close", () => res.removeAllListeners("drain"));
      more();
    });
    await new Promise<void>((resolve) => endless.listen(0, "127.0.0.1", resolve));
    try {
      const id = await firedNotification(undefined, `http://127.0.0.1:${(endless.address() as AddressInfo).port}/hook`);
      await replica().runOnce();
      expect(await store.notifications.findById(id).lean<NotificationDoc>()).to.include({ state: "delivered" });
      expect(sent, "bytes the receiver managed to send before we stopped reading").to.be.below(64 * 1024 * 1024);
    } finally {
      endless.closeAllConnections();
      await new Promise((resolve) => endless.close(resolve));
    }
  });

  it("never connects to an address inside the deployment, however the URL names it, unless allowed", async () => {
    // The receiver listens on loopback; "localhost" resolves there at connect time.
    const strict = new WebhookDispatcher(store, { ...opts, allowPrivate: false, maxAttempts: 1 }, pino({ level: "silent" }));
    const port = new URL(receiver.url).port;
    const ids = [];
    for (const url of [receiver.url, `http://localhost:${port}/hook`, `http://[::ffff:127.0.0.1]:${port}/hook`]) ids.push(await firedNotification(undefined, url));
    await strict.runOnce();
    for (const id of ids) {
      expect(sentFor(id), id).to.equal(0);
      const doc = await store.notifications.findById(id).lean<NotificationDoc>();
      expect(doc!.state).to.equal("failed");
      expect(doc!.deliveries[0]!.lastError).to.match(/private address/);
    }
  });
});

