/**
 * The chaos suite's steady load: a create every `intervalMs` (open loop, so a
 * write that hangs during a fault does not stop the next from starting), every
 * second one with a reminder due 2–6 s ahead. Every create carries its own
 * Idempotency-Key, so the task id of a refused create is known
 * (taskIdForKey): a create that was committed although the client saw an
 * error can then be told apart from one that never happened.
 */
import { randomUUID } from "node:crypto";
import { taskIdForKey } from "../../src/api/tasks/idempotency.js";
import { target, tokenFor } from "../support/stack.js";

export interface Write {
  id: string;
  key: string;
  /** Epoch ms of the reminder this create plans, if any. */
  remindAt: number | null;
  startedAt: number;
  endedAt: number;
  /** The task's createdAt as answered (201 only): the instant the actor planned its reminders at. */
  createdAt?: number;
  /** HTTP status, or the error's message when no answer came. */
  status: number | string;
  /** The answer said the outcome is unknown (503 with the `outcome-unknown` problem type): retry with the same key to learn it. */
  outcomeUnknown?: boolean;
  /** The problem's code (the last segment of its `type`) when the answer was a problem+json refusal. */
  problem?: string;
}

export interface Writer {
  user: string;
  writes: Write[];
  acked(): Write[];
  refused(): Write[];
  /** Ticks at which no create was started because maxInFlight were still open. */
  readonly skipped: number;
  stop(): Promise<void>;
}

/** Long enough for the api's own 25 s wait on an actor call; a request still open after this counts as refused. */
const REQUEST_TIMEOUT_MS = 40_000;

export async function startWriter(user: string, opts: { intervalMs?: number; maxInFlight?: number } = {}): Promise<Writer> {
  const intervalMs = opts.intervalMs ?? 250;
  const maxInFlight = opts.maxInFlight ?? 16;
  const token = await tokenFor(user, "2h");
  const url = `${target().apiUrl}/api/v1/tasks`;
  const writes: Write[] = [];
  const inFlight = new Set<Promise<void>>();
  let n = 0;
  let skipped = 0;

  async function create(): Promise<void> {
    const seq = n++;
    const key = randomUUID();
    const startedAt = Date.now();
    const remindAt = seq % 2 === 0 ? startedAt + 2000 + (seq % 5) * 1000 : null;
    const body = { title: `chaos ${seq}`, ...(remindAt !== null ? { reminders: [{ at: new Date(remindAt).toISOString() }] } : {}) };
    let status: number | string;
    let createdAt: number | undefined;
    let outcomeUnknown = false;
    let problem: string | undefined;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      status = res.status;
      if (res.status === 503 && /outcome-unknown/.test(text)) outcomeUnknown = true;
      if (res.status >= 400 && (res.headers.get("content-type") ?? "").startsWith("application/problem+json")) {
        const type = (() => {
          try {
            return (JSON.parse(text) as { type?: unknown }).type;
          } catch {
            return undefined;
          }
        })();
        problem = typeof type === "string" ? type.slice(type.lastIndexOf("/") + 1) : "(unreadable problem)";
      }
      if (res.status === 201) {
        const task = JSON.parse(text) as { id: string; createdAt: string };
        createdAt = Date.parse(task.createdAt);
        if (task.id !== taskIdForKey(user, key)) status = "201 with an unexpected task id";
      }
    } catch (err) {
      status = (err as Error).name === "TimeoutError" ? "timeout" : (err as Error).message;
    }
    writes.push({ id: taskIdForKey(user, key), key, remindAt, startedAt, endedAt: Date.now(), status, ...(createdAt !== undefined ? { createdAt } : {}), ...(outcomeUnknown ? { outcomeUnknown } : {}), ...(problem ? { problem } : {}) });
  }

  const timer = setInterval(() => {
    if (inFlight.size >= maxInFlight) {
      skipped++;
      return;
    }
    const p: Promise<void> = create().finally(() => inFlight.delete(p));
    inFlight.add(p);
  }, intervalMs);

  return {
    user,
    writes,
    acked: () => writes.filter((w) => w.status === 201),
    refused: () => writes.filter((w) => w.status !== 201),
    get skipped() {
      return skipped;
    },
    stop: async () => {
      clearInterval(timer);
      await Promise.all([...inFlight]);
    },
  };
}
