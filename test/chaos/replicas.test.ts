/**
 * Two api replicas, as the chart runs them: two app + daprd pairs with the
 * api's one Dapr app id, sharing placement, scheduler, Redis and Kafka. The
 * test adds replica 2 to the running test stack (only this file pays for it),
 * then SIGKILLs it, app and sidecar together, under a steady write load:
 * replica 1, the one every other test uses, is the survivor, and the stack
 * is left as it was found.
 *
 * Which replica hosts an actor is read from each app's actor ledger
 * (test/support/actorLedger.ts: the actor callbacks daprd sent it).
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { ROOT } from "../../scripts/root.js";
import { inboxIdOf } from "../../src/infra/ids.js";
import { apiReplica, killApiReplica, startApiReplica, stopApiReplica, type ApiReplica } from "../../scripts/stack/replicas.js";
import { activeTaskActors, lastServedBy, ledgerOf, servedBy, startWriter, type Writer } from "../support/replicas.js";
import { openStream, type StreamClient } from "../support/sseClient.js";
import { apiAs, eventually, stack } from "../support/stack.js";
import { startReceiver, type Receiver } from "../support/webhookReceiver.js";

const say = (line: string) => process.stdout.write(`      ${line}\n`);
/** Tasks per replica the spread must reach, and the most tasks created to get there (the inbox lists 100). */
const PER_REPLICA = 4;
const MAX_TASKS = 40;

describe("two api replicas: actors spread over both, and one killed", function () {
  let receiver: Receiver;
  let me: Awaited<ReturnType<typeof apiAs>>;
  let user = "";
  let first: ApiReplica;
  let second: ApiReplica | undefined;
  let tasks: string[] = [];
  /** Task id → the replica hosting its actor before the kill. */
  const hostOf = new Map<string, number>();
  let onFirst: StreamClient | undefined;
  let onSecond: StreamClient | undefined;
  let writer: Writer | undefined;
  let killAt = 0;
  /** The reminders every task gets: wave A falls due just after the kill (while the actors fail over), wave B well after. */
  const due: { name: string; at: string }[] = [];
  let acknowledged = 0;

  before(async () => {
    receiver = await startReceiver();
    user = `replicas-${randomUUID()}`;
    me = await apiAs(user);
    expect((await me.call("POST", "/webhooks", { url: receiver.url, secret: "replica-webhook-secret-0123" })).status).to.equal(201);
    first = apiReplica(stack().profile, 1);
    second = await startApiReplica(stack(), ROOT, 2);
  });

  after(async () => {
    await writer?.stop();
    await onFirst?.close();
    await onSecond?.close();
    if (second) await stopApiReplica(stack(), 2);
    await receiver?.close();
  });

  it("spreads TaskActor over both replicas, each actor on one, and streams every change from both", async () => {
    expect(stack().apiReplicas?.map((r) => r.replica), "both replicas recorded in stack.json").to.deep.equal([1, 2]);
    onFirst = await openStream([first.apiUrl], me.token);
    // Its reconnection goes to replica 1, as a load balancer would send it once replica 2 is gone,
    // after 3 s (a browser's EventSource default): writes go on meanwhile, which the resume must replay.
    onSecond = await openStream([second!.apiUrl, first.apiUrl], me.token, 3000);

    // Placement learns of replica 2 within seconds: until it does, every actor lands on replica 1.
    await eventually(
      async () => {
        const { body } = await me.call("POST", "/tasks", { title: "warm-up" });
        return (await servedBy([second!], [body.id])).get(body.id)!.length;
      },
      (n) => n > 0,
      60_000,
      "an actor placed on replica 2",
    );
    // Measured from here: the placement table holds both replicas.
    let counts = { 1: 0, 2: 0 };
    while (tasks.length < MAX_TASKS && (counts[1] < PER_REPLICA || counts[2] < PER_REPLICA)) {
      const created = await Promise.all(Array.from({ length: 4 }, (_, i) => me.call("POST", "/tasks", { title: `spread ${tasks.length + i}` })));
      for (const res of created) expect(res.status).to.equal(201);
      tasks = [...tasks, ...created.map((r) => r.body.id as string)];
      const served = await servedBy([first, second!], tasks);
      counts = { 1: 0, 2: 0 };
      for (const [id, by] of served) {
        expect(by, `task ${id} served by exactly one replica`).to.have.length(1);
        hostOf.set(id, by[0]!);
        counts[by[0] as 1 | 2]++;
      }
    }
    acknowledged += tasks.length;
    say(`${tasks.length} tasks created: replica 1 hosts ${counts[1]}, replica 2 hosts ${counts[2]}, none on both`);
    say(`daprd metadata, active TaskActors: replica 1 ${await activeTaskActors(first)}, replica 2 ${await activeTaskActors(second!)} (idle ones deactivate after 4 s)`);
    expect(counts[1], "actors on replica 1").to.be.at.least(PER_REPLICA);
    expect(counts[2], "actors on replica 2").to.be.at.least(PER_REPLICA);

    // Each replica reads the stream topics through a consumer group of its own: both see every change.
    const created = tasks.map((id) => `${id}:v1`);
    for (const [name, client] of [["replica 1", onFirst], ["replica 2", onSecond]] as const) {
      await eventually(async () => new Set(client.frames.map((f) => f.id)), (ids) => created.every((id) => ids.has(id)), 30_000, `every created frame on ${name}'s stream`);
    }
    say(`live stream: all ${created.length} created frames on replica 1's client and on replica 2's`);
  });

  it("moves a killed replica's actors to the survivor: readable and writable again, no acknowledged write lost", async () => {
    expect(tasks.length, "the spread test ran").to.be.above(0);
    const onKilled = tasks.filter((id) => hostOf.get(id) === 2);
    // Reminders planned before the kill (see `due`).
    const planned = Date.now();
    due.push({ name: "A", at: new Date(planned + 12_000).toISOString() }, { name: "B", at: new Date(planned + 25_000).toISOString() });
    const planning = await Promise.all(tasks.map((id) => me.call("PATCH", `/tasks/${id}`, { reminders: due.map((d) => ({ at: d.at })) })));
    for (const res of planning) expect(res.status).to.equal(200);
    acknowledged += planning.length;

    writer = startWriter(me, tasks);
    await eventually(async () => writer!.acked.length, (n) => n >= tasks.length, 30_000, "a round of writes before the kill");
    // The kill lands half a second before wave A is due, so the scheduler triggers
    // those reminders while placement may still name the dead replica: the hard case.
    await eventually(async () => Date.now(), (now) => now >= Date.parse(due[0]!.at) - 500, 15_000, "half a second before wave A");
    // The user's Inbox has an actor too, placed like any other: which replica served it last.
    const inboxHost = await lastServedBy([first, second!], inboxIdOf(user), "ListActor");
    killAt = Date.now();
    killApiReplica(stack(), 2);
    say(`the user's Inbox actor last served by replica ${inboxHost ?? "none"} before the kill`);
    expect(killAt, "the kill came before wave A fell due (else the machine is too slow for this test)").to.be.below(Date.parse(due[0]!.at));

    // Every task that lived on replica 2 is written through the survivor again.
    const firstAckAfterKill = await eventually(
      async () => new Map(onKilled.map((id) => [id, writer!.acked.find((a) => a.id === id && a.startedAt > killAt)?.at])),
      (m) => [...m.values()].every((at) => at !== undefined),
      120_000,
      "a write acknowledged after the kill for every task of the killed replica",
    );
    // And the stream client of the killed replica has reconnected (checked in the last test).
    await eventually(async () => onSecond!.reconnects.length, (n) => n > 0, 60_000, "the stream client reconnected");
    await writer.stop();
    const { acked, refused } = writer;
    acknowledged += acked.length;
    const slowest = Math.max(...[...firstAckAfterKill.values()].map((at) => at! - killAt));
    // A refused write was not acknowledged: its outcome is the client's to find out (a write in flight on the killed replica answers 500).
    const refusals = refused.map((r) => `${r.status} (sent ${r.startedAt - killAt} ms from the kill, on replica ${hostOf.get(r.id)}'s actor)`);
    say(`writes through the failover: ${acked.length} acknowledged, ${refused.length} refused${refusals.length ? `: ${refusals.join("; ")}` : ""}`);
    for (const r of refused) {
      expect(hostOf.get(r.id), `only writes to the killed replica's actors are refused: ${r.status} sent ${r.startedAt - killAt} ms from the kill`).to.equal(2);
    }
    say(`tasks of the killed replica writable again ${(slowest / 1000).toFixed(1)} s after the kill at the latest (${onKilled.length} tasks)`);

    // The survivor now serves them (its ledger saw their calls after the kill).
    const onSurvivor = new Map((await ledgerOf(first)).map((e) => [e.id, e]));
    for (const id of onKilled) expect(onSurvivor.get(id)?.lastCallAt ?? 0, `task ${id} served by replica 1 after the kill`).to.be.above(killAt);

    // No acknowledged write lost: each task is at least at its last acknowledged version, and the audit log has every one.
    for (const id of tasks) {
      const mine = acked.filter((a) => a.id === id);
      const newest = mine.reduce((m, a) => (a.version > m.version ? a : m), { version: 2, title: "" } as { version: number; title: string });
      const read = await eventually(() => me.call("GET", `/tasks/${id}`), (r) => r.status === 200, 30_000, `task ${id} through the survivor`);
      expect(read.body.version, `task ${id} version`).to.be.at.least(newest.version);
      if (read.body.version === newest.version && newest.title) expect(read.body.title).to.equal(newest.title);
      const expected = mine.map((a) => `${id}:v${a.version}`);
      await eventually(
        async () => new Set(((await me.call("GET", `/tasks/${id}/history`)).body?.items ?? []).map((e: { eventId: string }) => e.eventId)),
        (ids) => expected.every((e) => ids.has(e)),
        60_000,
        `every acknowledged write of ${id} in its history`,
      );
    }
    say(`acknowledged writes in all: ${acknowledged} (creates, reminder plans, the writer); lost 0`);
  });

  it("fires the killed replica's pending reminders once, from the survivor", async () => {
    expect(killAt, "the kill test ran").to.be.above(0);
    const deliveryIds = tasks.flatMap((id) => due.map((d) => `${id}:r-${Date.parse(d.at)}`));
    const lastDue = Date.parse(due[due.length - 1]!.at);
    await eventually(
      async () => new Set(receiver.received.map((r) => r.body.deliveryId as string)),
      (got) => deliveryIds.every((id) => got.has(id)),
      Math.max(lastDue - Date.now(), 0) + 90_000,
      "a webhook delivery of every reminder",
    );
    // Settled: every firing answered by the survivor's actor, every inbox entry delivered.
    const fired = await eventually(
      async () => {
        const ledger = new Map((await ledgerOf(first)).map((e) => [e.id, e]));
        return tasks.flatMap((id) => (ledger.get(id)?.reminders ?? []).map((r) => ({ ...r, id })));
      },
      (list) => deliveryIds.every((d) => list.some((r) => `${r.id}:${r.name}` === d && r.status === 200)),
      30_000,
      "every reminder answered by replica 1's actor",
    );
    const inbox = await eventually(
      async () => ((await me.call("GET", "/notifications?limit=100")).body.items as { deliveryId: string; state: string }[]).filter((n) => n.state !== "scheduled"),
      (items) => deliveryIds.every((d) => items.some((n) => n.deliveryId === d && n.state === "delivered")),
      60_000,
      "every reminder delivered in the inbox",
    );

    const requests = receiver.received.filter((r) => deliveryIds.includes(r.body.deliveryId));
    const distinct = new Set(requests.map((r) => r.body.deliveryId as string));
    const inboxIds = inbox.map((n) => n.deliveryId).filter((d) => deliveryIds.includes(d));
    const fromKilled = deliveryIds.filter((d) => hostOf.get(d.slice(0, d.indexOf(":"))) === 2);
    say(
      `reminders due ${deliveryIds.length} (${fromKilled.length} of actors on the killed replica): webhook requests ${requests.length}, ` +
        `distinct deliveries ${distinct.size}, duplicates ${requests.length - distinct.size}, inbox entries ${inboxIds.length} (distinct ${new Set(inboxIds).size}); ` +
        `reminder callbacks on the survivor ${fired.length}`,
    );
    expect(distinct.size, "no reminder lost").to.equal(deliveryIds.length);
    expect(requests.length, "no duplicate webhook delivery").to.equal(deliveryIds.length);
    expect(inboxIds.length, "one inbox entry per reminder").to.equal(deliveryIds.length);
    expect(new Set(inboxIds).size).to.equal(deliveryIds.length);
    for (const d of fromKilled) expect(fired.some((r) => `${r.id}:${r.name}` === d), `${d} fired on the survivor`).to.equal(true);
    for (const r of requests) expect(Date.parse(r.body.firedAt), "never early").to.be.at.least(Date.parse(r.body.remindAt));
  });

  it("reconnects the killed replica's stream clients to the survivor, which resumes without a gap", async () => {
    const client = onSecond!;
    expect(client.reconnects, "the client reconnected once").to.have.length(1);
    const [reconnect] = client.reconnects;
    expect(reconnect!.url).to.equal(first.apiUrl);
    expect(reconnect!.lastEventId, "it resumed from its last frame").to.be.a("string");
    const inGap = writer!.acked.filter((a) => a.at > reconnect!.droppedAt && a.at < reconnect!.connectedAt).length;
    // Every acknowledged change and every reminder reaches this client, from replica 2 before the kill or replica 1 after.
    const wanted = [...writer!.acked.map((a) => `${a.id}:v${a.version}`), ...tasks.flatMap((id) => due.map((d) => `${id}:r-${Date.parse(d.at)}`))];
    const seen = await eventually(async () => new Set(client.frames.map((f) => f.id)), (ids) => wanted.every((id) => ids.has(id)), 30_000, "every change on the reconnected stream").catch(
      (err: Error) => {
        const ids = new Set(client.frames.map((f) => f.id));
        const missing = wanted.filter((id) => !ids.has(id));
        const ackAt = new Map(writer!.acked.map((a) => [`${a.id}:v${a.version}`, a.at]));
        const when = (id: string) => (ackAt.has(id) ? `acknowledged ${ackAt.get(id)! - reconnect!.droppedAt} ms after the drop` : "a reminder");
        say(`missing on the reconnected stream: ${missing.length} of ${wanted.length} (drop→reconnect ${reconnect!.connectedAt - reconnect!.droppedAt} ms, Last-Event-ID ${reconnect!.lastEventId})`);
        for (const id of missing.slice(0, 10)) say(`  ${id}: ${when(id)}`);
        throw err;
      },
    );
    const resyncs = client.frames.filter((f) => f.event === "resync").length;
    say(
      `stream: dropped at the kill, reconnected to replica 1 after ${((reconnect!.connectedAt - reconnect!.droppedAt) / 1000).toFixed(1)} s with Last-Event-ID; ` +
        `${inGap} writes acknowledged in the gap; ${wanted.length} changes and reminders expected, all seen (${seen.size} distinct frame ids), resync frames ${resyncs}`,
    );
    expect(inGap, "changes were made during the gap").to.be.above(0);
    expect(resyncs, "resumed, not asked to resync").to.equal(0);
  });
});
