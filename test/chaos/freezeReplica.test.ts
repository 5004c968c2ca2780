/**
 * Two api replicas, one of them frozen (issue 27: "with two replicas, not
 * even those"). Replica 2 is added to the test stack (as replicas.test.ts
 * does), the actors spread over both, and then, under the chaos suite's
 * steady create load, replica 2's daprd alone, or its app alone, is frozen
 * (SIGSTOP) for FREEZE_MS and thawed; and its app alone is killed for as
 * long (a crashed app container beside a live sidecar). The load goes through replica 1: the
 * local stack has no load balancer, and which requests a Service would still
 * route to a frozen pod is decided by its readiness probe's timing, not by
 * Tickler (the cluster suite measures that part). What this measures is the
 * path every create takes to its actor, half of which placement put on the
 * frozen replica.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { setTimeout as sleep } from "node:timers/promises";
import { scrape, total } from "../../scripts/promScrape.js";
import { ROOT } from "../../scripts/root.js";
import { profilePort } from "../../scripts/stack/dapr.js";
import { isAlive, readPid } from "../../scripts/stack/processes.js";
import { apiReplica, apiReplicaAnswers, killApiReplicaApp, restartApiReplicaApp, signalApiReplica, startApiReplica, stopApiReplica, type ApiReplica, type ReplicaPart } from "../../scripts/stack/replicas.js";
import { servedBy } from "../support/replicas.js";
import { apiAs, eventually, stack } from "../support/stack.js";
import { FREEZE_MS, formatTable, LOCAL, measureFault, printRow, type ChaosRow, type FaultEnv } from "./harness.js";
import { expectNothingLost } from "./suite.js";
import type { Write } from "./writer.js";

const say = (line: string) => process.stdout.write(`      ${line}\n`);
/** The issue's target: no acknowledged create slower than this. */
const TARGET_MS = 5000;

async function replicaMetrics(replica: ApiReplica) {
  return scrape(`${replica.apiUrl}/metrics`).catch(() => []);
}

describe("two api replicas: one replica's daprd or app frozen, or its app killed, under a steady create load", function () {
  let first: ApiReplica;
  let second: ApiReplica | undefined;
  const rows: ChaosRow[] = [];

  // Both replicas must be whole (and answer) before and after each fault; outbox and duplicate counts over both.
  const env: FaultEnv = {
    ...LOCAL,
    notWhole: async () => {
      const whole = await LOCAL.notWhole();
      const ready = await fetch(`${second!.apiUrl}/readyz`, { signal: AbortSignal.timeout(3000) }).then((r) => r.status, () => 0);
      return [whole, ready === 200 ? null : `api replica 2 /readyz ${ready}`].filter(Boolean).join("; ") || null;
    },
    outboxPending: async () => (await LOCAL.outboxPending()) + total(await replicaMetrics(second!), "tickler_outbox_pending_events"),
    scrapeAll: async () => {
      const scrapes = await LOCAL.scrapeAll();
      return { ...scrapes, api: [...scrapes.api, ...(await replicaMetrics(second!))] };
    },
  };

  before(async () => {
    first = apiReplica(stack().profile, 1);
    second = await startApiReplica(stack(), ROOT, 2);
    // Placement learns of replica 2 within seconds: until it does, every actor lands on replica 1.
    const me = await apiAs(`freeze-warm-${randomUUID()}`);
    await eventually(
      async () => {
        const { body } = await me.call("POST", "/tasks", { title: "warm-up" });
        return (await servedBy([second!], [body.id])).get(body.id)!.length;
      },
      (n) => n > 0,
      60_000,
      "an actor placed on replica 2",
    );
  });

  after(async () => {
    if (second) await stopApiReplica(stack(), 2);
    if (rows.length > 0) process.stdout.write(`\n${formatTable(rows)}\n\n`);
  });

  // `target`: whether the issue's target is asserted (no create refused, none acknowledged slower than 5 s);
  // where it is not, its figures are printed and docs/results/2026-12-06-freeze-one-replica.md says why.
  const faults: { name: string; slug: string; target: boolean; apply: () => Promise<void> }[] = [
    { name: "SIGSTOP daprd of api replica 2 (of 2)", slug: "freeze-daprd", target: true, apply: () => freeze("daprd") },
    { name: "SIGSTOP app of api replica 2 (of 2)", slug: "freeze-app", target: false, apply: () => freeze("app") },
    { name: "kill -9 app of api replica 2 (of 2), its daprd up", slug: "kill-app", target: false, apply: killApp },
  ];
  for (const fault of faults) {
    it(`${fault.name} for ${FREEZE_MS / 1000} s: nothing acknowledged lost, no one told "failed" for a committed write`, async () => {
      const user = `${fault.slug}-2-${randomUUID().slice(0, 8)}`;
      let writes: Write[] = [];
      let faultAt = 0;
      let endedAt = 0;
      const row = await measureFault(env, fault.name, user, async (w) => {
        writes = w;
        faultAt = Date.now();
        await fault.apply();
        endedAt = Date.now();
      });
      rows.push(row);
      printRow(row);
      await explain(writes, faultAt, endedAt);
      expectNothingLost(row);
      say(`target${fault.target ? "" : " (not asserted)"}: slowest acknowledged create ${row.slowestAckMs} ms (< ${TARGET_MS}), refused ${row.refused} (0)`);
      if (fault.target) {
        expect(row.refused, `creates refused: ${row.refusedBy}`).to.equal(0);
        expect(row.slowestAckMs, "slowest acknowledged create (ms)").to.be.below(TARGET_MS);
      }
    });
  }

  /** daprd's goroutine dump (Go pprof), kept beside the stack's logs. */
  async function goroutinesOfDaprd2(label: string): Promise<void> {
    const url = `http://127.0.0.1:${profilePort(second!.ports)}/debug/pprof/goroutine?debug=2`;
    const text = await fetch(url, { signal: AbortSignal.timeout(5000) }).then((r) => r.text(), (err: Error) => `no dump: ${err.message}`);
    const file = path.join(stack().profile.stateDir, "logs", `daprd-${second!.name}.goroutines-${label}.txt`);
    fs.writeFileSync(file, text);
    say(`replica 2's daprd goroutines during the fault: ${file}`);
  }

  /** The app dies and stays down as long as a freeze lasts (nothing restarts it locally; a kubelet would), then starts again. */
  async function killApp(): Promise<void> {
    const pid = readPid(stack().profile.stateDir, `app-${second!.name}`);
    killApiReplicaApp(stack(), 2);
    await eventually(async () => pid === null || !isAlive(pid), (gone) => gone, 15_000, "replica 2's app gone");
    try {
      await sleep(FREEZE_MS);
    } finally {
      await restartApiReplicaApp(stack(), ROOT, 2);
    }
  }

  /** The fault: freeze, hold it (the fault's own length, not a wait that decides anything), thaw, until it answers again. */
  async function freeze(part: ReplicaPart): Promise<void> {
    signalApiReplica(stack(), 2, part, "SIGSTOP");
    try {
      // A third of the way in, with TICKLER_DAPRD_PROFILING=1, what replica 2's daprd is waiting on (when it is not the frozen one).
      await sleep(FREEZE_MS / 3);
      if (part === "app" && process.env.TICKLER_DAPRD_PROFILING === "1") await goroutinesOfDaprd2(`freeze-${part}`);
      await sleep(FREEZE_MS - FREEZE_MS / 3);
    } finally {
      signalApiReplica(stack(), 2, part, "SIGCONT");
    }
    await eventually(() => apiReplicaAnswers(stack(), 2, part), (ok) => ok, 60_000, `replica 2's ${part} answering after SIGCONT`);
  }

  /** Where the slow and refused creates were: by the time they were sent, relative to the fault, and who serves their actor now. */
  async function explain(writes: Write[], frozenAt: number, thawedAt: number): Promise<void> {
    const hosts = await servedBy([first, second!], writes.map((w) => w.id));
    const on2 = writes.filter((w) => hosts.get(w.id)?.includes(2));
    say(`creates ${writes.length}; actors served by replica 2 at some point ${on2.length}; fault ${frozenAt - (writes[0]?.startedAt ?? frozenAt)} ms after the first create, ${new Date(frozenAt).toISOString()} to ${new Date(thawedAt).toISOString()} (${((thawedAt - frozenAt) / 1000).toFixed(1)} s)`);
    const notable = writes.filter((w) => w.status !== 201 || w.endedAt - w.startedAt > 1000);
    for (const w of notable.slice(0, 40)) {
      say(
        `  sent ${((w.startedAt - frozenAt) / 1000).toFixed(1)} s from the fault, answered after ${w.endedAt - w.startedAt} ms: ${w.status}${w.problem ? ` ${w.problem}` : ""}; served by replica ${hosts.get(w.id)?.join("+") || "none"}`,
      );
    }
    // Creates during the freeze whose actor replica 1 serves after placement moved it: the first one is when the move took effect.
    const movedAcks = writes.filter((w) => w.status === 201 && w.startedAt >= frozenAt && w.startedAt <= thawedAt && hosts.get(w.id)?.includes(1));
    const slowInFreeze = writes.filter((w) => w.startedAt >= frozenAt && w.startedAt <= thawedAt && (w.status !== 201 || w.endedAt - w.startedAt > 1000));
    const lastBad = Math.max(0, ...slowInFreeze.map((w) => w.startedAt - frozenAt));
    say(`during the fault: ${movedAcks.length} creates acknowledged on replica 1; the last slow (> 1 s) or refused create was sent ${(lastBad / 1000).toFixed(1)} s into it`);
  }
});
