/** Observing several api replicas of the test stack: who hosts which actor, and a steady writer. */
import type { ApiReplica } from "../../scripts/stack/replicas.js";
import type { LedgerEntry } from "./actorLedger.js";
import { stack, type apiAs } from "./stack.js";

/** The TaskActors a replica's app has served (test/support/actorLedger.ts). */
export async function ledgerOf(replica: ApiReplica, type = "TaskActor"): Promise<LedgerEntry[]> {
  const res = await fetch(`${replica.apiUrl}/internal/test/actors?type=${type}`, {
    headers: { "dapr-api-token": stack().secrets.appApiToken },
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`ledger of api replica ${replica.replica}: ${res.status}`);
  return ((await res.json()) as { actors: LedgerEntry[] }).actors;
}

/** For each id, the replicas whose app served a call of its actor (of `type`). */
export async function servedBy(replicas: ApiReplica[], ids: string[], type = "TaskActor"): Promise<Map<string, number[]>> {
  const hosts = new Map<string, number[]>(ids.map((id) => [id, []]));
  for (const replica of replicas) {
    for (const e of await ledgerOf(replica, type)) hosts.get(e.id)?.push(replica.replica);
  }
  return hosts;
}

/** The replica whose app served the latest call of the actor `type`/`id`; undefined if none did. */
export async function lastServedBy(replicas: ApiReplica[], id: string, type: string): Promise<number | undefined> {
  let newest: { replica: number; at: number } | undefined;
  for (const replica of replicas) {
    const e = (await ledgerOf(replica, type)).find((x) => x.id === id);
    if (e && (!newest || e.lastCallAt > newest.at)) newest = { replica: replica.replica, at: e.lastCallAt };
  }
  return newest?.replica;
}

/** daprd's own count of active TaskActors (its metadata API): printed beside the ledger, as a second witness. */
export async function activeTaskActors(replica: ApiReplica): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${replica.ports.daprHttp}/v1.0/metadata`, { headers: { "dapr-api-token": stack().secrets.daprApiToken } });
  const meta = (await res.json()) as { actorRuntime?: { activeActors?: { type: string; count: number }[] } };
  return meta.actorRuntime?.activeActors?.find((a) => a.type === "TaskActor")?.count ?? 0;
}

export interface Ack {
  id: string;
  version: number;
  title: string;
  startedAt: number;
  at: number;
}

export interface Refusal {
  id: string;
  status: number | string;
  startedAt: number;
  at: number;
}

export interface Writer {
  acked: Ack[];
  refused: Refusal[];
  stop(): Promise<void>;
}

/** PATCHes the tasks' titles round-robin, `workers` at a time, until stopped; records every answer. */
export function startWriter(api: Awaited<ReturnType<typeof apiAs>>, ids: string[], workers = 2, pauseMs = 100): Writer {
  const acked: Ack[] = [];
  const refused: Refusal[] = [];
  let stopped = false;
  let seq = 0;
  const loops = Array.from({ length: workers }, async () => {
    while (!stopped) {
      const n = seq++;
      const id = ids[n % ids.length]!;
      const title = `write ${n}`;
      const startedAt = Date.now();
      try {
        const res = await api.call("PATCH", `/tasks/${id}`, { title });
        if (res.status === 200) acked.push({ id, version: res.body.version as number, title, startedAt, at: Date.now() });
        else refused.push({ id, status: res.status, startedAt, at: Date.now() });
      } catch (err) {
        refused.push({ id, status: (err as Error).message, startedAt, at: Date.now() });
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  });
  return {
    acked,
    refused,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}
